"""The CSV export reads plain rows: the same bytes as the model-instance export it replaced."""

import csv
import io
from datetime import date

import pytest
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse

from mandates.exports import deliverables_csv_response, export_columns, spreadsheet_safe
from mandates.models import Body, Deliverable, ReviewStatus
from mandates.selectors import BY_DUE_DATE
from tests import factories

pytestmark = pytest.mark.django_db


def reference_csv(queryset: QuerySet, *, personal_data: bool, max_rows: int | None) -> bytes:
    """The export as it was written before it read plain rows: one model instance per
    deliverable, its related rows through select_related and prefetch_related."""
    columns = export_columns(personal_data=personal_data)
    lines = ["\ufeff"]

    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo())
    lines.append(writer.writerow([label for _, label in columns]))
    items = queryset.select_related(
        "mandate__resolution__body",
        "mandate__resolution__session__body",
        "mandate__actor",
        "due_session__body",
        "due_body",
    ).prefetch_related("assignees")
    for index, item in enumerate(items, start=1):
        if max_rows is not None and index > max_rows:
            lines.append(
                writer.writerow(
                    [f"Only the first {max_rows} deliverables are listed: narrow the filters."]
                )
            )
            break
        session = item.due_session
        cells = {
            "uid": str(item.uid),
            "symbol": item.mandate.resolution.symbol,
            "resolution_session": item.mandate.resolution.session_label,
            "paragraph": item.mandate.paragraph_label,
            "actor": item.mandate.actor.name
            if item.mandate.actor
            else (item.mandate.actor_name or item.mandate.actor_text),
            "kind": item.kind,
            "count": item.count,
            "title": item.title,
            "session": str(session) if session else item.due_session_as_read,
            "relation": item.due_relation,
            "computed_due_date": item.computed_due_date.isoformat()
            if item.computed_due_date
            else "",
            "due_date": item.due_date.isoformat() if item.due_date else "",
            "session_dates": (
                f"{session.start.isoformat()}/{session.end.isoformat()} ({session.dates_status})"
                if session
                else ""
            ),
            "review_status": item.review_status,
            "progress": item.progress,
            "progress_words": item.get_progress_display(),
            "needs_review": "yes" if item.needs_review else "no",
            "no_longer_in_text": "yes" if item.no_longer_in_text else "no",
            "historic": "yes" if item.is_historic else "no",
            "resolution_title": item.mandate.resolution.title,
            "assignees": "; ".join(contact.email for contact in item.assignees.all()),
            "assignee_names": "; ".join(contact.name for contact in item.assignees.all()),
            "fulfilled_by": item.fulfilled_by,
            "quote": item.quote,
        }
        lines.append(writer.writerow([spreadsheet_safe(cells[name]) for name, _ in columns]))
    return "".join(lines).encode("utf-8")


@pytest.fixture
def awkward(db):
    """Deliverables whose cells quote, escape, start formulas, or come from elsewhere: no
    actor row, a session the calendar lacks, "the next session", no date at all."""
    hrc = factories.body("HRC")
    csw = Body.objects.get_or_create(
        code="CSW", defaults={"name": "Commission on the Status of Women"}
    )[0]
    hrc64 = factories.SessionFactory(body=hrc, number=64)
    resolution = factories.ResolutionFactory(symbol='A/HRC/RES/61/"1", part 2')
    units = [
        factories.ContactFactory(name="Zeta unit", email="zeta@example.org"),
        factories.ContactFactory(name="Alpha unit", email="alpha@example.org"),
    ]
    made = [
        factories.DeliverableFactory(
            mandate=factories.MandateFactory(resolution=resolution, paragraph_label="=7(h)"),
            title='=HYPERLINK("http://evil.example")',
            quote='Requests, "quoted", and\na second line; +1 -1 @sum',
            due_session=hrc64,
            due_relation="before",
            computed_due_date=date(2030, 5, 1),
            due_date=date(2030, 5, 1),
            fulfilled_by="-A/HRC/64/1",
            needs_review=True,
            review_status=ReviewStatus.CONFIRMED,
        ),
        factories.DeliverableFactory(
            mandate=factories.MandateFactory(
                resolution=resolution, actor=None, actor_name="", actor_text="\tthe Secretariat"
            ),
            title="Rapport sur l'eau — ü, 水",
            due_body=csw,
            due_session_number=61,
            due_relation="at",
            review_status=ReviewStatus.CONFIRMED,
            count=3,
        ),
        factories.DeliverableFactory(
            mandate=factories.MandateFactory(
                resolution=resolution, actor=None, actor_name="UNCTAD secretariat"
            ),
            title="",
            kind=Deliverable.Kind.ORAL_UPDATE,
            due_body=csw,
            due_relation="before",
            review_status=ReviewStatus.CONFIRMED,
        ),
        factories.DeliverableFactory(
            mandate=factories.MandateFactory(resolution=resolution),
            title="@mention in a title",
            due_body=hrc,
            manual_due_date=date(2029, 1, 2),
            due_date=date(2029, 1, 2),
            review_status=ReviewStatus.CONFIRMED,
        ),
        factories.DeliverableFactory(
            mandate=factories.MandateFactory(resolution=resolution),
            title="No date, no body",
            review_status=ReviewStatus.CONFIRMED,
        ),
    ]
    made[0].assignees.set(units)
    made[3].assignees.set(units[:1])
    return made


@pytest.mark.parametrize("personal_data", [False, True])
@pytest.mark.parametrize("max_rows", [None, 2, 5])
def test_csv_bytes_are_those_of_the_model_instance_export(awkward, personal_data, max_rows):
    """Every column, quoting, escaping and the cut at max_rows, byte for byte."""
    queryset = Deliverable.objects.order_by(*BY_DUE_DATE)
    response = deliverables_csv_response(queryset, personal_data=personal_data, max_rows=max_rows)
    body = b"".join(response.streaming_content)
    assert body == reference_csv(queryset, personal_data=personal_data, max_rows=max_rows)
    if max_rows != 2:  # the whole list
        assert b"'=HYPERLINK" in body and b"'\tthe Secretariat" in body
        assert (b"alpha@example.org; zeta@example.org" in body) is personal_data
    else:
        assert body.endswith(b"Only the first 2 deliverables are listed: narrow the filters.\r\n")


def test_the_export_page_streams_the_same_bytes(staff_client, awkward):
    """/export.csv, read by staff (personal data), as the reference writes it."""
    response = staff_client.get(reverse("mandates:export_csv"))
    assert response.streaming
    body = b"".join(response.streaming_content)
    expected = Deliverable.objects.exclude(review_status=ReviewStatus.REJECTED).order_by(
        *BY_DUE_DATE
    )
    assert body == reference_csv(expected, personal_data=True, max_rows=5000)


def test_export_queries_do_not_grow_with_the_rows(
    staff_client, awkward, django_assert_max_num_queries
):
    """Plain rows in chunks: the same queries for 5 deliverables as for 105."""
    url = reverse("mandates:export_csv")

    def read() -> None:
        b"".join(staff_client.get(url).streaming_content)

    with django_assert_max_num_queries(5):
        read()
    resolution = awkward[0].mandate.resolution
    for _ in range(100):
        factories.DeliverableFactory(
            mandate=factories.MandateFactory(resolution=resolution),
            review_status=ReviewStatus.CONFIRMED,
        ).assignees.set([awkward[0].assignees.first()])
    with django_assert_max_num_queries(5):
        read()


# The columns scripts read by position: new ones only ever go after them.
STAFF_HEADER_BEFORE = [
    "UID",
    "Resolution",
    "Paragraph",
    "Actor",
    "Kind",
    "Count",
    "Title",
    "Due session",
    "Relation",
    "Computed due date",
    "Due date",
    "Session dates",
    "Review",
    "Progress",
    "Needs review",
    "Assigned to",
    "Fulfilling document",
    "Evidence",
    "Resolution session",
]


def test_the_export_names_the_people_and_the_resolution_title(staff_client, awkward):
    """ "Assigned to" held e-mail addresses only, and no column gave the resolution's title
    (QA): staff now get the names, in the addresses' order, and everyone the title, in new
    columns at the end; the earlier columns keep their places. In the CSV as downloaded
    and in the admin's Excel export."""
    from openpyxl import load_workbook

    def download(reader) -> list[list[str]]:
        body = b"".join(reader.get(reverse("mandates:export_csv")).streaming_content)
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))

    resolution = awkward[0].mandate.resolution
    resolution.title = "+SUM(1,1) Water and sanitation"
    resolution.save()
    staff = download(staff_client)
    assert staff[0][: len(STAFF_HEADER_BEFORE) + 2] == [
        *STAFF_HEADER_BEFORE,
        "Resolution title",
        "Assigned to (names)",
    ]
    by_uid = {row[0]: dict(zip(staff[0], row, strict=True)) for row in staff[1:]}
    first = by_uid[str(awkward[0].uid)]
    assert first["Assigned to"] == "alpha@example.org; zeta@example.org"
    assert first["Assigned to (names)"] == "Alpha unit; Zeta unit"
    assert first["Resolution title"] == "'+SUM(1,1) Water and sanitation"  # never a formula
    assert by_uid[str(awkward[4].uid)]["Assigned to (names)"] == ""

    public = download(Client())  # anonymous
    without_people = [label for label in STAFF_HEADER_BEFORE if label != "Assigned to"]
    assert public[0][: len(without_people) + 1] == [*without_people, "Resolution title"]
    assert "Alpha unit" not in str(public)

    workbook = staff_client.get(reverse("admin:mandates_deliverable_export_xlsx"))
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == staff[0]
    title, names = rows[0].index("Resolution title"), rows[0].index("Assigned to (names)")
    assert {row[title] for row in rows[1:]} == {"+SUM(1,1) Water and sanitation"}
    assert "Alpha unit; Zeta unit" in {row[names] for row in rows[1:]}
