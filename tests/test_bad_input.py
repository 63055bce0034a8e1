"""Bad input, through the ingest service, the command line and the admin upload: a clear
message, never a 500 or a traceback, and nothing half-saved."""

import io
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfWriter

from mandates.models import Deliverable, Paragraph, Resolution
from mandates.services.ingest import resolution_ingest
from tests.samples import HRC_EXAMPLE

ROOT = Path(__file__).resolve().parent.parent


def _pdf(*, password: str | None = None, pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _docx_bomb() -> bytes:
    """A small .docx that would unpack to 60 MB of XML."""
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "word/document.xml", "<w:document>" + " " * (60 * 1024 * 1024) + "</w:document>"
        )
    return buffer.getvalue()


HEADER_ONLY = (
    "Human Rights Council\n\nSixty-first session\n\nAgenda item 3\n\n"
    "Resolution adopted by the Human Rights Council on 2 April 2026\n\n"
    "61/98.\tA title without any operative part\n\nThe Human Rights Council,\n\n"
    "Recalling its earlier resolutions,\n"
)

# name, content, words the reason must contain
#: An invented recommendation of the Council's Advisory Committee: not a resolution (the
#: Committee adopts none), refused saying what it is.
ADVISORY_RECOMMENDATION = """United Nations A/HRC/AC/REC/40/1

Human Rights Council Advisory Committee
Fortieth session

Recommendation adopted by the Advisory Committee on 20 February 2031

40/1. Study on rivers and the right to water

The Human Rights Council Advisory Committee,

1. Requests its drafting group to submit a draft study to the Committee at its next session;
"""

BAD_FILES = [
    ("empty.txt", b"", "empty"),
    ("binary.txt", bytes(range(256)) * 64, "binary data, not text"),
    ("picture.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, "holds a PNG image"),
    ("huge.txt", b"a" * (50 * 1024 * 1024 + 1), "large"),
    ("wrong-encoding.txt", b"Resolution \x81\x8d text " * 20, "UTF-8"),
    ("no-text.pdf", _pdf(), "text"),
    ("locked.pdf", _pdf(password="secret"), "encrypted"),
    ("oversized.pdf", _pdf(pages=1001), "too many pages"),
    ("broken.docx", b"PK\x03\x04 this is not really a zip archive", "damaged"),
    ("bomb.docx", _docx_bomb(), "docx"),
    ("notes.txt", b"Shopping list: bread, milk, coffee.\n", "resolution"),
    ("header-only.txt", HEADER_ONLY.encode(), "operative"),
    (
        "A_HRC_AC_REC_40_1.txt",
        ADVISORY_RECOMMENDATION.encode(),
        "recommendation of the Human Rights Council Advisory Committee (A/HRC/AC/REC/40/1)",
    ),
]
IDS = [name for name, _, _ in BAD_FILES]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _nothing_stored() -> bool:
    return not (
        Resolution.objects.exists() or Paragraph.objects.exists() or Deliverable.objects.exists()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=IDS)
def test_ingest_service_refuses_with_a_reason(name, content, reason):
    """The ingest service names the reason and stores nothing."""
    outcome = resolution_ingest(data=content, name=name)
    assert outcome.status == "failed"
    assert reason.lower() in outcome.reason.lower(), outcome.reason
    assert _nothing_stored()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=IDS)
def test_ingest_command_refuses_with_a_reason(tmp_path, name, content, reason):
    """`manage.py ingest` prints the file and the reason, exits non-zero and stores nothing."""
    path = tmp_path / name
    path.write_bytes(content)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(path), stdout=out)
    assert f"failed     {name}:" in out.getvalue()
    assert reason.lower() in out.getvalue().lower()
    assert _nothing_stored()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [case for case in BAD_FILES if case[0] != "header-only.txt"],
    ids=IDS[:-1],
)
def test_extract_command_refuses_in_one_line(tmp_path, name, content, reason):
    """`manage.py extract` exits non-zero with one line naming the file, never a traceback."""
    path = tmp_path / name
    path.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "manage.py", "extract", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert name in result.stderr and reason.lower() in result.stderr.lower()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=IDS)
def test_admin_upload_refuses_with_4xx_and_a_reason(staff_client, name, content, reason):
    """The admin import answers 4xx naming the reason, stores nothing, and does not send
    the person to the review queue, where nothing new waits."""
    response = staff_client.post(
        reverse("admin:mandates_resolution_import"), {"files": [SimpleUploadedFile(name, content)]}
    )
    assert 400 <= response.status_code < 500
    page = response.content.decode()
    assert reason.lower() in page.lower()
    assert "Open the review queue" not in page
    assert _nothing_stored()


@pytest.mark.django_db
def test_html_with_scripts_is_read_without_them(staff_client):
    """An HTML resolution is ingested; its scripts never reach the stored text or the pages."""
    text = HRC_EXAMPLE.read_text()
    paragraphs = "".join(f"<p>{block}</p>" for block in text.split("\n\n"))
    html = f"<html><head><script>alert('x')</script></head><body>{paragraphs}<script>steal()</script></body></html>"
    response = staff_client.post(
        reverse("admin:mandates_resolution_import"),
        {"files": [SimpleUploadedFile("A_HRC_RES_61_99.html", html.encode())]},
    )
    assert response.status_code == 200
    resolution = Resolution.objects.get(symbol="A/HRC/RES/61/99")
    assert "alert" not in resolution.text and "steal" not in resolution.text
    page = staff_client.get(
        reverse("admin:mandates_resolution_change", args=[resolution.pk])
    ).content.decode()
    assert "steal()" not in page


@pytest.mark.django_db
def test_same_symbol_with_different_content_is_an_update(staff_client):
    """A second text under the same symbol updates the resolution and says what changed."""
    url = reverse("admin:mandates_resolution_import")
    staff_client.post(
        url, {"files": [SimpleUploadedFile(HRC_EXAMPLE.name, HRC_EXAMPLE.read_bytes())]}
    )
    changed = HRC_EXAMPLE.read_text().replace("sixty-fourth session", "sixty-fifth session")
    response = staff_client.post(url, {"files": [SimpleUploadedFile("v2.txt", changed.encode())]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "updated" in page and "HRC 64 -&gt; HRC 65" in page
    assert Resolution.objects.count() == 1


@pytest.mark.django_db
def test_oversized_upload_is_refused_before_reading(staff_client, settings):
    """A file over MAX_UPLOAD_BYTES is refused with the limit named."""
    settings.MAX_UPLOAD_BYTES = 1024
    response = staff_client.post(
        reverse("admin:mandates_resolution_import"),
        {"files": [SimpleUploadedFile(HRC_EXAMPLE.name, HRC_EXAMPLE.read_bytes())]},
    )
    assert response.status_code == 400
    assert "limit" in response.content.decode()
    assert _nothing_stored()
