"""The house rules checked: import contracts (import-linter) and types (mypy), run by
`make lint`, and one definition of each shared notion."""

import ast
import shutil
import subprocess
import sys
import tomllib
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from mandates import models
from mandates.extraction.readers import MAX_FILE_BYTES, SUPPORTED_SUFFIXES
from mandates.models import Deliverable
from tests import factories

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


# --- One definition of each shared notion -------------------------------------------------


def _progress_groups(path: Path) -> list[tuple[int, frozenset[str]]]:
    """Every tuple, list or set literal of two or more progress states in a module (written
    as `Progress.SUBMITTED` or as "submitted"), with its line."""
    values = {choice.value for choice in Deliverable.Progress}

    def value(node: ast.expr) -> str | None:
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "Progress"
            and node.attr.lower() in values
        ):
            return node.attr.lower()
        if isinstance(node, ast.Constant) and node.value in values:
            return node.value
        return None

    groups = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Tuple | ast.List | ast.Set) and len(node.elts) > 1:
            found = [value(element) for element in node.elts]
            if all(found):
                groups.append((node.lineno, frozenset(v for v in found if v)))
    return groups


def test_progress_groups_are_defined_once_in_models():
    """Closed, done and not-owed progress are grouped in models.py only; a copy elsewhere
    (reminders, feeds, the planner, the admin...) drifts and fails here."""
    notions = {
        frozenset(models.CLOSED_PROGRESS),
        frozenset(models.DONE_PROGRESS),
        frozenset(models.NOT_OWED_PROGRESS),
    }
    assert frozenset(models.CLOSED_PROGRESS) == frozenset(
        models.DONE_PROGRESS + models.NOT_OWED_PROGRESS
    )
    copies = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "mandates").rglob("*.py"))
        if "migrations" not in path.parts and path != ROOT / "mandates" / "models.py"
        for line, group in _progress_groups(path)
        if group in notions
    ]
    assert copies == []
    assert _progress_groups(ROOT / "mandates" / "models.py")  # the scan does see them


@pytest.mark.django_db
def test_admin_review_queue_and_review_page_hold_the_same_deliverables(staff_client):
    """The admin's queue and /review/ use one filter: flagged or proposed, never rejected."""
    waiting = {
        factories.DeliverableFactory(review_status="proposed").pk,
        factories.DeliverableFactory(review_status="confirmed", needs_review=True).pk,
        factories.DeliverableFactory(review_status="proposed", needs_review=True).pk,
    }
    factories.DeliverableFactory(review_status="confirmed")
    factories.DeliverableFactory(review_status="rejected", needs_review=True)
    factories.DeliverableFactory(review_status="rejected")
    queue = staff_client.get(reverse("admin:mandates_deliverablereview_changelist"))
    page = staff_client.get(reverse("mandates:review"))
    assert {item.pk for item in queue.context["cl"].result_list} == waiting
    assert {item.pk for item in page.context["deliverables"]} == waiting


SUFFIXES = sorted(SUPPORTED_SUFFIXES | {".exe", ".doc", ".rtf", ".csv", ""})


@pytest.mark.django_db
def test_upload_form_and_ingest_command_take_the_same_file_types(staff_client, tmp_path):
    """One list of file types: the upload form offers it, and the upload and the ingest
    command refuse the same types (the other files fail later, as not resolutions)."""
    url = reverse("admin:mandates_resolution_import")
    form = staff_client.get(url).context["form"]
    assert set(form.fields["files"].widget.attrs["accept"].split(",")) == SUPPORTED_SUFFIXES
    for suffix in SUFFIXES:
        name = f"notes{suffix}"
        page = staff_client.post(url, {"files": [SimpleUploadedFile(name, b"Shopping list.")]})
        [uploaded] = page.context["outcomes"]
        (tmp_path / name).write_bytes(b"Shopping list.")
        out = StringIO()
        with pytest.raises(CommandError):
            call_command("ingest", str(tmp_path / name), stdout=out)
        refused = suffix not in SUPPORTED_SUFFIXES
        assert uploaded.status == "failed"
        assert ("unsupported file type" in uploaded.reason) is refused, (suffix, uploaded.reason)
        assert ("unsupported file type" in out.getvalue()) is refused, (suffix, out.getvalue())


@pytest.mark.django_db
def test_upload_form_names_the_size_limit_ingest_enforces(staff_client, settings):
    """The form says the limit ingest applies: the setting, never above the extractor's."""
    url = reverse("admin:mandates_resolution_import")
    settings.MAX_UPLOAD_BYTES = 3 * 2**20
    help_text = str(staff_client.get(url).context["form"].fields["files"].help_text)
    assert "at most 3 MB each" in help_text
    big = SimpleUploadedFile("A_HRC_RES_61_99.txt", b"a" * (3 * 2**20 + 1))
    [outcome] = staff_client.post(url, {"files": [big]}).context["outcomes"]
    assert outcome.reason == "the file is larger than the 3 MB limit"
    settings.MAX_UPLOAD_BYTES = 2 * MAX_FILE_BYTES  # the extractor reads no more than 50 MB
    help_text = str(staff_client.get(url).context["form"].fields["files"].help_text)
    assert f"at most {MAX_FILE_BYTES // 2**20} MB each" in help_text
