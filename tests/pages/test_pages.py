"""The pages: what they show, to whom, with which filters, in how many queries."""

import csv
import io
import re
from datetime import date
from html import escape

import pytest
from django.test import Client
from django.urls import reverse

from mandates.models import Deliverable, FeedToken, ReviewStatus
from mandates.services.feeds import webcal_url
from mandates.services.ingest import resolution_ingest_path
from tests import factories
from tests.ical import events as ical_events
from tests.samples import HRC_EXAMPLE

pytestmark = pytest.mark.django_db

UPCOMING = reverse("mandates:upcoming")
OVERDUE = reverse("mandates:overdue")
REVIEW = reverse("mandates:review")


def titles(response) -> set[str]:
    """The titles of the deliverables a list page shows."""
    return {item.title for item in response.context["deliverables"]}


# --- Upcoming -----------------------------------------------------------------------------


def test_home_is_the_upcoming_page_not_the_admin(client, world):
    """The site root shows what is due instead of redirecting to the admin."""
    response = client.get("/")
    assert response.status_code == 200
    assert response.resolver_match.url_name == "upcoming"


def test_upcoming_shows_public_deliverables_of_the_next_six_months(client, world):
    """Anonymous visitors see public, confirmed, open deliverables due in six months."""
    response = client.get(UPCOMING)
    assert titles(response) == {world.soon.title, world.ga.title}
    page = response.content.decode()
    for hidden in (world.private, world.rejected, world.far, world.late, world.flagged):
        assert hidden.title not in page


def test_unreviewed_proposals_are_for_staff_only(member_client, admin_user, world):
    """A machine proposal nobody confirmed is not public: not on the pages, its own page or
    the API for visitors and people who are not staff; staff see it."""
    for visitor in (Client(), member_client):
        assert world.flagged.title not in titles(visitor.get(UPCOMING))
        assert world.flagged.title not in visitor.get(UPCOMING).content.decode()
        detail = reverse("mandates:deliverable", args=[world.flagged.uid])
        assert visitor.get(detail).status_code == 404
        assert visitor.get(f"/deliverables/{world.flagged.uid}.ics").status_code == 404
        session = visitor.get(reverse("mandates:session", args=["HRC", 64]))
        assert world.flagged.title not in session.content.decode()
    api = member_client.get("/api/deliverables/").json()
    assert world.flagged.title not in {item["title"] for item in api["results"]}
    assert world.soon.title in {item["title"] for item in api["results"]}
    staff_client = Client()
    staff_client.force_login(admin_user)
    assert world.flagged.title in titles(staff_client.get(UPCOMING))
    detail = reverse("mandates:deliverable", args=[world.flagged.uid])
    assert staff_client.get(detail).status_code == 200


def test_a_setting_makes_proposals_public(client, world, settings):
    """PUBLIC_SHOWS_PROPOSALS shows unreviewed proposals to everyone, never rejected ones."""
    settings.PUBLIC_SHOWS_PROPOSALS = True
    shown = titles(client.get(UPCOMING))
    assert world.flagged.title in shown
    assert world.rejected.title not in shown
    assert world.private.title not in shown


def test_upcoming_groups_by_session_with_estimated_dates(client, world):
    """Deliverables are grouped under their session, with its dates marked as estimated."""
    response = client.get(UPCOMING)
    groups = {
        str(session): ([d.title for d in items], total)
        for session, items, total in response.context["groups"]
    }
    assert groups == {
        "HRC 64": ([world.soon.title], 1),
        "GA 81": ([world.ga.title], 1),
    }
    page = response.content.decode()
    assert "<caption>Deliverables due for HRC 64</caption>" in page
    assert "estimated dates" in page
    assert reverse("mandates:session", args=["HRC", 64]) in page
    assert reverse("mandates:deliverable", args=[world.soon.uid]) in page
    assert reverse("mandates:resolution", args=["A/HRC/RES/61/98"]) in page


def test_upcoming_window_is_set_by_months(client, world):
    """?months=24 widens the window; the form offers 1 to 60."""
    assert world.far.title in titles(client.get(UPCOMING, {"months": 24}))
    assert titles(client.get(UPCOMING, {"months": 1})) == set()
    assert client.get(UPCOMING, {"months": 60}).context["months"] == 60
    assert client.get(UPCOMING, {"months": "12 "}).context["months"] == 12
    assert client.get(UPCOMING, {"months": ""}).context["months"] == 6


@pytest.mark.parametrize("months", ["abc", "-5", "0", "1.5", "999"])
@pytest.mark.parametrize("url", [UPCOMING, reverse("mandates:timeline")])
def test_a_window_that_is_no_number_of_months_is_refused_and_said(client, world, url, months):
    """?months=abc showed 6 months and -5 one month, 1.5 six, 999 sixty, without a word
    (QA): now a 400 that names the value and what to write, listing nothing, as a bad
    body does; the export of the list says the same."""
    response = client.get(url, {"months": months})
    assert response.status_code == 400
    page = response.content.decode()
    expected = f"{months} is not a number of months: write a whole number from 1 to 60"
    assert f"Months ahead: {expected}" in page
    assert titles(response) == set()
    export = client.get(reverse("mandates:export_csv"), {"scope": "upcoming", "months": months})
    assert export.status_code == 400
    assert f"months: {expected}" in export.content.decode()


def test_an_assignee_that_is_no_contact_says_a_contact_is_expected(staff_client, world):
    """?assignee=abc said "Select a valid choice. That choice is not one of the available
    choices.": the message now says that a contact's number is expected, on the page, the
    export and the API alike."""
    for value in ("abc", "99999"):
        expected = f"{value} is not a contact: give a contact's id (a number"
        page = staff_client.get(UPCOMING, {"assignee": value})
        assert page.status_code == 400
        assert escape(expected) in page.content.decode()
        assert "Select a valid choice" not in page.content.decode()
        export = staff_client.get(reverse("mandates:export_csv"), {"assignee": value})
        assert export.status_code == 400 and expected in export.content.decode()
        api = staff_client.get("/api/deliverables/", {"assignee": value})
        assert api.status_code == 400 and api.json()["assignee"][0].startswith(expected)
    contact = factories.ContactFactory(name="Water unit")
    world.soon.assignees.add(contact)
    listed = staff_client.get(UPCOMING, {"assignee": contact.pk})
    assert listed.status_code == 200 and titles(listed) == {world.soon.title}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"body": "GA"}, {"ga"}),
        ({"body": "HRC"}, {"soon"}),
        ({"actor": "Secretary-General"}, {"ga"}),
        ({"status": "confirmed"}, {"soon", "ga"}),
        ({"status": "proposed"}, set()),
        ({"kind": "oral update"}, set()),
        ({"kind": "report"}, {"soon", "ga"}),
        ({"q": "clean water"}, {"soon"}),
        ({"session": "HRC-64"}, {"soon"}),
    ],
)
def test_upcoming_filters(client, world, query, expected):
    """The GET form filters by body, actor, status (older links), kind, session and text
    (DeliverableFilter)."""
    response = client.get(UPCOMING, query)
    assert titles(response) == {getattr(world, name).title for name in expected}


def test_upcoming_filter_form_is_labelled(client, world):
    """Every filter has a visible label tied to its control."""
    page = client.get(UPCOMING).content.decode()
    for name in ("body", "actor", "progress", "review", "kind", "q", "months"):
        assert f'<label for="id_{name}">' in page
        assert f'id="id_{name}"' in page


def test_upcoming_refuses_an_invalid_filter_and_says_so(client, world):
    """An unknown body is reported on the form (400), naming the value and the bodies to
    use, and lists nothing rather than all; the export says the same."""
    response = client.get(UPCOMING, {"body": "XYZ"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="errorlist"' in page
    assert "XYZ is not a body: use one of " in page and "HRC" in page and "GA" in page
    assert "Select a valid choice" not in page
    assert titles(response) == set()
    export = client.get(reverse("mandates:export_csv"), {"body": "XYZ"})
    assert export.status_code == 400
    assert "body: XYZ is not a body: use one of " in export.content.decode()


def test_a_session_that_is_no_session_is_refused_on_pages_and_the_export(client, world):
    """ "?session=garbage" lists nothing and says why (it used to list nothing silently)."""
    response = client.get(UPCOMING, {"session": "garbage"})
    assert response.status_code == 400
    assert "garbage is not a session" in response.content.decode()
    export = client.get(reverse("mandates:export_csv"), {"session": "HRC-x"})
    assert export.status_code == 400
    assert "HRC-x is not a session" in export.content.decode()


def test_staff_also_see_non_public_but_never_rejected(staff_client, world):
    """Staff see deliverables kept out of public feeds, marked as such; rejected stay hidden."""
    response = staff_client.get(UPCOMING)
    assert world.private.title in titles(response)
    assert world.rejected.title not in titles(response)
    assert "not public" in response.content.decode()


def test_upcoming_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    """Upcoming runs a constant number of queries, however many deliverables it lists
    (one of them reads the due-date rules that explain the dates; two count the list and
    each session's share of it)."""
    with django_assert_max_num_queries(7):
        client.get(UPCOMING, {"months": 24})
    for _ in range(20):
        factories.DeliverableFactory(
            due_date=date(2026, 12, 1), due_session=world.hrc64, review_status="confirmed"
        )
    with django_assert_max_num_queries(7):
        response = client.get(UPCOMING, {"months": 24})
    assert len(response.context["deliverables"]) > 20


def test_upcoming_query_count_logged_in(member_client, world, django_assert_max_num_queries):
    """Logged in (session, user, feed tokens) the count stays constant too."""
    for _ in range(10):
        factories.DeliverableFactory(due_date=date(2026, 12, 1), due_session=world.hrc64)
    with django_assert_max_num_queries(10):
        member_client.get(UPCOMING)


# --- Overdue and review -------------------------------------------------------------------


def test_overdue_lists_open_past_deliverables(client, world):
    """Overdue shows open deliverables past their date, not submitted ones."""
    response = client.get(OVERDUE)
    assert titles(response) == {world.late.title}
    assert "overdue" in response.content.decode()


def test_overdue_filters_and_query_count(client, world, django_assert_max_num_queries):
    """Overdue takes the same filters, in constant queries (one reads the due-date rules,
    two count the list and the historic ones)."""
    assert titles(client.get(OVERDUE, {"body": "GA"})) == set()
    with django_assert_max_num_queries(7):
        client.get(OVERDUE, {"body": "HRC"})


def test_review_needs_a_login(client, world):
    """Anonymous visitors are sent to the login page."""
    response = client.get(REVIEW)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mandates:login"))


def test_review_is_for_staff_only(member_client, world):
    """A logged-in person who is not staff is refused."""
    assert member_client.get(REVIEW).status_code == 403


def test_review_lists_what_waits_for_a_decision(staff_client, world, django_assert_max_num_queries):
    """Staff see proposed and flagged deliverables, public or not, with a link to decide."""
    with django_assert_max_num_queries(8):  # one reads the due-date rules, one counts
        response = staff_client.get(REVIEW)
    assert world.flagged.title in titles(response)
    assert world.private.title in titles(response)
    assert world.soon.title not in titles(response)  # confirmed
    assert world.rejected.title not in titles(response)
    page = response.content.decode()
    assert "two sessions named" in page
    assert reverse("admin:mandates_deliverablereview_change", args=[world.flagged.pk]) in page


# --- Session, actor, deliverable, resolution ---------------------------------------------


def test_session_page(client, world, django_assert_max_num_queries):
    """The session page says what is due, with its dates and estimated flag, and its feed."""
    url = reverse("mandates:session", args=["HRC", 64])
    assert url == "/sessions/HRC-64/"
    # + the due-date rules, + the count of the list, + its resumed parts and meetings
    with django_assert_max_num_queries(6):
        response = client.get(url)
    page = response.content.decode()
    assert "<h1>HRC 64: what is due</h1>" in page
    assert "22 February 2027" in page and "estimated" in page
    assert titles(response) == {world.soon.title}
    feed = reverse("mandates:feed_session", args=["HRC", 64])
    assert f'href="{webcal_url(feed)}"' in page
    assert f">http://127.0.0.1:8000{feed}</code>" in page


def test_session_code_is_case_insensitive_and_unknown_is_404(client, world):
    """hrc-64 works; an unknown session or body is 404."""
    assert client.get("/sessions/hrc-64/").status_code == 200
    assert client.get("/sessions/HRC-999/").status_code == 404
    assert client.get("/sessions/XYZ-64/").status_code == 404


def test_actor_page(client, world, django_assert_max_num_queries):
    """The actor page lists what is asked of it (public only) and offers its feed."""
    actor = world.ga.mandate.actor
    with django_assert_max_num_queries(4):  # + the count of the list
        response = client.get(reverse("mandates:actor", args=[actor.pk]))
    assert titles(response) == {world.ga.title}
    page = response.content.decode()
    assert webcal_url(reverse("mandates:feed_actor", args=[actor.pk])) in page
    assert client.get(reverse("mandates:actor", args=[99999])).status_code == 404


def test_deliverable_page(client, world, django_assert_max_num_queries):
    """The deliverable page shows its deadline, session dates, status and calendar file."""
    with django_assert_max_num_queries(2):
        response = client.get(reverse("mandates:deliverable", args=[world.soon.uid]))
    page = response.content.decode()
    assert "<h1>Report on clean water</h1>" in page
    assert "14 Dec 2026" in page and "estimated dates" in page
    assert reverse("mandates:deliverable_ics", args=[world.soon.uid]) in page


def test_deliverable_page_hides_what_is_not_public(django_user_model, world):
    """Non-public and rejected deliverables are 404 unless staff or assigned."""
    private = reverse("mandates:deliverable", args=[world.private.uid])
    rejected = reverse("mandates:deliverable", args=[world.rejected.uid])
    anonymous, member, staff = Client(), Client(), Client()
    holder = django_user_model.objects.create_user("holder", "holder@example.org", "pw")
    member.force_login(holder)
    staff.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "pw"))
    assert anonymous.get(private).status_code == 404
    assert anonymous.get(rejected).status_code == 404
    assert member.get(private).status_code == 404
    assert staff.get(private).status_code == 200
    world.private.assignees.add(factories.ContactFactory(user=holder))
    assert member.get(private).status_code == 200


def test_a_rejected_deliverables_page_offers_no_calendar_file(staff_client, world):
    """A rejected deliverable's page (staff, its people) offered "Add to my calendar
    (.ics)", whose link answers 410 Gone: no link, and the page says why; the same when
    its mandate was rejected. A confirmed one keeps the link."""
    mandate_rejected = factories.DeliverableFactory(
        title="Report of a rejected request",
        due_date=date(2026, 12, 22),
        review_status=ReviewStatus.CONFIRMED,
        mandate__review_status=ReviewStatus.REJECTED,
    )
    for deliverable, said in (
        (world.rejected, "This deliverable was rejected:"),
        (mandate_rejected, "The request this deliverable belongs to was rejected:"),
    ):
        page = staff_client.get(reverse("mandates:deliverable", args=[deliverable.uid]))
        content = page.content.decode()
        ics = reverse("mandates:deliverable_ics", args=[deliverable.uid])
        assert page.status_code == 200
        assert staff_client.get(ics).status_code == 410
        assert ics not in content and "Add to my calendar" not in content
        assert said in content and "it is in no calendar and gets no reminders" in content
    confirmed = staff_client.get(reverse("mandates:deliverable", args=[world.soon.uid]))
    assert "Add to my calendar" in confirmed.content.decode()
    assert "in no calendar" not in confirmed.content.decode()


def test_unknown_deliverable_is_404(client, db):
    """An unknown UID is 404."""
    url = reverse("mandates:deliverable", args=["00000000-0000-0000-0000-000000000000"])
    assert client.get(url).status_code == 404


@pytest.fixture
def ingested(settings, tmp_path, today):
    """The example HRC resolution, stored by the ingest service."""
    settings.MEDIA_ROOT = tmp_path / "media"
    resolution_ingest_path(path=HRC_EXAMPLE)
    deliverables = Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/61/99")
    deliverables.update(review_status=ReviewStatus.CONFIRMED)  # as staff would
    return deliverables


def test_resolution_page_hides_unreviewed_proposals(admin_user, settings, tmp_path, today):
    """Freshly ingested, nothing is confirmed: visitors see the text, no deliverable."""
    settings.MEDIA_ROOT = tmp_path / "media"
    resolution_ingest_path(path=HRC_EXAMPLE)
    url = reverse("mandates:resolution", args=["A/HRC/RES/61/99"])
    assert Client().get(url).content.decode().count("<mark") == 0
    staff_client = Client()
    staff_client.force_login(admin_user)
    assert staff_client.get(url).content.decode().count("<mark") == 2


def test_resolution_page_marks_the_evidence(client, ingested, django_assert_max_num_queries):
    """Each deliverable's words are marked in its operative paragraph."""
    url = reverse("mandates:resolution", args=["A/HRC/RES/61/99"])
    assert url == "/resolutions/A/HRC/RES/61/99/"
    with django_assert_max_num_queries(4):
        response = client.get(url)
    page = response.content.decode()
    assert page.count("<mark") == ingested.count() == 2
    assert '<mark title="Report on the outcome of the workshops">' in page
    assert "Also requests the High Commissioner to prepare a report" in page
    assert "Calls upon States" in page  # every operative paragraph is shown
    for item in ingested:
        assert reverse("mandates:deliverable", args=[item.uid]) in page


def test_resolution_page_hides_evidence_of_non_public_deliverables(client, ingested):
    """A deliverable kept private is neither listed nor marked for anonymous visitors."""
    ingested.filter(kind="seminar").update(is_public=False)
    page = client.get(reverse("mandates:resolution", args=["A/HRC/RES/61/99"])).content.decode()
    assert page.count("<mark") == 1


def test_unknown_resolution_is_404(client, db):
    """An unknown symbol is 404."""
    assert client.get("/resolutions/A/HRC/RES/1/1/").status_code == 404


def test_deliverable_page_marks_its_evidence(client, ingested):
    """The deliverable page shows its paragraph with its own words marked."""
    report = ingested.get(kind="report")
    page = client.get(reverse("mandates:deliverable", args=[report.uid])).content.decode()
    assert '<mark title="evidence">' in page
    assert "<strong>4.</strong>" in page


# --- Timeline -----------------------------------------------------------------------------


def test_timeline_is_an_accessible_svg(client, world, django_assert_max_num_queries):
    """The timeline is an inline SVG with a title and description, bands and markers."""
    with django_assert_max_num_queries(7):  # + the count and the markers' days
        response = client.get(reverse("mandates:timeline"), {"months": 24})
    page = response.content.decode()
    assert '<svg class="timeline"' in page and 'role="img"' in page
    assert '<title id="timeline-title">' in page and '<desc id="timeline-desc">' in page
    chart = response.context["chart"]
    assert {band.label for band in chart.bands} >= {"HRC 64", "GA 81"}
    assert len(chart.markers) == 3
    assert page.count('<circle class="marker"') == 2 * 3  # drawn across and upright (phones)
    assert '<svg class="timeline upright"' in page
    assert world.private.title not in page


def test_timeline_filters(client, world):
    """The timeline takes the same filters as the lists."""
    response = client.get(reverse("mandates:timeline"), {"body": "GA"})
    (marker,) = response.context["chart"].markers
    assert (marker.due_date, marker.count) == (world.ga.due_date, 1)
    assert marker.label == f"2027-01-10: {world.ga.title}"


def test_the_timeline_lists_what_the_page_linking_to_it_lists(client, world):
    """ "See it on the timeline" from the home page shows the same deliverables for the
    same filters: the timeline added cancelled items and those due in the past month."""
    make = factories.DeliverableFactory
    make(
        title="Report on the right to development",
        due_date=date(2026, 12, 1),
        due_session=world.hrc64,
        progress=Deliverable.Progress.CANCELLED,
        review_status=ReviewStatus.CONFIRMED,
    )
    make(
        title="Report due last month",
        due_date=date(2026, 10, 20),
        due_session=world.hrc63,
        review_status=ReviewStatus.CONFIRMED,
    )
    for filters in ({}, {"body": "HRC", "months": 24, "q": "report"}, {"months": 24}):
        home = client.get(UPCOMING, filters)
        link = home.content.decode().split('">See it on the timeline</a>')[0]
        timeline = client.get(link.rsplit('href="', 1)[1].replace("&amp;", "&"))
        assert timeline.status_code == 200
        assert titles(timeline) == titles(home), filters
        assert timeline.context["pagination"]["count"] == home.context["pagination"]["count"]
        dots = sum(marker.count for marker in timeline.context["chart"].markers)
        assert dots == home.context["pagination"]["count"], filters
    assert titles(client.get(UPCOMING, {"body": "HRC", "months": 24, "q": "report"})) == {
        world.soon.title
    }


# --- CSV export ---------------------------------------------------------------------------


def rows(response) -> list[dict]:
    text = response.getvalue().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_export_has_the_same_rows_as_the_page(client, world):
    """The list pages link to /export.csv with their query; it holds the same deliverables."""
    page = client.get(UPCOMING, {"body": "HRC", "months": "24"})
    link = f"{reverse('mandates:export_csv')}?{page.context['export_query']}"
    assert link.replace("&", "&amp;") in page.content.decode()
    response = client.get(link)
    assert response["Content-Type"].startswith("text/csv")
    assert {row["Title"] for row in rows(response)} == titles(page)


def test_export_of_overdue_and_of_everything(client, world):
    """scope=overdue exports the overdue list; without a scope, every visible deliverable."""
    overdue = rows(client.get(reverse("mandates:export_csv"), {"scope": "overdue"}))
    assert [row["Title"] for row in overdue] == [world.late.title]
    everything = {row["Title"] for row in rows(client.get(reverse("mandates:export_csv")))}
    assert world.private.title not in everything and world.rejected.title not in everything
    assert world.far.title in everything and world.submitted_late.title in everything


def test_export_of_the_review_list_is_for_staff(staff_client, world):
    """The review list's export is refused to anonymous visitors."""
    url = reverse("mandates:export_csv")
    assert Client().get(url, {"scope": "review"}).status_code == 403
    assert world.flagged.title in {
        r["Title"] for r in rows(staff_client.get(url, {"scope": "review"}))
    }


# --- Calendars, login ---------------------------------------------------------------------


def test_upcoming_offers_the_feed_and_explains_polling(client, world):
    """Upcoming has a webcal:// subscribe link, the https URL to copy, and the Google caveat."""
    page = client.get(UPCOMING).content.decode()
    feed = reverse("mandates:feed_all")
    assert f'href="{webcal_url(feed)}"' in page
    assert f">http://127.0.0.1:8000{feed}</code>" in page
    assert "12 to 24 hours" in page and "e-mail reminders are the authority" in page


def test_upcoming_offers_the_filtered_body_and_actor_feeds(client, world):
    """Filtering by body or actor offers that body's or actor's feed."""
    page = client.get(UPCOMING, {"body": "GA", "actor": "Secretary-General"}).content.decode()
    assert webcal_url(reverse("mandates:feed_body", args=["GA"])) in page
    actor = world.ga.mandate.actor
    assert webcal_url(reverse("mandates:feed_actor", args=[actor.pk])) in page


def test_feed_links_on_the_pages_work(client, world):
    """The feed URLs the pages offer answer with a calendar."""
    for url in (
        reverse("mandates:feed_all"),
        reverse("mandates:feed_body", args=["HRC"]),
        reverse("mandates:feed_session", args=["HRC", 64]),
        reverse("mandates:feed_actor", args=[world.soon.mandate.actor_id]),
        reverse("mandates:feed_sessions"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/calendar")


def test_calendars_page_for_anonymous_visitors(client, world):
    """The calendars page lists the public feeds and invites to log in for a private one."""
    page = client.get(reverse("mandates:calendars")).content.decode()
    assert webcal_url(reverse("mandates:feed_sessions")) in page
    assert webcal_url(reverse("mandates:feed_body", args=["GA"])) in page
    assert "deliverables due to the General Assembly (GA)" in page  # a name, not a code
    assert "feeds/private" not in page
    assert reverse("mandates:login") in page


def test_private_feed_offered_when_logged_in(member_client, django_user_model, world):
    """A logged-in person sees their private feed, or how to get one; revoked ones are gone."""
    calendars = reverse("mandates:calendars")
    assert "Ask an administrator" in member_client.get(calendars).content.decode()
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser("boss", "b@example.org", "pw"))
    page = staff.get(calendars).content.decode()
    assert reverse("admin:mandates_feedtoken_add") in page
    assert "label=my%20calendar" in page  # a URL holds no raw space
    token = FeedToken.objects.create(user=member_client.user, label="phone")
    revoked = FeedToken.objects.create(user=member_client.user, label="old")
    revoked.revoked_at = revoked.created_at
    revoked.save()
    private = reverse("mandates:feed_private", args=[token.token])
    assert webcal_url(private) in member_client.get(calendars).content.decode()
    assert revoked.token not in member_client.get(calendars).content.decode()
    assert webcal_url(private) in member_client.get(UPCOMING).content.decode()
    assert member_client.get(private).status_code == 200


def _csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _private_links(page: str) -> list[str]:
    """The private calendar paths a page offers to subscribe to."""
    return re.findall(r"webcal://[^/]+(/feeds/private/[^/]+\.ics)", page)


def test_a_focal_point_creates_replaces_and_revokes_their_own_calendar_link(
    django_user_model, world
):
    """A focal point who is not staff read "Ask an administrator to create one" and could
    not open the admin: /calendars/ now creates their link (a form with its CSRF token),
    shows it, and replaces or revokes it; the feed lists what is assigned to them, the
    old link is gone (410)."""
    fiona = django_user_model.objects.create_user("fiona", "fiona@ohchr.example.org", "pw")
    world.private.assignees.add(factories.ContactFactory(name="Fiona Focal", user=fiona))
    client = Client(enforce_csrf_checks=True)
    client.force_login(fiona)
    calendars = reverse("mandates:calendars")
    action = reverse("mandates:private_calendar")
    page = client.get(calendars).content.decode()
    assert "You have no private calendar link yet." in page
    assert "Ask an administrator" not in page and _private_links(page) == []
    assert "Create my private calendar link" in page
    assert client.post(action, {"action": "create"}).status_code == 403  # no CSRF token

    created = client.post(action, {"action": "create", "csrfmiddlewaretoken": _csrf(page)})
    assert created.status_code == 302 and created["Location"].startswith(calendars)
    page = client.get(created["Location"]).content.decode()
    assert "Your private calendar link is below" in page
    [first] = _private_links(page)
    feed = Client().get(first)
    assert feed.status_code == 200
    assert [str(world.private.uid) in uid for uid in ical_events(feed.content)] == [True]
    again = client.post(action, {"action": "create", "csrfmiddlewaretoken": _csrf(page)})
    assert _private_links(client.get(again["Location"]).content.decode()) == [first]

    token = FeedToken.objects.get(user=fiona, revoked_at=None)
    client.post(
        action, {"action": "replace", "token": token.pk, "csrfmiddlewaretoken": _csrf(page)}
    )
    page = client.get(calendars).content.decode()
    [second] = _private_links(page)
    assert second != first
    assert Client().get(first).status_code == 410
    assert Client().get(second).status_code == 200

    other = FeedToken.objects.create(user=django_user_model.objects.create_user("bob"))
    stolen = {"action": "revoke", "token": other.pk, "csrfmiddlewaretoken": _csrf(page)}
    assert client.post(action, stolen).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None

    token = FeedToken.objects.get(user=fiona, revoked_at=None)
    client.post(action, {"action": "revoke", "token": token.pk, "csrfmiddlewaretoken": _csrf(page)})
    page = client.get(calendars).content.decode()
    assert "was revoked" in page and _private_links(page) == []
    assert Client().get(second).status_code == 410


def test_without_a_contact_no_calendar_link_is_created(member_client, client, world):
    """A person no contact is linked to would get an empty calendar: the page says why and
    offers no button, and a form sent anyway is refused; signed out, one is sent to log in."""
    page = member_client.get(reverse("mandates:calendars")).content.decode()
    assert "No contact is linked to your user" in page
    assert "Create my private calendar link" not in page
    refused = member_client.post(reverse("mandates:private_calendar"), {"action": "create"})
    assert refused.status_code == 403
    assert not FeedToken.objects.exists()
    client.logout()
    anonymous = Client().post(reverse("mandates:private_calendar"), {"action": "create"})
    assert anonymous.status_code == 302 and reverse("mandates:login") in anonymous["Location"]


def test_login_and_logout(client, django_user_model, world):
    """People log in on the site's login page and log out with the button in the header."""
    django_user_model.objects.create_user("holder", "holder@example.org", "pw")
    page = client.get(UPCOMING).content.decode()
    assert reverse("mandates:login") in page
    response = client.post(
        reverse("mandates:login"), {"username": "holder", "password": "pw", "next": OVERDUE}
    )
    assert response.status_code == 302 and response["Location"] == OVERDUE
    page = client.get(UPCOMING).content.decode()
    assert "Signed in as holder" in page and reverse("mandates:logout") in page
    response = client.post(reverse("mandates:logout"))
    assert response.status_code == 302
    assert "Signed in as" not in client.get(UPCOMING).content.decode()


def test_base_template_landmarks(client, world):
    """Every page has a skip link, a labelled navigation, one main and one h1."""
    for url in (UPCOMING, OVERDUE, reverse("mandates:timeline"), reverse("mandates:calendars")):
        page = client.get(url).content.decode()
        assert '<a class="skip-link" href="#main">' in page
        assert '<nav aria-label="Main">' in page
        assert page.count("<main") == 1 and page.count("<h1") == 1
        assert 'aria-current="page"' in page


def test_every_page_runs_a_constant_number_of_queries(
    staff_client, world, django_assert_max_num_queries
):
    """With many deliverables, no page's query count grows (no per-row queries)."""
    for _ in range(15):
        factories.DeliverableFactory(
            due_date=date(2026, 12, 1), due_session=world.hrc64, mandate=world.soon.mandate
        )
    FeedToken.objects.create(user=staff_client.user)
    pages = {  # lists read the due-date rules once, to explain the dates, and count
        UPCOMING: 10,
        OVERDUE: 9,
        REVIEW: 8,
        reverse("mandates:timeline"): 10,
        reverse("mandates:calendars"): 5,  # + whether a contact is linked to the user
        reverse("mandates:session", args=["HRC", 64]): 8,  # + considerations, the count, parts
        reverse("mandates:actor", args=[world.soon.mandate.actor_id]): 6,
        reverse("mandates:deliverable", args=[world.soon.uid]): 4,
        reverse("mandates:resolution", args=["A/HRC/RES/61/98"]): 6,  # + considerations
        reverse("mandates:export_csv"): 5,
    }
    for url, most in pages.items():
        with django_assert_max_num_queries(most):
            response = staff_client.get(url)
            assert response.status_code == 200, url
            response.getvalue()  # a streamed export runs its queries as it is read


# --- Who may ask what (QA of the public pages) ---------------------------------------------


def test_a_signed_in_person_who_is_not_staff_sees_no_email_address(member_client, world):
    """The "Assigned to" filter listed every contact as "Name <e-mail>" to anyone signed in;
    e-mail addresses are for staff."""
    contact = factories.ContactFactory(name="Water unit", email="water-unit@ohchr.example.org")
    world.soon.assignees.add(contact)
    page = member_client.get(UPCOMING).content.decode()
    assert "Water unit" in page
    assert "water-unit@ohchr.example.org" not in page


@pytest.mark.parametrize("query", ["mine=true", "assignee=1"])
def test_asking_for_assignments_signed_out_is_refused_not_ignored(client, world, query):
    """Signed out, ?mine=true listed everything (the filter was dropped): it looked like the
    visitor's own list. Now it is a 400 that says to sign in."""
    response = client.get(f"{UPCOMING}?{query}")
    assert response.status_code == 400
    assert "sign in to filter by it" in response.content.decode()
    export = client.get(reverse("mandates:export_csv") + f"?{query}")
    assert export.status_code == 400
    assert "sign in to filter by it" in export.content.decode()
    assert "__all__" not in export.content.decode()
    mine = client.get(reverse("mandates:export_csv") + "?scope=mine")
    assert mine.status_code == 400 and "sign in first" in mine.content.decode()


def test_my_list_sends_a_signed_out_person_to_a_sign_in_they_can_use(client, django_user_model):
    """/mine/ sent people to the admin's sign-in, which takes staff only."""
    django_user_model.objects.create_user("holder", "holder@example.org", "pw-holder-1")
    response = client.get(reverse("mandates:mine"))
    assert response.status_code == 302
    login = response["Location"]
    assert login.startswith(reverse("mandates:login"))
    signed_in = client.post(login, {"username": "holder", "password": "pw-holder-1"}, follow=True)
    assert signed_in.resolver_match.url_name == "mine"
