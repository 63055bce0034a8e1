"""A due date cannot fall before the resolution exists.

A General Assembly text adopted in December asks for a report "at the second part of its
resumed ninetieth session" or "before the end of its ninetieth session": the session opened
in September, so the usual count back from its opening gives a date months before the
adoption. Stored like that, the deliverable was marked historic (long overdue) and never
reminded, with nothing to tell a person. Likewise a Council text of July asking for a report
to the Assembly's session of September. These tests go through ingest, as production does.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from mandates.models import Body, Deliverable, DueDateRule, Session
from mandates.services import schedule
from mandates.services.ingest import resolution_ingest
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

GA_TEXT = """United Nations                                              A/RES/90/991
General Assembly                                            Distr.: General
                                                            4 December 2035

Ninetieth session
Agenda item 134

Resolution adopted by the General Assembly on 1 December 2035

90/991. Questions relating to the programme budget (example)

The General Assembly,

Recalling its resolution 89/250,

1. Requests the Secretary-General to submit to the General Assembly at the second part of \
its resumed ninetieth session an updated report on the matter;

2. Also requests the Secretary-General to report to the General Assembly before the end of \
its ninetieth session on the implementation of the present resolution;

3. Further requests the Secretary-General to submit a report on the matter to the General \
Assembly at its ninety-first session.
"""


def _stored(data: str, name: str) -> dict[str, Deliverable]:
    outcome = resolution_ingest(data=data.encode(), name=name)
    assert outcome.status == "new", outcome.reason
    rows = Deliverable.objects.filter(mandate__resolution_id=outcome.resolution_id)
    return {d.mandate.paragraph_label: d for d in rows.select_related("mandate", "due_session")}


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def test_a_session_under_way_at_adoption_counts_from_its_close_and_is_flagged():
    stored = _stored(GA_TEXT, "A_RES_90_991.txt")
    adopted = date(2035, 12, 1)
    for label in ("1", "2"):
        item = stored[label]
        assert (item.due_session.body.code, item.due_session.number) == ("GA", 90)
        assert item.due_session.start < adopted  # the usual count: before the adoption
        assert adopted < item.due_date <= item.due_session.end
        assert not item.is_historic
        assert item.needs_review
        assert any("had opened" in reason for reason in item.review_reasons), item.review_reasons
    # the next session counts as always, with no flag
    later = stored["3"]
    assert later.due_session.number == 91
    assert later.due_date < later.due_session.start
    assert not any("due date" in reason for reason in later.review_reasons)


def test_a_session_too_near_for_the_lead_time_is_due_on_its_opening_day():
    """A Council text of July asks for a report to the Assembly's session of September."""
    text = hrc_resolution(
        number="61/90",
        adopted="10 July 2035",
        operative=[
            "Requests the Special Rapporteur to submit a report to the General Assembly at its "
            "ninetieth session;",
        ],
    )
    item = _stored(text, "A_HRC_RES_61_90.txt")["1"]
    assert (item.due_session.body.code, item.due_session.number) == ("GA", 90)
    assert item.due_date == item.due_session.start > date(2035, 7, 10)
    assert item.needs_review and not item.is_historic
    assert any("too soon after the adoption" in reason for reason in item.review_reasons)


def test_the_admin_explains_the_date_the_way_it_was_counted(staff_client):
    item = _stored(GA_TEXT, "A_RES_90_991.txt")["1"]
    why = str(schedule.deliverable_due_explain(deliverable=Deliverable.objects.get(pk=item.pk)))
    assert f"GA 90 closes {schedule.day_label(item.due_session.end)}" in why
    assert "had opened" in why and schedule.day_label(item.due_date) in why
    page = staff_client.get(reverse("admin:mandates_deliverable_change", args=[item.pk]))
    assert "had opened" in page.content.decode()


def test_moving_the_session_recounts_from_the_adoption():
    """A recount (the session's dates change) keeps the rule: never before the adoption."""
    item = _stored(GA_TEXT, "A_RES_90_991.txt")["2"]
    session = Session.objects.get(pk=item.due_session_id)
    schedule.session_reschedule(session=session, start=date(2035, 9, 11), end=date(2036, 9, 8))
    item.refresh_from_db()
    assert date(2035, 12, 1) < item.due_date <= date(2036, 9, 8)


def test_without_an_adoption_date_or_with_room_the_usual_count_stands():
    session = Session.objects.get(body__code="HRC", number=65)
    rules = list(session.body.due_date_rules.all())
    usual = schedule.due_anchor(session=session, kind="report", relation="at", rules=rules)
    assert usual.note == "" and usual.label == "opens"
    early = schedule.due_anchor(
        session=session, kind="report", relation="at", rules=rules, adopted_on=date(2026, 1, 1)
    )
    assert early == usual
    # a session that was over before the adoption: the date is simply past
    after = schedule.due_anchor(
        session=session, kind="report", relation="at", rules=rules, adopted_on=date(2040, 1, 1)
    )
    assert after == usual


_DAY = st.dates(min_value=date(2030, 1, 1), max_value=date(2032, 12, 31))


@given(
    start=_DAY,
    length=st.integers(0, 400),
    main_part=st.one_of(st.none(), st.integers(0, 400)),
    lead=st.integers(-30, 200),
    default_lead=st.integers(0, 200),
    anchor=st.sampled_from([None, *DueDateRule.Anchor.values]),
    adopted_on=st.one_of(st.none(), _DAY),
)
def test_a_feed_reads_the_rules_for_every_date_that_may_carry_a_note(
    start, length, main_part, lead, default_lead, anchor, adopted_on
):
    """`due_date_may_be_noted` (dates alone, so a feed reads no rule for most events) holds
    for every date `due_anchor` gives with a note, whatever the rule and the session."""
    body = Body(pk=1, code="GA", default_lead_time_days=default_lead)
    end = start + timedelta(days=length)
    session = Session(
        body=body,
        number=90,
        start=start,
        end=end,
        main_part_end=None if main_part is None else min(start + timedelta(main_part), end),
    )
    rules = [] if anchor is None else [DueDateRule(body=body, lead_time_days=lead, anchor=anchor)]
    anchored = schedule.due_anchor(
        session=session, kind="report", relation="at", rules=rules, adopted_on=adopted_on
    )
    note = schedule.due_date_note(
        session=session,
        kind="report",
        relation="at",
        rules=rules,
        computed_due_date=anchored.due_date,
        adopted_on=adopted_on,
    )
    assert note == anchored.note  # what the pages and the feeds show
    if anchored.note:
        assert schedule.due_date_may_be_noted(
            session_start=start,
            session_end=end,
            computed_due_date=anchored.due_date,
            adopted_on=adopted_on,
        )
