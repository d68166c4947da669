"""Configuration discovery and precedence, every bad configuration's message, template files, GitHub format,
and the `rules` and `templates` commands."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_report, invoke, line_of
from reportlint.course.templates import BUILTIN
from reportlint.edge import discovery
from reportlint.rules import RULES


def run(*args: str) -> tuple[int, str, str]:
    result = invoke(list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A group's repository: git work tree at tmp_path/repo, report in reports/ with its figure."""
    root = tmp_path / "repo"
    (root / "reports" / "figures").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    from conftest import png_bytes

    (root / "reports" / "figures" / "fig.png").write_bytes(png_bytes())
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    return root


def report(repo: Path, text: str) -> str:
    path = repo / "reports" / "README.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


# Discovery and precedence.


def test_pyproject_at_the_repository_root_is_found(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.reportlint]\ntemplate = "dtu-mlops-2023"\n')
    code, out, _ = run(report(repo, build_report()))
    assert out.splitlines()[-1].endswith(
        "dtu-mlops-2023: course check stops with an error · 13 errors · fails: Q6, Q24, Q25, Q26"
    )
    assert code == 1


def test_nearest_file_wins_and_reportlint_toml_is_read(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.reportlint]\ntemplate = "dtu-mlops-2023"\n')
    (repo / "reports" / ".reportlint.toml").write_text('template = "dtu-mlops-2025"\n')
    code, out, _ = run(report(repo, build_report()))
    assert (code, out.splitlines()[-1].split(": ", 1)[1]) == (0, "dtu-mlops-2025: course check 31/31 · no findings")


def test_pyproject_without_a_reportlint_table_is_passed_over(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.reportlint]\ndraft = true\n")
    (repo / "reports" / "pyproject.toml").write_text('[project]\nname = "reports"\n')
    code, _, _ = run(report(repo, build_report({27: "--- question 27 fill here ---"})))
    assert code == 0


def test_configuration_above_the_repository_is_not_used(repo: Path) -> None:
    (repo.parent / "pyproject.toml").write_text("[tool.reportlint]\ndraft = true\n")
    code, _, _ = run(report(repo, build_report({27: "--- question 27 fill here ---"})))
    assert code == 1


def test_reports_under_one_configuration_read_it_once(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "pyproject.toml").write_text('[tool.reportlint]\ntemplate = "dtu-mlops-2023"\n')
    paths = []
    for group in ("g1", "g2"):
        (repo / group / "reports").mkdir(parents=True)
        paths.append(str(repo / group / "reports" / "README.md"))
        (repo / group / "reports" / "README.md").write_text(build_report(), encoding="utf-8")
    read: list[str] = []
    real = discovery._toml

    def counted(path: str) -> dict[str, object]:
        read.append(path)
        return real(path)

    monkeypatch.setattr(discovery, "_toml", counted)
    out = run(*paths)[1]
    assert [line.split(": ", 1)[1].split(":")[0] for line in out.splitlines()[-2:]] == ["dtu-mlops-2023"] * 2
    assert read == [str(repo / "pyproject.toml")]


def test_command_line_template_wins_over_configuration(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.reportlint]\ntemplate = "dtu-mlops-2023"\n')
    code, out, _ = run("--template", "dtu-mlops-2025", report(repo, build_report()))
    assert (code, out.splitlines()[-1].split(": ", 1)[1]) == (0, "dtu-mlops-2025: course check 31/31 · no findings")


def test_draft_from_configuration_or_command_line(repo: Path) -> None:
    path = report(repo, build_report({27: "--- question 27 fill here ---"}))
    assert run(path)[0] == 1
    assert run("--draft", path)[0] == 0
    (repo / "pyproject.toml").write_text("[tool.reportlint]\ndraft = true\n")
    assert run(path)[0] == 0


def test_ignore_and_select(repo: Path) -> None:
    text = build_report({5: "w", 19: "![a](figures/nope.png)"})
    path = report(repo, text)
    (repo / "pyproject.toml").write_text('[tool.reportlint]\nignore = ["RL4"]\n')
    assert [line.split(": ")[1].split()[0] for line in run(path)[1].splitlines()[:-1]] == ["RL201"]
    (repo / "pyproject.toml").write_text('[tool.reportlint]\nselect = ["RL401"]\n')
    assert [line.split(": ")[1].split()[0] for line in run(path)[1].splitlines()[:-1]] == ["RL401"]


def test_image_extensions(repo: Path) -> None:
    (repo / "reports" / "figures" / "arch.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    path = report(repo, build_report({19: "![a](figures/arch.svg)"}))
    assert "RL405" in run(path)[1]
    (repo / "pyproject.toml").write_text('[tool.reportlint]\nimage-extensions = [".png", ".svg"]\n')
    assert run(path)[0] == 0


def test_per_question_limits(repo: Path) -> None:
    text = build_report({7: " ".join(["w"] * 120), 19: "no picture"})
    path = report(repo, text)
    (repo / "pyproject.toml").write_text(
        "[tool.reportlint.questions.7]\nwords = [50, 150]\n\n[tool.reportlint.questions.19]\nimages = false\n"
    )
    assert run(path) == (0, f"{path}: dtu-mlops-2025: course check 31/31 · no findings\n", "")
    (repo / "pyproject.toml").write_text("[tool.reportlint.questions.7]\nwords = [130, 150]\n")
    _code, out, _ = run(path)
    assert (
        f"{path}:{line_of(text, '> Answer:', 7)}:1: RL201 error: Question 7: 120 words, expected 130-150: 10 short"
        in out
    )


# Bad configurations: file, key, reason; exit 2 before any report is checked.


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '[tool.reportlint]\ntempalte = "x"\n',
            "tempalte: unknown key (known: template, draft, strict, select, ignore, severity, image-extensions, questions)",
        ),
        ('[tool.reportlint]\ndraft = "yes"\n', "draft: must be true or false, not 'yes'"),
        ('[tool.reportlint]\nignore = "RL201"\n', 'ignore: must be a list of finding codes, e.g. ["RL303", "RL4"]'),
        (
            '[tool.reportlint]\nselect = ["RL999"]\n',
            "select: 'RL999' is not a finding code or a prefix of one (see `reportlint rules`)",
        ),
        (
            '[tool.reportlint]\ntemplate = "dtu-mlops-2099"\n',
            "template: 'dtu-mlops-2099' is neither a built-in template nor a template file",
        ),
        ("[tool.reportlint.questions.7]\nwords = [150, 100]\n", "questions.7.words: minimum 150 is above maximum 100"),
        ("[tool.reportlint.questions.7]\nwords = [-1, 100]\n", "questions.7.words: minimum -1 is negative"),
        (
            "[tool.reportlint.questions.7]\nwords = [1.5, 100]\n",
            "questions.7.words: must be [min, max] (whole numbers) or false, not [1.5, 100]",
        ),
        (
            "[tool.reportlint.questions.7]\npictures = [1, 2]\n",
            "questions.7.pictures: unknown key (known: words, images)",
        ),
        (
            "[tool.reportlint.questions.zero]\nwords = [1, 2]\n",
            "questions.zero: question numbers are whole numbers from 1",
        ),
        (
            "[tool.reportlint]\nimage-extensions = []\n",
            'image-extensions: must be a non-empty list such as [".png", ".jpg"]',
        ),
        ("[tool.reportlint\n", "toml: "),
    ],
    ids=[
        "unknown-key",
        "draft-type",
        "ignore-type",
        "unknown-code",
        "unknown-template",
        "min-above-max",
        "negative",
        "not-whole",
        "unknown-question-key",
        "bad-question-number",
        "no-extensions",
        "toml-syntax",
    ],
)
def test_bad_configuration_exits_2_naming_file_and_key(repo: Path, content: str, message: str) -> None:
    config = repo / "pyproject.toml"
    config.write_text(content)
    code, out, err = run(report(repo, build_report({5: "w"})))
    assert (code, out) == (2, "")
    assert err.startswith(f"reportlint: {config}: {message}")


# A course's own template file, end to end.

COURSE = """name = "ml-course-2026"

[questions.1]

[questions.2]
words = [10, 20]

[questions.3]
words = [5, 50]
images = [1, 1]
"""


def course_report(answers: dict[int, str]) -> str:
    parts = ["# Another course's report", ""]
    for number in (1, 2, 3):
        parts += [f"### Question {number}", "", "> **Your own prompt.**", ">", "> Answer:", "", answers[number], ""]
    return "\n".join(parts)


def test_custom_template_file_end_to_end(repo: Path) -> None:
    (repo / "course.toml").write_text(COURSE)
    (repo / "pyproject.toml").write_text('[tool.reportlint]\ntemplate = "course.toml"\n')
    text = course_report({1: "Group 3", 2: "too short", 3: "Our system as a figure: ![f](figures/fig.png)"})
    path = report(repo, text)
    code, out, _ = run(path)
    assert (code, out.splitlines()) == (
        1,
        [
            f"{path}:{line_of(text, '> Answer:', 2)}:1: RL201 error: Question 2: 2 words, expected 10-20: 8 short",
            f"{path}: ml-course-2026: course check 2/3 · 1 error · fails: Q2",
        ],
    )
    assert run("--template", str(repo / "course.toml"), path)[0] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            'name = "x"\n\n[questions.1]\n\n[questions.3]\n',
            "questions: must be numbered 1-2 with none left out (missing 2)",
        ),
        ("[questions.1]\n", 'name: must be the template\'s name, e.g. "my-course-2026"'),
        ('name = "x"\nlimits = 3\n', "limits: unknown key (known: name, questions)"),
    ],
    ids=["gap", "no-name", "unknown-key"],
)
def test_bad_template_file(repo: Path, content: str, message: str) -> None:
    (repo / "course.toml").write_text(content)
    (repo / "pyproject.toml").write_text('[tool.reportlint]\ntemplate = "course.toml"\n')
    code, _, err = run(report(repo, build_report()))
    assert code == 2
    assert err == f"reportlint: {repo / 'course.toml'}: {message}\n"


# GitHub Actions format.

WORKFLOW_COMMAND = re.compile(r"^::(error|warning) file=([^,]*),line=(\d+),col=(\d+),title=([^:]*)::(.*)$")


def test_github_format_parses_back_line_by_line(repo: Path) -> None:
    text = build_report({5: "w, 100% short", 27: "--- question 27 fill here ---"})
    path = report(repo, text)
    code, out, _ = run("--format", "github", "--draft", path)
    commands = [WORKFLOW_COMMAND.match(line) for line in out.splitlines()[:-1]]
    assert code == 1
    assert [(m[1], m[2], int(m[3]), int(m[4]), m[5], m[6]) for m in commands if m] == [
        (
            "error",
            path,
            line_of(text, "> Answer:", 5),
            1,
            "RL201 too-few-words",
            "Question 5: 3 words, expected 100-200: 97 short",
        ),
        (
            "warning",
            path,
            line_of(text, "question 27 fill here"),
            1,
            "RL301 unanswered",
            "Question 27 is unanswered: replace `--- question 27 fill here ---` with your answer",
        ),
    ]


def test_github_format_escapes_what_would_break_the_command() -> None:
    from reportlint.findings import Finding
    from reportlint.output.github import github_line

    finding = Finding("a,b:c.md", 3, 1, "RL201", "50%\nmore")
    assert github_line(finding) == "::error file=a%2Cb%3Ac.md,line=3,col=1,title=RL201 too-few-words::50%25%0Amore"


# rules and templates.


def test_rules_lists_every_code() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == list(RULES)
    assert out.splitlines()[0].split(None, 3) == ["RL101", "missing-question", "error", RULES["RL101"].summary]


def test_rules_explains_one_code() -> None:
    code, out, _ = run("rules", "rl303")
    rule = RULES["RL303"]
    assert (code, out) == (
        0,
        f"RL303 dash-wrapped-answer (warning by default)\n\n{rule.summary}\n\nExample:\n  {rule.example}\n",
    )


def test_rules_unknown_code_is_a_usage_error() -> None:
    assert run("rules", "RL999")[0] == 2


def test_templates_lists_the_limits() -> None:
    code, out, _ = run("templates")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "dtu-mlops-2025: 31 questions"
    assert lines[2 + 14 - 1].split() == ["14", "200-300", "1-3"]
    assert f"dtu-mlops-2023: {BUILTIN['dtu-mlops-2023'].count} questions" in lines
    assert lines[-1] == "infer: limits read from each question's own prompt"


def test_no_configuration_file_keeps_the_check_path_free_of_toml(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(build_report())
    probe = (
        "import sys\nbefore = set(sys.modules)\nimport reportlint.commands.main as c\n"  # coverage may import tomllib first
        "sys.argv=['reportlint', sys.argv[1]]\ntry: c.main()\nexcept SystemExit: pass\n"
        "assert not {'tomllib', 'markdown'} & (set(sys.modules) - before)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_a_project_pyproject_without_reportlint_is_not_parsed(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "ml-project"\n')
    probe = (
        "import sys\nbefore = set(sys.modules)\nimport reportlint.commands.main as c\n"  # coverage may import tomllib first
        "sys.argv=['reportlint', sys.argv[1]]\ntry: c.main()\nexcept SystemExit: pass\n"
        "assert not {'tomllib', 'tomli'} & (set(sys.modules) - before)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, report(repo, build_report())], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
