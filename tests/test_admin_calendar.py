"""Calendar work in the admin: moving sessions, editing rules, feed tokens, webcal links."""

from datetime import date

import pytest
from django.urls import reverse

from mandates.models import Deliverable, DueDateRule, FeedToken, Resolution, Session
from mandates.services.schedule import deliverable_due_date_refresh
from tests import factories
from tests.admin_forms import NO_PARTS

pytestmark = pytest.mark.django_db


def due_at(number: int = 65, **kwargs) -> Deliverable:
    """A deliverable due at an HRC session, with its due date computed."""
    deliverable = factories.DeliverableFactory(
        due_session=Session.objects.get(body__code="HRC", number=number),
        due_relation="at",
        **kwargs,
    )
    deliverable_due_date_refresh(deliverable=deliverable)
    return deliverable


def session_form(session: Session, **changes) -> dict:
    data = {
        "body": session.body_id,
        "number": session.number,
        "start": session.start.isoformat(),
        "end": session.end.isoformat(),
        "main_part_end": session.main_part_end.isoformat() if session.main_part_end else "",
        "dates_status": session.dates_status,
        "status": session.status,
        "source": session.source,
        **NO_PARTS,
    }
    data.update(changes)
    return data


def test_moving_a_session_in_the_admin_recomputes_due_dates(staff_client):
    """Saving HRC 65 a week later through the admin moves its deliverables' due dates."""
    deliverable = due_at()
    session = deliverable.due_session
    url = reverse("admin:mandates_session_change", args=[session.pk])
    response = staff_client.post(
        url,
        session_form(session, start="2027-06-21", end="2027-07-13", dates_status="announced"),
        follow=True,
    )
    assert response.status_code == 200
    assert b"1 deliverable has a new due date." in response.content
    deliverable.refresh_from_db()
    assert deliverable.due_date == date(2027, 4, 12)
    assert deliverable.sequence == 2
    session.refresh_from_db()
    assert session.dates_status == "announced"


def test_moving_a_session_counts_the_due_dates_people_see_move(staff_client):
    """HRC 65 moved a week: of its four deliverables one has a new due date for people. A
    date set by hand stays (only its computed date moved), and a superseded draft's row is
    listed nowhere: the message said "3 deliverables have new due dates"."""
    moved = due_at()
    by_hand = due_at(manual_due_date=date(2027, 3, 1))
    draft = factories.ResolutionFactory(symbol="A/HRC/65/L.1", status=Resolution.Status.SUPERSEDED)
    due_at(mandate__resolution=draft, progress=Deliverable.Progress.SUPERSEDED)
    due_at(mandate__resolution=draft, progress=Deliverable.Progress.SUPERSEDED)
    session = moved.due_session
    response = staff_client.post(
        reverse("admin:mandates_session_change", args=[session.pk]),
        session_form(session, start="2027-06-21", end="2027-07-13"),
        follow=True,
    )
    assert b"1 deliverable has a new due date." in response.content
    by_hand.refresh_from_db()
    assert (by_hand.due_date, by_hand.computed_due_date) == (date(2027, 3, 1), date(2027, 4, 12))


def test_confirming_a_session_in_the_admin_bumps_sequence(staff_client):
    """Confirming the dates without moving them raises SEQUENCE (TENTATIVE -> CONFIRMED)."""
    deliverable = due_at(review_status="confirmed")
    session = deliverable.due_session
    staff_client.post(
        reverse("admin:mandates_session_change", args=[session.pk]),
        session_form(session, dates_status="announced"),
    )
    deliverable.refresh_from_db()
    assert deliverable.due_date == date(2027, 4, 5)
    assert deliverable.sequence == 2


def test_editing_a_rule_in_the_admin_recomputes_due_dates(staff_client):
    """Changing the HRC ten-week rule to twelve weeks in the admin moves HRC reports."""
    deliverable = due_at()
    rule = DueDateRule.objects.get(body__code="HRC", kind="", relation="")
    response = staff_client.post(
        reverse("admin:mandates_duedaterule_change", args=[rule.pk]),
        {
            "body": rule.body_id,
            "kind": "",
            "relation": "",
            "anchor": "opening",
            "lead_time_days": 84,
            "note": rule.note,
        },
        follow=True,
    )
    assert b"1 deliverable has a new due date." in response.content
    deliverable.refresh_from_db()
    assert deliverable.due_date == date(2027, 3, 22)


def test_adding_and_deleting_a_rule_in_the_admin_recomputes(staff_client):
    """A new, more specific rule applies at once; deleting it restores the default."""
    deliverable = due_at()
    staff_client.post(
        reverse("admin:mandates_duedaterule_add"),
        {
            "body": deliverable.due_session.body_id,
            "kind": "report",
            "relation": "at",
            "anchor": "opening",
            "lead_time_days": 100,
            "note": "",
        },
    )
    deliverable.refresh_from_db()
    assert deliverable.due_date == date(2027, 3, 6)
    rule = DueDateRule.objects.get(kind="report", relation="at")
    staff_client.post(reverse("admin:mandates_duedaterule_delete", args=[rule.pk]), {"post": "yes"})
    deliverable.refresh_from_db()
    assert deliverable.due_date == date(2027, 4, 5)


def test_manual_due_date_in_the_admin_overrides_and_shows_both(staff_client):
    """A manual date entered in the admin becomes the due date; the computed one stays."""
    deliverable = due_at()
    url = reverse("admin:mandates_deliverable_change", args=[deliverable.pk])
    page = staff_client.get(url)
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name in form.fields
    }
    data.update(
        {
            "mandate": deliverable.mandate_id,
            "due_session": deliverable.due_session_id,
            "manual_due_date": "2027-02-01",
            "alternatives": "[]",
            "review_reasons": "[]",
            "edited_fields": "[]",
            "assignees": [],
            "reminder_opt_outs": [],
            "comments-TOTAL_FORMS": 0,
            "comments-INITIAL_FORMS": 0,
        }
    )
    data = {k: v for k, v in data.items() if not isinstance(v, bool) or v}
    data["is_public"] = "on"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    deliverable.refresh_from_db()
    assert deliverable.due_date == date(2027, 2, 1)
    assert deliverable.computed_due_date == date(2027, 4, 5)
    assert deliverable.sequence == 2
    listing = staff_client.get(reverse("admin:mandates_deliverable_changelist"))
    assert listing.content.count(b"5 Apr 2027") == 1  # computed; the due date is 1 Feb
    assert b"1 Feb 2027" in listing.content


def test_feed_token_revoke_and_rotate_actions(staff_client):
    """The revoke action revokes; rotate revokes and issues a new token for the user."""
    user = factories.UserFactory()
    to_revoke = FeedToken.objects.create(user=user, label="phone")
    to_rotate = FeedToken.objects.create(user=user, label="laptop")
    changelist = reverse("admin:mandates_feedtoken_changelist")
    staff_client.post(changelist, {"action": "revoke", "_selected_action": [to_revoke.pk]})
    to_revoke.refresh_from_db()
    assert to_revoke.revoked_at is not None
    assert staff_client.get(f"/feeds/private/{to_revoke.token}.ics").status_code == 410
    staff_client.post(changelist, {"action": "rotate", "_selected_action": [to_rotate.pk]})
    to_rotate.refresh_from_db()
    assert to_rotate.revoked_at is not None
    fresh = FeedToken.objects.get(user=user, label="laptop", revoked_at=None)
    assert fresh.token != to_rotate.token
    assert staff_client.get(f"/feeds/private/{fresh.token}.ics").status_code == 200
    assert staff_client.get(f"/feeds/private/{to_rotate.token}.ics").status_code == 410


def test_webcal_links_are_shown(staff_client):
    """Sessions, bodies, actors and one's own feed tokens offer webcal:// subscribe links."""
    token = FeedToken.objects.create(user=staff_client.user)
    actor = factories.ActorFactory()
    pages = {
        reverse("admin:mandates_session_changelist"): "webcal://127.0.0.1:8000/feeds/session/",
        reverse("admin:mandates_body_changelist"): "webcal://127.0.0.1:8000/feeds/body/HRC.ics",
        reverse("admin:mandates_actor_changelist"): f"/feeds/actor/{actor.pk}.ics",
        reverse("admin:mandates_feedtoken_change", args=[token.pk]): (
            f"webcal://127.0.0.1:8000/feeds/private/{token.token}.ics"
        ),
        reverse(
            "admin:mandates_session_change",
            args=[Session.objects.get(body__code="HRC", number=65).pk],
        ): "webcal://127.0.0.1:8000/feeds/sessions.ics",
    }
    for url, link in pages.items():
        content = staff_client.get(url).content.decode()
        assert link in content, url


def test_webcal_template_filter():
    """The template filter turns a feed path into a webcal:// URL for any page."""
    from django.template import Context, Template

    rendered = Template("{% load calendar_links %}{{ url|webcal }}").render(
        Context({"url": "/feeds/deliverables.ics"})
    )
    assert rendered == "webcal://127.0.0.1:8000/feeds/deliverables.ics"


def _mandate_form(mandate, **changes) -> dict:
    """The mandate page's form as the browser posts it, with its loaded version."""
    data = {
        "resolution": mandate.resolution_id,
        "paragraph_label": mandate.paragraph_label,
        "verb": mandate.verb,
        "actor": mandate.actor_id,
        "actor_text": "",
        "quote": mandate.quote,
        "review_status": mandate.review_status,
        "position": 0,
        "loaded_version": mandate.updated_at.isoformat(),
        "deliverables-TOTAL_FORMS": 1,
        "deliverables-INITIAL_FORMS": 1,
        "deliverables-MIN_NUM_FORMS": 0,
        "deliverables-MAX_NUM_FORMS": 1000,
    }
    return {**data, **changes}


def test_editing_a_mandate_in_the_admin_touches_its_deliverables(staff_client):
    """Saving a mandate (say, a corrected quote) moves its deliverables' last change."""
    deliverable = due_at()
    before = Deliverable.objects.get(pk=deliverable.pk).updated_at
    mandate = deliverable.mandate
    data = _mandate_form(mandate, quote="Corrected quote")
    response = staff_client.post(reverse("admin:mandates_mandate_change", args=[mandate.pk]), data)
    assert response.status_code == 302, response.context["errors"]
    mandate.refresh_from_db()
    deliverable.refresh_from_db()
    assert mandate.quote == "Corrected quote"
    assert deliverable.updated_at > before


def test_the_mandate_page_shows_its_deliverables_but_edits_them_on_their_own_page(staff_client):
    """The mandate page lists its deliverables read-only, each with a link to its page (the
    one that keeps a person's edits from the next version of the text and refuses a save
    over a newer one); fields posted for them there change nothing."""
    deliverable = due_at()
    mandate = deliverable.mandate
    url = reverse("admin:mandates_mandate_change", args=[mandate.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="deliverables-0-title"' not in page
    assert 'name="deliverables-0-due_relation"' not in page
    assert 'name="actor_name"' not in page  # the name as printed is the text's, not a field
    assert reverse("admin:mandates_deliverable_change", args=[deliverable.pk]) in page
    data = _mandate_form(
        mandate,
        **{
            "deliverables-0-id": deliverable.pk,
            "deliverables-0-mandate": mandate.pk,
            "deliverables-0-title": "Typed in the mandate page",
            "deliverables-0-due_relation": "before",
        },
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    deliverable.refresh_from_db()
    assert deliverable.title != "Typed in the mandate page"
    assert deliverable.due_relation == "at"
    assert deliverable.edited_fields == []


def test_the_mandate_page_refuses_a_save_over_a_newer_change(staff_client):
    """Two people on one mandate: the later save from an older page is refused, not
    silently put back over the first one's change."""
    deliverable = due_at()
    mandate = deliverable.mandate
    opened = _mandate_form(mandate, quote="Second person's quote")
    url = reverse("admin:mandates_mandate_change", args=[mandate.pk])
    first = staff_client.post(url, _mandate_form(mandate, quote="First person's quote"))
    assert first.status_code == 302
    response = staff_client.post(url, opened)
    assert response.status_code == 200
    assert "This was changed after you opened it" in response.content.decode()
    mandate.refresh_from_db()
    assert mandate.quote == "First person's quote"


def test_mark_announced_action_confirms_sessions(staff_client):
    """The session action confirms estimated dates and bumps their confirmed deliverables'
    SEQUENCE (their STATUS goes from TENTATIVE to CONFIRMED)."""
    deliverable = due_at(review_status="confirmed")
    session = deliverable.due_session
    staff_client.post(
        reverse("admin:mandates_session_changelist"),
        {"action": "mark_announced", "_selected_action": [session.pk]},
    )
    session.refresh_from_db()
    deliverable.refresh_from_db()
    assert session.dates_status == "announced"
    assert deliverable.sequence == 2


def test_a_session_that_ends_before_it_starts_is_refused_in_words(staff_client):
    """Not "Constraint “session_end_after_start” is violated."."""
    session = Session.objects.get(body__code="HRC", number=65)
    data = session_form(session, end="2027-06-01")
    response = staff_client.post(reverse("admin:mandates_session_change", args=[session.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "A session cannot end before it starts." in page
    assert "session_end_after_start" not in page


def test_a_new_default_lead_time_dates_again_what_it_governs(staff_client):
    """Changing a body's default lead time changed the explanation, not the stored date
    (old and new deliverables then disagreed)."""
    from mandates.models import Body

    body = Body.objects.get(code="ECOSOC")
    DueDateRule.objects.filter(body=body).delete()  # the default alone governs
    session = factories.SessionFactory(
        body=body, number=2090, start=date(2090, 7, 1), end=date(2090, 7, 31)
    )
    item = factories.DeliverableFactory(due_session=session, due_relation="at")
    deliverable_due_date_refresh(deliverable=item)
    before = item.due_date
    response = staff_client.post(
        reverse("admin:mandates_body_change", args=[body.pk]),
        {"code": body.code, "name": body.name, "default_lead_time_days": 30},
        follow=True,
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.due_date == date(2090, 6, 1) != before
    assert "1 deliverable has a new due date." in response.content.decode()


def test_the_reminder_policy_is_one_row_that_cannot_be_added_or_deleted(admin_client):
    """A second policy was accepted and silently ignored; the one row could be deleted."""
    from mandates.models import ReminderPolicy

    policy = ReminderPolicy.objects.get()
    assert admin_client.get(reverse("admin:mandates_reminderpolicy_add")).status_code == 403
    delete = reverse("admin:mandates_reminderpolicy_delete", args=[policy.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert ReminderPolicy.objects.count() == 1
