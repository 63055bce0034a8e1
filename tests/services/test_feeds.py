"""Deliverables and sessions to iCalendar documents."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.cache import cache
from icalendar import Calendar

from mandates.models import Deliverable, ReviewStatus, Session
from mandates.services import feeds
from mandates.services.schedule import deliverable_due_date_refresh, session_reschedule
from tests import factories
from tests.ical import assert_valid_ics, events

pytestmark = pytest.mark.django_db

QUOTE = (
    "Requests the High Commissioner to present a report to the Human Rights Council at "
    "its sixty-fifth session on the implementation of the present resolution"
)


def due_at(number: int = 65, body: str = "HRC", **kwargs) -> Deliverable:
    """A deliverable due at a session, with its due date computed; confirmed unless said
    otherwise (public feeds show what staff confirmed)."""
    deliverable = factories.DeliverableFactory(
        due_session=Session.objects.get(body__code=body, number=number),
        due_relation=kwargs.pop("due_relation", "at"),
        review_status=kwargs.pop("review_status", ReviewStatus.CONFIRMED),
        **kwargs,
    )
    deliverable_due_date_refresh(deliverable=deliverable)
    return deliverable


def cached(feed: feeds.CalendarFeed) -> bool:
    """The cache holds the feed's body for its current version."""
    version = feeds.feed_version(feed=feed)
    return feeds.feed_cached(feed=feed, version=version, store=feeds.FeedCache()) is not None


def uid_of(deliverable: Deliverable) -> str:
    return f"deliverable-{deliverable.uid}@{feeds.UID_DOMAIN}"


def test_event_carries_what_people_and_clients_need():
    """An event is all-day, transparent, with summary, description, URL, categories."""
    deliverable = due_at(title="", quote=QUOTE)
    body = feeds.AllDeliverablesFeed().render()
    event = events(body)[uid_of(deliverable)]
    assert str(event["SUMMARY"]) == "Report of the High Commissioner due for HRC 65"
    assert event["DTSTART"].dt == date(2027, 4, 5)
    assert event["DTEND"].dt == date(2027, 4, 6)
    assert b"DTSTART;VALUE=DATE:20270405" in body
    assert event["TRANSP"] == "TRANSPARENT"
    assert event["SEQUENCE"] == 1
    description = str(event["DESCRIPTION"])
    assert deliverable.mandate.resolution.symbol in description
    assert "paragraph 1" in description
    assert "sixty-fifth session on the implementation" in description
    assert "HRC 65, 14 June 2027 - 6 July 2027 (estimated dates)" in description
    page = f"http://127.0.0.1:8000/deliverables/{deliverable.uid}/"
    assert page in description
    assert "/admin/" not in body.decode()
    assert str(event["URL"]) == page
    assert event["CATEGORIES"].cats == ["Report", "HRC", "High Commissioner"]
    assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt
    assert "VALARM" not in body.decode()


def test_status_follows_review_session_and_progress(settings):
    """TENTATIVE while proposed (where proposals are shown) or on estimated dates,
    CONFIRMED when both are settled."""
    settings.PUBLIC_SHOWS_PROPOSALS = True
    proposed = due_at(59, review_status=ReviewStatus.PROPOSED)
    confirmed = due_at(59, review_status=ReviewStatus.CONFIRMED)
    estimated = due_at(65, review_status=ReviewStatus.CONFIRMED)
    manual = due_at(65, review_status=ReviewStatus.CONFIRMED, manual_due_date=date(2027, 3, 1))
    manual.save()
    deliverable_due_date_refresh(deliverable=manual)
    found = events(feeds.AllDeliverablesFeed().render())
    assert found[uid_of(proposed)]["STATUS"] == "TENTATIVE"
    assert found[uid_of(confirmed)]["STATUS"] == "CONFIRMED"
    assert found[uid_of(estimated)]["STATUS"] == "TENTATIVE"
    assert found[uid_of(manual)]["STATUS"] == "CONFIRMED"


def test_every_feed_is_valid_for_both_parsers():
    """All feed kinds parse with icalendar and vobject and keep to RFC 5545 basics."""
    deliverable = due_at(quote=QUOTE * 3, title="Seminar «régional» — 五 " * 4)
    due_at(81, "GA")
    user = factories.UserFactory()
    contact = factories.ContactFactory(user=user)
    deliverable.assignees.add(contact)
    documents = [
        feeds.AllDeliverablesFeed(alarms=True).render(),
        feeds.BodyFeed(body=factories.body("HRC")).render(),
        feeds.ActorFeed(actor=deliverable.mandate.actor).render(),
        feeds.SessionDeliverablesFeed(session=deliverable.due_session).render(),
        feeds.PrivateFeed(user=user).render(),
        feeds.SessionCalendarFeed().render(),
        feeds.deliverable_ics(deliverable),
    ]
    for document in documents:
        assert_valid_ics(document)


def test_calendar_properties_ask_clients_to_refresh():
    """NAME, X-WR-CALNAME, REFRESH-INTERVAL and X-PUBLISHED-TTL are set."""
    body = feeds.BodyFeed(body=factories.body("HRC")).render()
    calendar = Calendar.from_ical(body)
    assert calendar["NAME"] == "Mandate Tracker: HRC"
    assert calendar["X-WR-CALNAME"] == "Mandate Tracker: HRC"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in body
    assert b"X-PUBLISHED-TTL:PT12H\r\n" in body
    assert calendar["METHOD"] == "PUBLISH"


def test_unchanged_feed_is_byte_identical_later():
    """Rendering the same data an hour later gives the same bytes."""
    due_at()
    due_at(59)
    first = feeds.AllDeliverablesFeed().render()
    with time_machine.travel(timedelta(hours=1)):
        assert feeds.AllDeliverablesFeed().render() == first


def test_moved_session_keeps_uid_raises_sequence_and_moves_the_date():
    """Moving HRC 65 a week later moves the event, same UID, higher SEQUENCE."""
    deliverable = due_at()
    before = events(feeds.AllDeliverablesFeed().render())[uid_of(deliverable)]
    session_reschedule(
        session=deliverable.due_session, start=date(2027, 6, 21), end=date(2027, 7, 13)
    )
    after = events(feeds.AllDeliverablesFeed().render())[uid_of(deliverable)]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["DTSTART"].dt == date(2027, 4, 12)
    assert before["DTSTART"].dt == date(2027, 4, 5)


def test_cancelled_item_stays_as_cancelled_then_ages_out():
    """A cancelled deliverable is STATUS:CANCELLED, not silently gone, for 180 days."""
    deliverable = due_at()
    deliverable.progress = Deliverable.Progress.CANCELLED
    deliverable.sequence += 1
    deliverable.save()
    event = events(feeds.AllDeliverablesFeed().render())[uid_of(deliverable)]
    assert event["STATUS"] == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Cancelled: ")
    with time_machine.travel(timedelta(days=feeds.CANCELLED_KEPT_DAYS + 1)):
        assert uid_of(deliverable) not in events(feeds.AllDeliverablesFeed().render())


def test_rejected_items_and_those_of_rejected_mandates_are_in_no_feed(settings):
    """Rejected deliverables, and every deliverable of a rejected mandate, leave all feeds."""
    settings.PUBLIC_SHOWS_PROPOSALS = True
    user = factories.UserFactory()
    contact = factories.ContactFactory(user=user)
    rejected = due_at(review_status=ReviewStatus.REJECTED)
    kept = due_at()
    of_rejected_mandate = due_at(mandate=kept.mandate)
    for deliverable in (rejected, kept, of_rejected_mandate):
        deliverable.assignees.add(contact)
    kept.mandate.review_status = ReviewStatus.REJECTED
    kept.mandate.save()
    session = kept.due_session
    for feed in (
        feeds.AllDeliverablesFeed(),
        feeds.BodyFeed(body=session.body),
        feeds.SessionDeliverablesFeed(session=session),
        feeds.ActorFeed(actor=kept.mandate.actor),
        feeds.PrivateFeed(user=user),
    ):
        assert events(feed.render()) == {}, feed.slug


def test_submitted_and_issued_items_say_so_in_summary_status_and_categories():
    """A submitted or issued item is shown as such, with no alarm left to ring."""
    submitted = due_at(title="Report on water", progress=Deliverable.Progress.SUBMITTED)
    issued = due_at(59, title="Report on food", progress=Deliverable.Progress.ISSUED)
    found = events(feeds.AllDeliverablesFeed(alarms=True).render())
    event = found[uid_of(submitted)]
    assert str(event["SUMMARY"]) == "Submitted: Report on water due for HRC 65"
    assert event["STATUS"] == "CONFIRMED"
    assert "Submitted" in event["CATEGORIES"].cats
    assert event.walk("VALARM") == []
    assert str(found[uid_of(issued)]["SUMMARY"]).startswith("Issued: Report on food")


def test_alarms_only_on_request():
    """Alarms appear at the reminder offsets only when the feed asks for them."""
    deliverable = due_at()
    plain = events(feeds.AllDeliverablesFeed().render())[uid_of(deliverable)]
    with_alarms = events(feeds.AllDeliverablesFeed(alarms=True).render())[uid_of(deliverable)]
    assert plain.walk("VALARM") == []
    triggers = [alarm["TRIGGER"].dt for alarm in with_alarms.walk("VALARM")]
    assert timedelta(days=-7) in triggers


def test_feeds_select_their_items():
    """Body, actor and session feeds show only their own deliverables."""
    hrc = due_at()
    ga = due_at(81, "GA", mandate=factories.MandateFactory(actor__name="Secretary-General"))
    assert set(events(feeds.BodyFeed(body=factories.body("GA")).render())) == {uid_of(ga)}
    actor_feed = feeds.ActorFeed(actor=ga.mandate.actor).render()
    assert set(events(actor_feed)) == {uid_of(ga)}
    session_feed = feeds.SessionDeliverablesFeed(session=hrc.due_session).render()
    assert set(events(session_feed)) == {uid_of(hrc)}


def test_private_items_stay_out_of_public_feeds():
    """An is_public=False item is only in its assignees' private feeds."""
    secret = due_at(is_public=False)
    owner = factories.UserFactory()
    other = factories.UserFactory()
    secret.assignees.add(factories.ContactFactory(user=owner))
    public = due_at()
    public.assignees.add(factories.ContactFactory(user=other))
    assert uid_of(secret) not in events(feeds.AllDeliverablesFeed().render())
    assert uid_of(secret) not in events(feeds.SessionCalendarFeed().render())
    assert set(events(feeds.PrivateFeed(user=owner).render())) == {uid_of(secret)}
    assert set(events(feeds.PrivateFeed(user=other).render())) == {uid_of(public)}


def test_session_calendar_shows_sessions_with_their_status():
    """The session calendar spans each session; estimated ones are TENTATIVE."""
    found = events(feeds.SessionCalendarFeed().render())
    hrc59 = found[f"session-HRC-59@{feeds.UID_DOMAIN}"]
    assert hrc59["DTSTART"].dt == date(2025, 6, 16)
    assert hrc59["DTEND"].dt == date(2025, 7, 9)
    assert hrc59["STATUS"] == "CONFIRMED"
    assert found[f"session-HRC-65@{feeds.UID_DOMAIN}"]["STATUS"] == "TENTATIVE"
    ga80 = found[f"session-GA-80@{feeds.UID_DOMAIN}"]
    assert ga80["DTEND"].dt == date(2025, 12, 31)  # the main part


def test_session_sequence_rises_when_it_moves():
    """Moving a session raises its SEQUENCE in the session calendar."""
    session = Session.objects.get(body__code="HRC", number=65)
    uid = f"session-HRC-65@{feeds.UID_DOMAIN}"
    before = events(feeds.SessionCalendarFeed().render())[uid]["SEQUENCE"]
    session_reschedule(session=session, start=date(2027, 6, 21), end=date(2027, 7, 13))
    session_reschedule(session=session, start=date(2027, 6, 28), end=date(2027, 7, 20))
    after = events(feeds.SessionCalendarFeed().render())[uid]["SEQUENCE"]
    assert after > before


def test_deliverable_ics_is_one_event_with_the_feed_uid():
    """The single-event file has the same UID and SEQUENCE as the feed."""
    deliverable = due_at()
    found = events(feeds.deliverable_ics(deliverable))
    assert list(found) == [uid_of(deliverable)]
    assert found[uid_of(deliverable)]["SEQUENCE"] == deliverable.sequence


def test_deliverable_ics_needs_a_due_date():
    """A deliverable without a date cannot become an event."""
    with pytest.raises(ValueError):
        feeds.deliverable_ics(factories.DeliverableFactory())


def test_version_changes_with_any_change_of_the_items():
    """Editing, adding, hiding or reassigning an item changes the feed's cache key."""
    deliverable = due_at()
    feed = feeds.AllDeliverablesFeed()
    first = feed.stamp().digest
    assert feed.stamp().digest == first
    with time_machine.travel(timedelta(seconds=5)):
        deliverable.title = "Renamed"
        deliverable.save()
    second = feed.stamp().digest
    assert second != first
    deliverable.is_public = False
    Deliverable.objects.filter(pk=deliverable.pk).update(is_public=False)  # no updated_at
    assert feed.stamp().digest != second


def test_private_feed_version_follows_assignments():
    """Assigning a deliverable (a many-to-many change) changes the private feed's key."""
    user = factories.UserFactory()
    contact = factories.ContactFactory(user=user)
    deliverable = due_at()
    feed = feeds.PrivateFeed(user=user)
    empty = feed.stamp().digest
    deliverable.assignees.add(contact)
    assert feed.stamp().digest != empty


def test_stale_body_is_never_served_after_a_change():
    """A cached body is not served once a deliverable changed, even without a rebuild."""
    deliverable = due_at()
    feed = feeds.AllDeliverablesFeed()
    assert b"Renamed" not in feeds.feed_document(feed=feed).body
    with time_machine.travel(timedelta(seconds=5)):
        Deliverable.objects.filter(pk=deliverable.pk).update(title="Renamed")
        deliverable.refresh_from_db()
        deliverable.save()  # as any service would: updated_at moves
    assert b"Renamed" in feeds.feed_document(feed=feed).body


def test_change_publishes_the_affected_feeds_on_commit(django_capture_on_commit_callbacks):
    """Recomputing a deliverable queues a task that renders its feeds into the cache."""
    cache.clear()
    deliverable = factories.DeliverableFactory(
        due_session=Session.objects.get(body__code="HRC", number=65), due_relation="at"
    )
    user = factories.UserFactory()
    deliverable.assignees.add(factories.ContactFactory(user=user))
    token = user.feed_tokens.create()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        deliverable_due_date_refresh(deliverable=deliverable)
    assert len(callbacks) == 1
    for feed in [
        feeds.AllDeliverablesFeed(),
        feeds.BodyFeed(body=factories.body("HRC")),
        feeds.ActorFeed(actor=deliverable.mandate.actor),
        feeds.SessionDeliverablesFeed(session=deliverable.due_session),
        feeds.PrivateFeed(user=token.user),
    ]:
        assert cached(feed), feed.slug


def test_session_change_publishes_the_session_calendar(django_capture_on_commit_callbacks):
    """Moving a session re-renders the session calendar into the cache."""
    cache.clear()
    session = Session.objects.get(body__code="HRC", number=65)
    with django_capture_on_commit_callbacks(execute=True):
        session_reschedule(session=session, start=date(2027, 6, 21), end=date(2027, 7, 13))
    assert cached(feeds.SessionCalendarFeed())


def test_webcal_url():
    """Paths become absolute webcal:// URLs; http and https are swapped for webcal."""
    assert feeds.webcal_url("/feeds/sessions.ics") == "webcal://127.0.0.1:8000/feeds/sessions.ics"
    assert feeds.webcal_url("https://x.org/a.ics") == "webcal://x.org/a.ics"


def test_tokens_are_long_random_and_rotatable():
    """A token carries at least 128 random bits; rotating revokes it and issues another."""
    import base64

    token = factories.UserFactory().feed_tokens.create()
    raw = base64.urlsafe_b64decode(token.token + "=" * (-len(token.token) % 4))
    assert len(raw) * 8 >= 128
    new = feeds.feed_token_rotate(feed_token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert new.token != token.token and new.user == token.user
    assert feeds.feed_token_for(token=token.token) is None
    assert feeds.feed_token_for(token=new.token) == new


def test_publishing_an_unchanged_feed_twice_renders_once():
    """A second publish of the same version finds it cached and does not render."""
    cache.clear()
    due_at()
    feed = feeds.AllDeliverablesFeed()
    assert feeds.feed_publish(feed=feed) is True
    assert feeds.feed_publish(feed=feed) is False


def test_refresh_saves_a_new_deliverable():
    """deliverable_due_date_refresh on an unsaved deliverable saves it whole."""
    deliverable = factories.DeliverableFactory.build(
        mandate=factories.MandateFactory(),
        due_session=Session.objects.get(body__code="HRC", number=65),
        due_relation="at",
    )
    assert deliverable_due_date_refresh(deliverable=deliverable) is True
    assert Deliverable.objects.get(pk=deliverable.pk).due_date == date(2027, 4, 5)


def test_changed_event_is_rendered_anew():
    """Changing one deliverable changes its event in the next rendering."""
    cache.clear()
    first = due_at()
    due_at(59)
    feed = feeds.AllDeliverablesFeed()
    before = feed.render()
    with time_machine.travel(timedelta(seconds=5)):
        first.title = "Retitled report"
        first.save()
    after = feed.render()
    assert b"Retitled report" in after
    assert after != before
