"""A file whose name says one type and whose content is another, through the ingest
command and the admin's import page: read as what it is, with a warning people see, when
the content is sure of itself; otherwise refused saying what the file holds, with nothing
of it stored (no row, no original file)."""

from __future__ import annotations

import io
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from mandates.models import Deliverable, Mandate, Paragraph, Resolution
from tests.docx_builder import docx_bytes
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

OPERATIVE = [
    "Requests the High Commissioner to present a report to the Human Rights Council at its"
    " sixty-fifth session;",
    "Decides to remain seized of the matter.",
]


def _text(number: str) -> str:
    return hrc_resolution(number=number, title=f"Mislabelled example {number}", operative=OPERATIVE)


def _pdf(text: str) -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for block in text.strip().split("\n\n"):
        pdf.multi_cell(170, 5, block.replace("\t", " "), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


def _html(text: str) -> bytes:
    blocks = "".join(f"<p>{block}</p>\n" for block in text.strip().split("\n\n"))
    return f"<!DOCTYPE html>\n<html><head><title>61/97</title></head><body>\n{blocks}</body></html>".encode()


def _rtf(text: str) -> bytes:
    body = "\\par\n".join(text.strip().split("\n"))
    return (
        "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs24\n" + body + "}"
    ).encode()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


# name -> content; what ingest must make of it (a warning, or the reason it failed)
READ = {
    "A_HRC_RES_61_99.txt": (
        lambda: _pdf(_text("61/99")),
        "the file is named .txt but holds a PDF: read as such",
    ),
    "A_HRC_RES_61_98.pdf": (
        lambda: docx_bytes(_text("61/98").strip().split("\n\n")),
        "the file is named .pdf but holds a Word document (.docx): read as such",
    ),
    "A_HRC_RES_61_97.md": (
        lambda: _html(_text("61/97")),
        "the file is named .md but holds an HTML page: read as such",
    ),
}
REFUSED = {
    "A_HRC_RES_61_96.txt": (
        lambda: _rtf(_text("61/96")),
        "the file is named .txt but holds an RTF document; save the file as .docx or .pdf",
    ),
    "A_HRC_RES_61_95.docx": (_xlsx, "the file is named .docx but holds an Excel workbook (.xlsx)"),
    "A_HRC_RES_61_94.md": (lambda: bytes(range(256)) * 8, "the file holds binary data, not text"),
    "A_HRC_RES_61_93.pdf": (
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(2048),
        "the file is named .pdf but holds a PNG image; images are not read",
    ),
}
STORED = {"A/HRC/RES/61/99", "A/HRC/RES/61/98", "A/HRC/RES/61/97"}


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _stored_as_expected(media: Path) -> None:
    """The three readable files are stored, each with its warning; nothing of the refused
    ones is: no resolution, paragraph, mandate or deliverable, and no original file."""
    assert set(Resolution.objects.values_list("symbol", flat=True)) == STORED
    for name, (_content, warning) in READ.items():
        resolution = Resolution.objects.get(symbol=Path(name).stem.replace("_", "/"))
        assert warning in resolution.warnings, name
    assert Deliverable.objects.filter(mandate__resolution__symbol__in=STORED).count() == 3
    for model in (Paragraph, Mandate):
        assert not model.objects.exclude(resolution__symbol__in=STORED).exists()
    assert not Deliverable.objects.exclude(mandate__resolution__symbol__in=STORED).exists()
    originals = sorted(path.name for path in media.rglob("*") if path.is_file())
    assert len(originals) == 3 and not any(Path(name).stem in str(originals) for name in REFUSED)


def test_ingest_reads_what_the_content_is_and_refuses_the_rest(tmp_path, media):
    """`manage.py ingest` on a folder of mislabelled files prints each warning under the file
    it read and each refusal's reason, and stores only what it could read."""
    folder = tmp_path / "uploads"
    folder.mkdir()
    for name, (content, _) in {**READ, **REFUSED}.items():
        (folder / name).write_bytes(content())
    out = StringIO()
    with pytest.raises(CommandError, match="4 file"):
        call_command("ingest", str(folder), stdout=out, stderr=StringIO())
    printed = out.getvalue()
    for name, (_content, warning) in READ.items():
        assert f"new        {name} -> " in printed
        assert f"warning: {warning}" in printed
    for name, (_content, reason) in REFUSED.items():
        assert f"failed     {name}: {reason}" in printed
    assert "3 new, 0 updated, 0 unchanged, 4 failed" in printed
    _stored_as_expected(media)


def test_the_import_page_reads_what_the_content_is_and_refuses_the_rest(staff_client, media):
    """The admin's import page says the same for each uploaded file, and stores the same."""
    uploads = [
        SimpleUploadedFile(name, content()) for name, (content, _) in {**READ, **REFUSED}.items()
    ]
    response = staff_client.post(reverse("admin:mandates_resolution_import"), {"files": uploads})
    assert response.status_code == 200
    page = response.content.decode()
    for _content, warning in READ.values():
        assert f"Warning: {warning}" in page.replace("&#x27;", "'")
    for _content, reason in REFUSED.values():
        assert reason in page.replace("&#x27;", "'")
    _stored_as_expected(media)
