"""The house rules `make lint` enforces: import contracts (import-linter) and types (mypy)."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tree, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the project's packages and configuration to break on purpose."""
    for package in ("mandates", "tracker"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("mandates/extraction/votes.py", "import django.conf", "mandates.extraction imports"),
        ("mandates/extraction/votes.py", "from mandates import models", "mandates.extraction"),
        ("mandates/services/health.py", "from mandates import pages", "mandates.services never"),
    ],
)
def test_import_contracts_catch_a_forbidden_import(tree, module, line, contract):
    """The contracts hold for the code as it is, and break on one forbidden import."""
    assert _lint_imports(tree).returncode == 0
    with (tree / module).open("a") as source:
        source.write(f"\n{line}  # noqa\n")
    result = _lint_imports(tree)
    assert result.returncode != 0
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout


def test_make_lint_runs_the_import_contracts_and_mypy():
    """`make lint` (and so CI) runs lint-imports and mypy over mandates and tracker."""
    lint = (ROOT / "Makefile").read_text().split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "lint-imports" in lint and "mypy" in lint
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert set(config["tool"]["mypy"]["files"]) == {"mandates", "tracker"}
    assert "mypy_django_plugin.main" in config["tool"]["mypy"]["plugins"]
    assert len(config["tool"]["importlinter"]["contracts"]) == 2
