"""Filter values a list could never match: the lists of open work (what is due, no
deadline, assigned to me, the timeline) answered "nothing" for a closed progress state
the form offered, and every list for Review = rejected. They now list the closed states
asked for; the overdue list (never holds one) and rejected items (listed on no page) are
not offered, and a link that asks for them says why and where to look."""

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from mandates.models import Deliverable, ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db

UPCOMING = reverse("mandates:upcoming")
OVERDUE = reverse("mandates:overdue")
NO_DEADLINE = reverse("mandates:no_deadline")
TIMELINE = reverse("mandates:timeline")
EXPORT = reverse("mandates:export_csv")


def titles(response) -> set[str]:
    assert response.status_code == 200
    return {item.title for item in response.context["deliverables"]}


def offered(response, name: str) -> list[str]:
    """The values the form's `name` list offers."""
    field = next(field for field in response.context["form_fields"] if field.name == name)
    return [value for value, _label in field.field.widget.choices]


@pytest.fixture
def closed(world):
    """Beside the world's open items: a report submitted ahead of its date, a cancelled
    seminar, both due at HRC 64, and a compilation submitted without a deadline."""
    common = {"review_status": ReviewStatus.CONFIRMED, "due_session": world.hrc64}
    factories.DeliverableFactory(
        title="Report submitted early",
        due_date=date(2026, 12, 14),
        progress=Deliverable.Progress.SUBMITTED,
        **common,
    )
    factories.DeliverableFactory(
        title="Seminar called off",
        due_date=date(2027, 2, 1),
        progress=Deliverable.Progress.CANCELLED,
        **common,
    )
    factories.DeliverableFactory(
        title="Compilation handed in",
        due_date=None,
        due_relation="",
        progress=Deliverable.Progress.SUBMITTED,
        review_status=ReviewStatus.CONFIRMED,
    )
    return world


def test_what_is_due_lists_the_closed_states_asked_for(client, closed):
    """ "What is already submitted for HRC 64?" gets the answer, on the page, its CSV and
    its timeline, with a note that these are listed because the filter asks for them."""
    asked = {"progress": "submitted", "months": 24}
    page = client.get(UPCOMING, asked)
    assert titles(page) == {"Report submitted early"}
    assert "Listed because the filters ask for them: submitted." in page.content.decode()
    assert titles(client.get(UPCOMING, {"progress": "cancelled", "months": 24})) == {
        "Seminar called off"
    }
    assert titles(client.get(UPCOMING, {"status": "submitted", "months": 24})) == {
        "Report submitted early"  # the older Status filter, as bookmarked
    }
    export = client.get(EXPORT, {"scope": "upcoming", **asked}).getvalue().decode("utf-8-sig")
    assert [row["Title"] for row in csv.DictReader(io.StringIO(export))] == [
        "Report submitted early"
    ]
    assert titles(client.get(TIMELINE, asked)) == {"Report submitted early"}
    # asked with an open state: both; not asked: open work only, as before
    both = {"progress": ["submitted", "planned"], "months": 24}
    assert "Report submitted early" in titles(client.get(UPCOMING, both))
    plain = client.get(UPCOMING, {"months": 24})
    assert not {"Report submitted early", "Seminar called off"} & titles(plain)
    assert "Listed because the filters ask for them" not in plain.content.decode()


def test_no_deadline_lists_the_closed_states_asked_for(client, closed):
    assert titles(client.get(NO_DEADLINE, {"progress": "submitted"})) == {"Compilation handed in"}
    assert "Compilation handed in" not in titles(client.get(NO_DEADLINE))


def test_overdue_offers_no_closed_state_and_says_where_they_are(client, closed):
    """A submitted item is never overdue: the form does not offer it; a link that asks
    says so and leads to the CSV of every deliverable with the same filters."""
    assert not {"submitted", "issued", "cancelled"} & set(offered(client.get(OVERDUE), "progress"))
    assert "planned" in offered(client.get(OVERDUE), "progress")
    response = client.get(OVERDUE, {"progress": "submitted", "body": "HRC"})
    html = response.content.decode()
    assert titles(response) == set()
    assert "A deliverable that is submitted is not overdue" in html
    link = html.split('">Download every deliverable with these filters (CSV)</a>')[0]
    link = link.rsplit('href="', 1)[1].replace("&amp;", "&")
    rows = csv.DictReader(io.StringIO(client.get(link).getvalue().decode("utf-8-sig")))
    found = {row["Title"] for row in rows}
    assert closed.submitted_late.title in found and "Report submitted early" in found


def test_rejected_is_not_offered_and_a_link_asking_says_where_they_are(staff_client, closed):
    """No page lists a rejected deliverable (for a superuser neither): the Review list
    does not offer it; asked for, the page says so, and staff get the admin's list."""
    for url in (UPCOMING, OVERDUE, NO_DEADLINE, TIMELINE, reverse("mandates:review")):
        response = staff_client.get(url)
        assert "rejected" not in offered(response, "review"), url
        assert "confirmed" in offered(response, "review"), url
    response = staff_client.get(UPCOMING, {"review": "rejected"})
    html = response.content.decode()
    assert titles(response) == set()
    assert "Rejected deliverables are listed on no page" in html
    admin = reverse("admin:mandates_deliverable_changelist") + "?review_status__exact=rejected"
    assert f'href="{admin}"' in html
    assert closed.rejected.title in staff_client.get(admin).content.decode()
    anonymous = Client().get(UPCOMING, {"review": "rejected"}).content.decode()
    assert "Rejected deliverables are listed on no page" in anonymous
    assert admin not in anonymous
