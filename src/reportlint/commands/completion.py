"""`reportlint completion bash|zsh`: a shell completion script made from the command line's own parser, so it
offers exactly the commands, options and values that exist, and nothing has to be kept in step by hand.

zsh gets the same function through its `bashcompinit`, which runs bash completion functions as they are.
"""

from __future__ import annotations

import argparse
import sys

from reportlint.course.templates import BUILTIN, INFER
from reportlint.rules import RULES

Words = tuple[tuple[str, ...], bool]  # the words a value may be, and whether file names may be too
# Values named by a metavar rather than by choices: a template is a built-in name, 'infer', or a file.
METAVAR_WORDS: dict[str, Words] = {"NAME": ((*BUILTIN, INFER), True), "CODE": (tuple(RULES), False)}


def run(options: argparse.Namespace) -> int:
    from reportlint.commands.main import COMMANDS, build_parser

    sys.stdout.write(script(build_parser(), tuple(COMMANDS), options.shell))
    return 0


def script(parser: argparse.ArgumentParser, commands: tuple[str, ...], shell: str) -> str:
    """The completion script for `shell`; `commands` in the order `reportlint --help` lists them."""
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    values: list[str] = []  # case arms: "command option") COMPREPLY=(...) ;;
    flags: list[str] = []
    positionals: list[str] = []
    for name in commands:
        command: argparse.ArgumentParser = subparsers.choices[name]
        options: list[str] = []
        for action in command._actions:
            if not action.option_strings:
                positionals.append(f"        {name}) {_reply(_words(action))} ;;")
                continue
            options.extend(action.option_strings)
            if action.nargs != 0:
                patterns = "|".join(f'"{name} {option}"' for option in action.option_strings)
                values.append(f"        {patterns}) {_reply(_words(action))}; return ;;")
        flags.append(f'        {name}) COMPREPLY=($(compgen -W "{" ".join(options)}" -- "$cur")) ;;')
    body = BASH.format(
        commands="|".join(commands),
        command_words=" ".join(commands),
        values="\n".join(values),
        flags="\n".join(flags),
        positionals="\n".join(positionals),
    )
    return (ZSH_PREFIX if shell == "zsh" else "") + body


def _words(action: argparse.Action) -> Words:
    if action.choices is not None:
        return tuple(str(choice) for choice in action.choices), False
    if isinstance(action.metavar, str) and action.metavar in METAVAR_WORDS:
        return METAVAR_WORDS[action.metavar]
    return (), True


def _reply(words: Words) -> str:
    listed, files = words
    parts = []
    if listed:
        parts.append(f'$(compgen -W "{" ".join(listed)}" -- "$cur")')
    if files:
        parts.append('$(compgen -f -- "$cur")')
    return f"COMPREPLY=({' '.join(parts)})"


ZSH_PREFIX = """\
# zsh runs the bash completion function below through bashcompinit.
autoload -U +X bashcompinit && bashcompinit
"""

BASH = """\
# Completion for reportlint, made by `reportlint completion` from its own options.
_reportlint() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}} command=check
    if ((COMP_CWORD > 1)); then
        case ${{COMP_WORDS[1]}} in {commands}) command=${{COMP_WORDS[1]}} ;; esac
    fi
    case "$command $prev" in
{values}
    esac
    if [[ $cur == -* ]]; then
        case $command in
{flags}
        esac
        return
    fi
    COMPREPLY=()
    case $command in
{positionals}
    esac
    if ((COMP_CWORD == 1)); then  # `reportlint FILE...` checks files: commands and files both fit here
        COMPREPLY+=($(compgen -W "{command_words}" -- "$cur"))
    fi
}}
complete -o filenames -F _reportlint reportlint
"""
