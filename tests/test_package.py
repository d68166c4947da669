"""The package as pip builds it: its version is the code's, it says which Pythons it supports, it is typed, and it
carries its licence."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import PROJECT
from reportlint import __version__

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PROJECT_TABLE = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_version_is_the_codes() -> None:
    assert PROJECT_TABLE["version"] == __version__


def test_a_classifier_for_every_supported_python() -> None:
    assert PROJECT_TABLE["requires-python"] == ">=3.9"
    listed = {
        c.rsplit(" :: ", 1)[1]
        for c in PROJECT_TABLE["classifiers"]
        if c.startswith("Programming Language :: Python :: 3.")
    }
    assert listed == {"3.9", "3.10", "3.11", "3.12", "3.13"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(folder),
            str(PROJECT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = folder.glob("reportlint-*.whl")
    return zipfile.ZipFile(built)


def test_the_wheel_is_typed_and_carries_the_licence(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    assert "reportlint/py.typed" in names
    assert any(Path(name).name == "LICENSE" for name in names)
    metadata = wheel.read(f"reportlint-{__version__}.dist-info/METADATA").decode()
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Typing :: Typed" in metadata and "Project-URL: Homepage, " in metadata
