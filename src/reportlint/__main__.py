from reportlint.commands.main import run

run()
