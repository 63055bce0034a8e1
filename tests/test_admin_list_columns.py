"""The admin's lists read only the columns they show (`admin.common.ListedColumns`): never
a resolution's text or stored extraction, whatever relation a row reaches it by, and the
same number of queries for one row or many: every list of the app's models."""

from datetime import date

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mandates import models
from mandates.admin.resolutions import ResolutionAdmin
from mandates.services.ingest import resolution_ingest_path
from tests import factories
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db

LISTS = sorted(
    f"admin:mandates_{model._meta.model_name}_changelist"
    for model in admin.site._registry
    if model._meta.app_label == "mandates"
)
# Columns no list shows: texts, stored extraction results and JSON bookkeeping. The review
# queue shows the review reasons; no list shows another. (The actor filter lists the actors
# whole, each with its small packaged entry: a few hundred of them.)
BIG_COLUMNS = [
    (model, field.column)
    for model in (models.Resolution, models.Paragraph, models.Mandate, models.Deliverable)
    for field in model._meta.concrete_fields
    if field.get_internal_type() in ("TextField", "JSONField")
    and (model, field.name) != (models.Resolution, "title")  # a list column
]


# Lists whose rows do not name a resolution.
NOT_BY_RESOLUTION = {
    f"admin:mandates_{name}_changelist"
    for name in (
        "actor",
        "actoralias",
        "body",
        "contact",
        "comment",
        "digestlog",
        "duedaterule",
        "feedstate",
        "feedtoken",
        "planningpolicy",
        "reminderpolicy",
        "reminderrule",
        "removedsessionpart",
        "session",
        "sessionpart",
        "wordlimit",
    )
}


def _read_columns(client, url: str) -> tuple[int, list[str], str]:
    """The list page's query count, the big columns its queries select, and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    selected = " ".join(query["sql"].split(" FROM ")[0] for query in queries.captured_queries)
    big = [
        f"{model._meta.db_table}.{column}"
        for model, column in BIG_COLUMNS
        if f'"{model._meta.db_table}"."{column}"' in selected
        and not (url.endswith("/deliverablereview/") and column == "review_reasons")
    ]
    return len(queries), big, response.content.decode()


def _stored_resolution(number: int) -> models.Resolution:
    """A flagged deliverable of a resolution stored as ingest stores one (a text and an
    extraction result), its actor outside the table and its session not in the calendar;
    an untitled one named by its kind and mandate, with a comment, a proposed change and a
    reminder; a paragraph and a consideration."""
    resolution = factories.ResolutionFactory(
        symbol=f"A/HRC/RES/60/{number}",
        text="Requests the Special Rapporteur to report. " * 400,
        extraction={"operative": [{"number": "1", "text": "Requests..."}] * 50},
        warnings=["paragraph 1: actor not in the alias table: Special Rapporteur"],
    )
    mandate = factories.MandateFactory(
        resolution=resolution, actor=None, actor_name=f"Special Rapporteur {number}"
    )
    factories.DeliverableFactory(
        mandate=mandate,
        due_body=factories.body("GA"),
        due_session_number=99,
        due_relation="at",
        needs_review=True,
        review_reasons=["session not in the calendar"],
        alternatives=[{"body": "GA", "session": 98, "relation": "at"}],
        quote="Requests the Special Rapporteur to report",
        due_date=date(2030, 1, 1),
    )
    untitled = factories.DeliverableFactory(mandate=mandate, title="", due_date=date(2030, 2, 1))
    models.Comment.objects.create(
        deliverable=untitled, author=factories.UserFactory(), text=f"Note {number}"
    )
    models.ProposedChange.objects.create(
        deliverable=untitled, field="due_session", old_value="HRC 64", new_value="HRC 65"
    )
    factories.ReminderLogFactory(deliverable=untitled)
    models.Paragraph.objects.create(
        resolution=resolution, part="operative", position=1, number="1", text="Requests..."
    )
    models.Consideration.objects.create(
        resolution=resolution, body=resolution.body, paragraph_label="2"
    )
    return resolution


@pytest.mark.parametrize("name", LISTS)
def test_lists_read_no_text_and_a_constant_number_of_queries(staff_client, name):
    """With a text ingested from its file, then five more stored, each list selects no
    text or JSON column it does not show, and takes as many queries for six resolutions'
    rows as for one's."""
    resolution_ingest_path(path=shared_path("seeds", "A_HRC_RES_59_3.txt"))
    url = reverse(name)
    staff_client.get(url)  # the session's first request reads what later ones do not
    one_count, one_big, _ = _read_columns(staff_client, url)
    for number in range(5):
        _stored_resolution(number)
    many_count, many_big, page = _read_columns(staff_client, url)
    assert "A/HRC/RES/60/4" in page or name in NOT_BY_RESOLUTION  # the rows added are listed
    assert (one_big, many_big) == ([], [])
    assert many_count == one_count


def test_deliverable_list_shows_what_it_read(staff_client):
    """The columns read as the rows show them: the actor outside the table, the session
    as read and not in the calendar, the resolution and paragraph."""
    _stored_resolution(7)
    page = staff_client.get(reverse("admin:mandates_deliverable_changelist")).content.decode()
    assert "Special Rapporteur 7" in page
    assert "at GA 99 (not in the calendar)" in page
    assert "A/HRC/RES/60/7" in page
    queue = staff_client.get(reverse("admin:mandates_deliverablereview_changelist"))
    shown = queue.content.decode()
    assert "session not in the calendar" in shown and "A/HRC/RES/60/7 para. 1" in shown


def test_resolution_list_counts_each_resolutions_deliverables(staff_client):
    """The deliverable count is each resolution's own (two stored, two more), none for a
    text without requests, and the list sorts by it."""
    busy = _stored_resolution(1)
    factories.DeliverableFactory.create_batch(2, mandate=factories.MandateFactory(resolution=busy))
    factories.ResolutionFactory(symbol="A/HRC/RES/60/50")
    url = reverse("admin:mandates_resolution_changelist")
    column = ResolutionAdmin.list_display.index("deliverable_count")
    page = staff_client.get(f"{url}?o=-{column + 1}").content.decode()
    rows = page.split("<tbody>")[1].split("</tr>")
    counts = [row.split('class="field-deliverable_count">')[1].split("<")[0] for row in rows[:2]]
    assert counts == ["4", "0"]
    assert "A/HRC/RES/60/1" in rows[0] and "A/HRC/RES/60/50" in rows[1]
