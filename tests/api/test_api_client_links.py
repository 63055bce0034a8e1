"""What an API client builds on: every link a response gives answers (on the host it asked),
every `actor` it prints is a filter and a feed, a deadline keeps its relation, one
resolution's deliverables come in one order, and a nightly sync by `updated_after` misses
nothing (QA report on the API, findings 2, 3, 4, 9, 10, 11 and 16)."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.pagination import PageNumberPagination

from mandates.api import DeliverableSerializer, SessionSerializer
from mandates.models import Actor, Contact, Deliverable, ReviewStatus, Session
from mandates.services.ingest import resolution_ingest_path
from tests import factories
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

EXPORT = reverse("mandates:export_csv")


def token_client(client_class, user):
    client = client_class()
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=user).key}"
    return client


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("staff", "staff@example.org", "pw", is_staff=True)


@pytest.fixture
def staff_token(client, staff):
    return token_client(type(client), staff)


@pytest.fixture
def staff_session(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def member_token(client, django_user_model):
    return token_client(type(client), django_user_model.objects.create_user("member"))


def walk(client, url: str, **headers) -> list[dict]:
    """Every row of a list, following `next`."""
    rows: list[dict] = []
    while url:
        page = client.get(url, **headers).json()
        rows += page["results"]
        url = page["next"]
    return rows


def local(url: str) -> str:
    return url.removeprefix("http://testserver")


def csv_rows(client, **query) -> list[dict]:
    response = client.get(EXPORT, query)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


# --- 2. calendar_url ------------------------------------------------------------------------


@pytest.fixture
def mixed_rows():
    """Dated and undated, public and not, confirmed and proposed, a rejected mandate's."""
    confirmed = {"review_status": ReviewStatus.CONFIRMED}
    rows = {
        "public dated": factories.DeliverableFactory(due_date=date(2027, 3, 1), **confirmed),
        "public undated": factories.DeliverableFactory(**confirmed),
        "not public dated": factories.DeliverableFactory(
            due_date=date(2027, 3, 2), is_public=False, **confirmed
        ),
        "proposed dated": factories.DeliverableFactory(due_date=date(2027, 3, 3)),
        "proposed undated": factories.DeliverableFactory(),
        "rejected mandate": factories.DeliverableFactory(
            due_date=date(2027, 3, 4),
            mandate__review_status=ReviewStatus.REJECTED,
            **confirmed,
        ),
    }
    return {name: str(item.uid) for name, item in rows.items()}


def test_calendar_url_is_null_unless_it_answers_the_person_asking(
    mixed_rows, staff_token, staff_session, member_token
):
    """QA: `calendar_url` was always given, and 404'd for every undated or non-public row,
    for staff too. Now it is null where there is no event for the person asking; staff
    signed in to the site open a non-public event (an API token opens the API only)."""
    by_reader = {
        "staff token": (staff_token, {"public dated"}),
        "staff session": (staff_session, {"public dated", "not public dated", "proposed dated"}),
        "member token": (member_token, {"public dated"}),
    }
    names = {uid: name for name, uid in mixed_rows.items()}
    for reader, (client, offered) in by_reader.items():
        rows = walk(client, "/api/deliverables/")
        given = {names[row["uid"]] for row in rows if row["calendar_url"]}
        assert given == offered, reader
        for row in rows:
            if row["calendar_url"]:
                assert client.get(local(row["calendar_url"])).status_code == 200, (reader, row)
        detail = client.get(f"/api/deliverables/{mixed_rows['public undated']}/").json()
        assert detail["calendar_url"] is None


def test_calendar_url_follows_what_the_site_shows_publicly(mixed_rows, staff_token, settings):
    """With PUBLIC_SHOWS_PROPOSALS a proposal's event is public: its calendar_url is given."""
    settings.PUBLIC_SHOWS_PROPOSALS = True
    row = staff_token.get(f"/api/deliverables/{mixed_rows['proposed dated']}/").json()
    assert staff_token.get(local(row["calendar_url"])).status_code == 200


def test_the_schema_says_calendar_url_and_session_url_may_be_null(staff_token):
    schema = staff_token.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    components = schema.json()["components"]["schemas"]
    for component, field in (
        ("Deliverable", "calendar_url"),
        ("Deliverable", "actor_id"),
        ("Deliverable", "actor_feed_url"),
        ("Session", "url"),
    ):
        assert components[component]["properties"][field]["nullable"] is True, field
    assert components["Deliverable"]["properties"]["updated"]["format"] == "date-time"
    assert components["Deliverable"]["properties"]["is_historic"]["type"] == "boolean"


# --- 3. actors ------------------------------------------------------------------------------


@pytest.fixture
def actors():
    """An Actor row, and two actors outside the table: one the extractor named, one it
    left with the words printed only."""
    confirmed = {"review_status": ReviewStatus.CONFIRMED}
    in_table = factories.DeliverableFactory(
        due_date=date(2027, 4, 1),
        mandate__actor=factories.ActorFactory(name="Special Envoy"),
        **confirmed,
    )
    named = factories.DeliverableFactory(
        due_date=date(2027, 4, 2),
        mandate__actor=None,
        mandate__actor_name="Emergency Relief Coordinator",
        mandate__actor_text="the Emergency Relief Coordinator",
        **confirmed,
    )
    printed = factories.DeliverableFactory(
        mandate__actor=None,
        mandate__actor_name="",
        mandate__actor_text="the Conference",
        **confirmed,
    )
    hidden = factories.DeliverableFactory(
        mandate__actor=None, mandate__actor_name="Monitoring Team", is_public=False, **confirmed
    )
    return in_table, named, printed, hidden


def test_every_actor_the_api_prints_is_a_filter_of_the_api_and_the_csv(
    actors, staff_token, staff_session, member_token
):
    """QA: 44 of 112 `actor` values answered 400 as `?actor=` ("Conference is no actor's
    name"): those of actors outside the Actor table. Each now lists the rows showing it."""
    for client in (staff_token, member_token):
        rows = walk(client, "/api/deliverables/")
        for name in {row["actor"] for row in rows}:
            response = client.get("/api/deliverables/", {"actor": name})
            assert response.status_code == 200, name
            listed = response.json()["results"]
            assert {row["actor"] for row in listed} == {name}
            assert len(listed) == sum(row["actor"] == name for row in rows)
    for name in ("Emergency Relief Coordinator", "the Conference", "Special Envoy"):
        exported = csv_rows(staff_session, actor=name)
        assert exported and {row["Actor"] for row in exported} == {name}, name
    # a typo is still refused; a name only a hidden row shows is not a name to a member
    assert staff_token.get("/api/deliverables/", {"actor": "Emergency Relief"}).status_code == 400
    assert member_token.get("/api/deliverables/", {"actor": "Monitoring Team"}).status_code == 400
    assert staff_token.get("/api/deliverables/", {"actor": "Monitoring Team"}).json()["count"] == 1
    page = staff_session.get("/", {"actor": "Emergency Relief Coordinator", "months": 60})
    assert page.status_code == 200  # the list page takes it too, and offers no actor feed


def test_the_api_gives_the_actors_id_and_feed(actors, staff_token):
    """QA: actor feeds are /feeds/actor/<id>.ics, but the API gave no id. `actor_id` and
    `actor_feed_url` are given for an Actor row; null for an actor outside the table,
    which has no feed."""
    in_table, named, printed, _hidden = actors
    rows = {row["uid"]: row for row in walk(staff_token, "/api/deliverables/")}
    row = rows[str(in_table.uid)]
    assert row["actor_id"] == in_table.mandate.actor_id
    assert row["actor_feed_url"] == f"http://testserver/feeds/actor/{row['actor_id']}.ics"
    feed = staff_token.get(local(row["actor_feed_url"]))
    assert feed.status_code == 200 and str(in_table.uid) in feed.content.decode()
    for outside in (named, printed):
        assert rows[str(outside.uid)]["actor_id"] is None
        assert rows[str(outside.uid)]["actor_feed_url"] is None


def test_calendar_categories_name_an_actor_outside_the_table(actors, client):
    """QA: the event of a deliverable of the Emergency Relief Coordinator had CATEGORIES
    "Report" only: the feeds read the Actor row's name alone. They give the name the API
    prints, in the feeds and the single .ics."""
    _in_table, named, _printed, _hidden = actors
    for url in ("/feeds/deliverables.ics", f"/deliverables/{named.uid}.ics"):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        (event,) = [e for e in body.split("BEGIN:VEVENT") if f"deliverable-{named.uid}@" in e]
        assert "CATEGORIES:Report,Emergency Relief Coordinator\r\n" in event, url


# --- 4. an estimated session's url ----------------------------------------------------------


def test_a_plans_session_nobody_stored_has_no_url(staff_token):
    """QA: /api/sessions/HRC-70/plan/ gave session.url /api/sessions/HRC-70/, a 404: the
    planner estimates the session without storing it. Its url is null; a stored
    session's answers."""
    last = Session.objects.filter(body__code="HRC").order_by("-number").first()
    estimated = staff_token.get(f"/api/sessions/HRC-{last.number + 2}/plan/").json()
    assert estimated["session"]["number"] == last.number + 2
    assert estimated["session"]["url"] is None
    stored = staff_token.get(f"/api/sessions/HRC-{last.number}/plan/").json()
    assert staff_token.get(local(stored["session"]["url"])).status_code == 200


# --- 9. a relation alone --------------------------------------------------------------------


def test_a_relation_without_body_session_or_date_is_kept(staff_token, staff_session):
    """QA: "before the end of 2023" read as the relation "by" and no date: the JSON said
    `due: null` while the CSV said "by". The due object now carries the relation."""
    item = factories.DeliverableFactory(due_relation="by", review_status=ReviewStatus.CONFIRMED)
    row = staff_token.get(f"/api/deliverables/{item.uid}/").json()
    assert row["due"] == {
        "body": None,
        "session": None,
        "relation": "by",
        "date": None,
        "next_session": False,
        "in_calendar": False,
    }
    assert DeliverableSerializer().get_due(item) == row["due"]  # the schema's reference
    (exported,) = csv_rows(staff_session, resolution=item.mandate.resolution.symbol)
    assert exported["Relation"] == row["due"]["relation"]
    nothing = factories.DeliverableFactory(review_status=ReviewStatus.CONFIRMED)
    assert staff_token.get(f"/api/deliverables/{nothing.uid}/").json()["due"] is None


# --- 10. one resolution, one order ----------------------------------------------------------


def test_one_resolutions_deliverables_come_in_one_order_everywhere(
    settings, tmp_path, staff_token, staff_session
):
    """QA: `?resolution=` listed A/HRC/RES/50/3 in text order, its detail by paragraph
    then due date, and the CSV with the same filter by due date. All three now list it as
    its text does, paragraph 10 after 9, whatever the dates."""
    settings.MEDIA_ROOT = tmp_path

    def ask(n: int, session: str) -> str:
        return (
            f"Requests the High Commissioner to prepare a report on topic {n} and an oral "
            f"update on topic {n}, to be presented to the Human Rights Council at its {session} "
            "session;"
        )

    sessions = ["sixty-fifth", "sixty-third", "sixty-fourth"]
    text = hrc_resolution(number="59/78", operative=[ask(n, sessions[n % 3]) for n in range(1, 12)])
    path = tmp_path / "A_HRC_RES_59_78.txt"
    path.write_text(text, encoding="utf-8")
    resolution_ingest_path(path=path)
    symbol = "A/HRC/RES/59/78"

    filtered = walk(staff_token, f"/api/deliverables/?resolution={symbol}")
    detail = staff_token.get(f"/api/resolutions/{symbol}/").json()["deliverables"]
    exported = csv_rows(staff_session, resolution=symbol)
    paragraphs = [row["paragraph"] for row in filtered]
    assert paragraphs == sorted(paragraphs, key=int) and "10" in paragraphs
    dates = [row["due_date"] for row in filtered if row["due_date"]]
    assert dates != sorted(dates)  # the text's order is not the dates'
    assert [row["uid"] for row in detail] == [row["uid"] for row in filtered]
    assert [row["UID"] for row in exported] == [row["uid"] for row in filtered]


# --- 11. one host per response --------------------------------------------------------------


def test_every_link_of_a_response_is_on_the_host_asked(actors, staff_session, monkeypatch):
    """QA: `next` was built on the request's host, `calendar_url` and session urls on
    SITE_URL (127.0.0.1:8000): a client on another host followed dead links."""
    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    hrc65 = Session.objects.get(body__code="HRC", number=65)
    Deliverable.objects.update(due_session=hrc65)
    host = {"HTTP_HOST": "localhost:8765"}
    page = staff_session.get("/api/deliverables/", **host).json()
    links = [page["next"]]
    for row in page["results"]:
        links += [row["calendar_url"], row["session_dates"]["url"], row["actor_feed_url"]]
    resolution = staff_session.get(
        f"/api/resolutions/{actors[0].mandate.resolution.symbol}/", **host
    ).json()
    links += [item["session_dates"]["url"] for item in resolution["deliverables"]]
    plan = staff_session.get("/api/sessions/HRC-65/plan/", **host).json()
    links += [plan["session"]["url"]]
    links += [s["url"] for s in staff_session.get("/api/sessions/", **host).json()["results"]]
    links = [link for link in links if link is not None]
    assert len(links) > 8
    assert all(link.startswith("http://localhost:8765/") for link in links), links


def test_without_a_request_links_are_on_site_url(settings):
    """A serializer used outside a request (a script, a task) links to SITE_URL, as the
    e-mails and the feeds do."""
    settings.SITE_URL = "https://tracker.example.org"
    item = factories.DeliverableFactory(
        due_session=Session.objects.get(body__code="HRC", number=65),
        due_date=date(2027, 4, 1),
        review_status=ReviewStatus.CONFIRMED,
    )
    row = DeliverableSerializer(item).data
    assert row["calendar_url"] == f"https://tracker.example.org/deliverables/{item.uid}.ics"
    assert row["session_dates"]["url"] == "https://tracker.example.org/api/sessions/HRC-65/"
    assert row["actor_feed_url"].startswith("https://tracker.example.org/feeds/actor/")
    assert SessionSerializer(item.due_session).data["url"] == row["session_dates"]["url"]


# --- 16. a nightly sync ---------------------------------------------------------------------


@pytest.fixture
def twenty(monkeypatch):
    monkeypatch.setattr(PageNumberPagination, "page_size", 5)
    return [
        factories.DeliverableFactory(
            due_date=date(2027, 1, 1) + timedelta(days=n), review_status=ReviewStatus.CONFIRMED
        )
        for n in range(20)
    ]


EPOCH = "2000-01-01T00:00:00Z"


def test_a_sync_walk_misses_no_row_that_moves_meanwhile(twenty, staff_token):
    """QA: a row given a due date in 2099 while a client walked the pages made it skip one
    row and repeat another. With `updated_after` the rows come by their last change and
    `next` continues after the last row given: the changed row comes again at the end,
    none is skipped."""
    url = f"/api/deliverables/?updated_after={EPOCH}"
    first = staff_token.get(url).json()
    assert first["count"] == 20 and "after_uid=" in first["next"] and "page=" not in first["next"]
    moved = Deliverable.objects.get(uid=first["results"][0]["uid"])
    moved.due_date = date(2099, 1, 1)
    moved.save()
    rest = walk(staff_token, local(first["next"]))
    seen = [row["uid"] for row in first["results"] + rest]
    assert set(seen) == {str(item.uid) for item in twenty}
    assert seen.count(str(moved.uid)) == 2 and rest[-1]["due_date"] == "2099-01-01"
    stamps = [row["updated"] for row in rest]
    assert stamps == sorted(stamps, key=datetime.fromisoformat)


def test_a_sync_walk_takes_one_moment_shared_by_more_rows_than_a_page(twenty, staff_token):
    """One bulk change gives many rows the very same moment: `after_uid` carries the walk
    through them, each once."""
    moment = datetime(2031, 5, 4, 3, 2, 1, tzinfo=UTC)  # later than any mandate's change
    Deliverable.objects.update(updated_at=moment)
    rows = walk(staff_token, f"/api/deliverables/?updated_after={EPOCH}")
    assert sorted(row["uid"] for row in rows) == sorted(str(item.uid) for item in twenty)
    assert {datetime.fromisoformat(row["updated"]) for row in rows} == {moment}
    assert (
        staff_token.get("/api/deliverables/", {"updated_after": rows[-1]["updated"]}).json()[
            "count"
        ]
        == 0
    )


def test_updated_moves_with_what_the_row_shows(staff_token):
    """`updated` is the last change of anything the row shows (its session's dates, its
    actor's name, its resolution's status...), `updated_at` the row's own: a session
    marked held changes the JSON, so the sync must see it."""
    hrc65 = Session.objects.get(body__code="HRC", number=65)
    item = factories.DeliverableFactory(due_session=hrc65, review_status=ReviewStatus.CONFIRMED)
    Deliverable.objects.filter(pk=item.pk).update(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    before = staff_token.get(f"/api/deliverables/{item.uid}/").json()
    since = {"updated_after": before["updated"]}
    assert staff_token.get("/api/deliverables/", since).json()["count"] == 0
    hrc65.dates_status = Session.DatesStatus.HELD
    hrc65.save()
    (after,) = staff_token.get("/api/deliverables/", since).json()["results"]
    assert after["session_dates"]["dates_status"] == "held"
    assert after["updated_at"] == before["updated_at"] and after["updated"] > before["updated"]
    actor = Actor.objects.get(pk=item.mandate.actor_id)
    actor.name = "High Commissioner for Human Rights"
    actor.save()
    (renamed,) = staff_token.get("/api/deliverables/", {"updated_after": after["updated"]}).json()[
        "results"
    ]
    assert renamed["actor"] == "High Commissioner for Human Rights"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"updated_after": "yesterday"}, "updated_after"),
        ({"updated_after": "14/12/2026 10:00"}, "updated_after"),
        ({"after_uid": str(uuid.UUID(int=1))}, "after_uid"),
        ({"updated_after": EPOCH, "after_uid": "not-a-uid"}, "after_uid"),
    ],
)
def test_a_sync_parameter_that_means_nothing_answers_400(staff_token, query, field):
    response = staff_token.get("/api/deliverables/", query)
    assert response.status_code == 400 and field in response.json()


def test_updated_after_reads_a_moment_with_its_offset(staff_token):
    """Strictly after the moment, whatever its offset; a "+" not encoded in the address
    (read as a space) is still the offset; without one, the site's time zone."""
    item = factories.DeliverableFactory(review_status=ReviewStatus.CONFIRMED)
    Deliverable.objects.filter(pk=item.pk).update(
        updated_at=datetime(2031, 1, 1, 12, 0, tzinfo=UTC)
    )
    counts = {
        value: staff_token.get(f"/api/deliverables/?updated_after={value}").json()["count"]
        for value in (
            "2031-01-01T12:00:00Z",
            "2031-01-01T11:59:59%2B00:00",
            "2031-01-01T13:59:59 02:00",  # "+02:00" unencoded
            "2031-01-01T13:00:00",  # Geneva, UTC+1 in winter: 12:00 UTC, not after
            "2031-01-01T12:59:59",
        )
    }
    assert list(counts.values()) == [0, 1, 1, 0, 1], counts


def test_historic_is_in_the_json_as_in_the_csv(staff_token, staff_session):
    """QA: the CSV's Historic column had no counterpart in the JSON."""
    old = factories.DeliverableFactory(
        due_date=date(2020, 1, 1), is_historic=True, review_status=ReviewStatus.CONFIRMED
    )
    new = factories.DeliverableFactory(
        due_date=date(2027, 1, 1), review_status=ReviewStatus.CONFIRMED
    )
    exported = {row["UID"]: row["Historic"] for row in csv_rows(staff_session)}
    for item, historic in ((old, True), (new, False)):
        row = staff_token.get(f"/api/deliverables/{item.uid}/").json()
        assert row["is_historic"] is historic
        assert exported[str(item.uid)] == ("yes" if historic else "no")


def test_an_assigned_non_public_row_has_no_dead_calendar_link(client, django_user_model):
    """A person signed in sees a non-public row assigned to them: its calendar_url is null
    (their private feed has it), never a link that 404s."""
    user = django_user_model.objects.create_user("alice", "alice@example.org", "pw")
    contact = Contact.objects.create(name="Alice", email="alice@example.org", user=user)
    item = factories.DeliverableFactory(due_date=date(2027, 5, 1), is_public=False)
    item.assignees.add(contact)
    reader = token_client(type(client), user)
    (row,) = reader.get("/api/deliverables/").json()["results"]
    assert row["uid"] == str(item.uid) and row["calendar_url"] is None
