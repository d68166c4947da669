"""The import graph keeps the layers of docs/architecture.md: no cycles, and no module imports a higher layer.

Lazy imports inside functions count too: they keep start-up cheap, not the design loose.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reportlint"

# Lowest first. A module may import its own layer and the layers below it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("reportlint.records",),
    ("reportlint.findings",),
    ("reportlint.course",),
    ("reportlint.reading",),
    ("reportlint.checks",),
    ("reportlint.rules", "reportlint.config", "reportlint.status"),
    ("reportlint.lint",),
    ("reportlint.output",),
    ("reportlint.edge",),
    ("reportlint.api",),
    ("reportlint.commands", "reportlint.__main__"),
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """The reportlint modules `name` imports, wherever in the file the import statement stands."""
    found: set[str] = set()
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {target for target in found if target in MODULES and target != name}


GRAPH = {name: imports(name) for name in MODULES}


def layer(name: str) -> int:
    """The layer of a module; the package itself is the public API's layer."""
    if name == "reportlint":
        name = "reportlint.api"
    for index, prefixes in enumerate(LAYERS):
        if any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes):
            return index
    raise AssertionError(f"{name} is in no layer: add it to LAYERS and docs/architecture.md")


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_a_higher_layer(name: str) -> None:
    upward = sorted(target for target in GRAPH[name] if layer(target) > layer(name))
    assert upward == [], f"{name} imports {upward}"


def test_no_import_cycles() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_check_layers_import_no_heavy_library() -> None:
    """The hook's path stays on the standard library: Python-Markdown only for pages, TOML only for configuration."""
    heavy = {"markdown", "click", "markdown_it"}
    for name, path in MODULES.items():
        if layer(name) <= layer("reportlint.lint"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            used = {
                alias.name.split(".")[0]
                for node in ast.walk(tree)
                if isinstance(node, ast.Import)
                for alias in node.names
            } | {
                node.module.split(".")[0]
                for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
            }
            assert not used & heavy, name


def test_record_types_are_made_by_records_not_typing() -> None:
    """typing's NamedTuple compiles every field's annotation at import: the hook's start pays for each."""
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        from_typing = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "typing"
            for alias in node.names
        }
        assert name == "reportlint.records" or "NamedTuple" not in from_typing, name
