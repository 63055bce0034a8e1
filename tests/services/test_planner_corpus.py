"""The session planner on what ingest stores from real resolutions (../shared): the 59/3
seed and the Council's sessions 56 and 57 of the corpus."""

from datetime import timedelta

import pytest

from mandates.models import CLOSED_PROGRESS, Deliverable, Resolution, Session, WordLimit
from mandates.services import planner
from mandates.services.deliverables import deliverable_confirm
from mandates.services.ingest import resolution_ingest_many, resolution_ingest_path
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db

# Independent of the planner: sessions between two occurrences at the Council.
HRC_INTERVALS = {"annual": 3, "biennial": 6}


def _session(number: int) -> Session:
    return Session.objects.select_related("body").get(body__code="HRC", number=number)


def test_the_59_3_seminars_and_summary_report_are_in_the_hrc_65_plan():
    """Ingested and confirmed, 59/3's five regional seminars (before the session, the day
    before it opens) and its summary report (ten weeks before) are in the HRC 65 plan."""
    outcome = resolution_ingest_path(path=shared_path("seeds", "A_HRC_RES_59_3.txt"))
    assert outcome.status == "new", outcome.reason
    ours = Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/59/3")
    assert planner.session_plans(sessions=[_session(65)])[0].entries == []  # not confirmed
    deliverable_confirm(deliverables=ours)

    (plan,) = planner.session_plans(sessions=[_session(65)])

    hrc65 = _session(65)
    by_kind = {entry.deliverable.kind: entry for entry in plan.entries}
    seminars, report = by_kind["seminar"], by_kind["report"]
    assert seminars.deliverable.count == 5 and seminars.words == 0
    assert seminars.due_date == hrc65.start - timedelta(days=1)
    assert "Summary report" in report.title
    assert report.due_date == hrc65.start - timedelta(days=70)
    reports = [e for e in plan.entries if e.deliverable.kind == "report"]
    assert plan.words_total == 8500 * sum(e.deliverable.count for e in reports)
    assert all(entry.actor_name == "High Commissioner" for entry in plan.entries)
    assert not any(entry.is_forecast for entry in plan.entries)


def _expected_forecasts(session: Session) -> set[int]:
    """Recurring Council deliverables whose recurrence lands on this session, computed
    here from the rows, with a newer resolution of the same title ending the series."""
    newest = {}
    for title, adopted in Resolution.objects.values_list("title", "adopted_on"):
        newest[title] = max(newest.get(title, adopted), adopted)
    expected = set()
    for item in (
        Deliverable.objects.filter(due_session__body__code="HRC")
        .exclude(recurring="")
        .select_related("due_session", "mandate__resolution")
    ):
        step = HRC_INTERVALS.get(item.recurring)
        gap = session.number - item.due_session.number
        resolution = item.mandate.resolution
        if step is None or gap <= 0 or gap % step or item.review_status == "rejected":
            continue
        if resolution.title and newest[resolution.title] > resolution.adopted_on:
            continue
        if item.successors.exists() or item.progress in ("cancelled", "superseded"):
            continue
        expected.add(item.pk)
    return expected


def test_corpus_plans_count_deadlines_words_and_forecasts(django_user_model):
    """After ingesting the Council's sessions 56 and 57, each plan of HRC 58-66 (as staff
    see it) holds every owed deliverable due there with its stored due date, the forecasts
    the recurrences give, and words that add up from the word limits."""
    folder = shared_path("corpus", "hrc")
    paths = sorted(folder.glob("A_HRC_RES_5[67]_*.txt"))
    assert len(paths) >= 50
    outcomes = resolution_ingest_many(paths=paths)
    assert [o.name for o in outcomes if o.status == "failed"] == []
    staff = django_user_model.objects.create_user("planner", is_staff=True)
    limits = {(w.kind, w.actor_kind): w.words for w in WordLimit.objects.all()}

    sessions = [_session(number) for number in range(58, 67)]
    plans = planner.session_plans(sessions=sessions, user=staff)

    forecast_total = 0
    for session, plan in zip(sessions, plans, strict=True):
        owed = (
            Deliverable.objects.filter(due_session=session)
            .exclude(review_status="rejected")
            .exclude(progress__in=["cancelled", "not_deliverable", "superseded"])
        )
        real = [entry for entry in plan.entries if not entry.is_forecast]
        assert sorted(e.deliverable.pk for e in real) == sorted(owed.values_list("pk", flat=True))
        for entry in real:
            assert entry.due_date == entry.deliverable.due_date
        forecasts = [entry for entry in plan.entries if entry.is_forecast]
        assert {e.deliverable.pk for e in forecasts} == _expected_forecasts(session), session
        for entry in forecasts:
            assert entry.due_date is not None and entry.due_date <= session.start
        forecast_total += len(forecasts)
        words = 0
        for entry in plan.entries:
            actor = Deliverable.objects.get(pk=entry.deliverable.pk).mandate.actor
            kind = actor.kind if actor else ""
            limit = limits.get(
                (entry.deliverable.kind, kind), limits.get((entry.deliverable.kind, ""))
            )
            words += (limit or 0) * entry.deliverable.count
        assert plan.words_total == words
        owed_documents = [
            e
            for e in plan.entries
            if e.word_limit is not None
            and not e.is_submitted
            and e.deliverable.progress not in CLOSED_PROGRESS
        ]
        assert sum(c.documents for c in plan.load.cells) == sum(
            e.deliverable.count * len(e.units) for e in owed_documents
        )
    assert forecast_total > 0  # the corpus asks for annual and biennial panels and updates
