"""A small world of deliverables around a fixed today (1 November 2026) for the pages."""

from dataclasses import dataclass
from datetime import date

import pytest
import time_machine

from mandates.models import Deliverable, ReviewStatus, Session
from tests import factories

TODAY = date(2026, 11, 1)


@pytest.fixture
def today():
    """Freeze the date the pages count from (the clock ticks, the day does not move)."""
    with time_machine.travel(date(2026, 11, 1), tick=True):
        yield TODAY


@dataclass
class World:
    hrc64: Session
    hrc63: Session
    ga81: Session
    soon: Deliverable  # HRC 64 report, due in six weeks, confirmed
    ga: Deliverable  # GA 81, confirmed
    private: Deliverable  # kept out of public feeds
    rejected: Deliverable
    far: Deliverable  # beyond six months
    late: Deliverable  # overdue
    submitted_late: Deliverable  # past due but submitted: not overdue
    flagged: Deliverable  # a machine proposal that needs review: staff only


def _session(code: str, number: int) -> Session:
    return Session.objects.select_related("body").get(body__code=code, number=number)


@pytest.fixture
def world(db, today) -> World:
    hrc64, hrc63, ga81 = _session("HRC", 64), _session("HRC", 63), _session("GA", 81)
    hc = factories.ActorFactory(name="High Commissioner")
    sg = factories.ActorFactory(name="Secretary-General")
    resolution = factories.ResolutionFactory(symbol="A/HRC/RES/61/98", title="Water")
    ga_resolution = factories.ResolutionFactory(
        symbol="A/RES/80/501", title="Development", body=factories.body("GA")
    )

    def make(title, due, session, *, actor=hc, res=resolution, **fields):
        mandate = factories.MandateFactory(resolution=res, actor=actor)
        return factories.DeliverableFactory(
            mandate=mandate,
            title=title,
            due_date=due,
            due_session=session,
            due_relation="at" if session else "",
            **fields,
        )

    return World(
        hrc64=hrc64,
        hrc63=hrc63,
        ga81=ga81,
        soon=make(
            "Report on clean water",
            date(2026, 12, 14),
            hrc64,
            review_status=ReviewStatus.CONFIRMED,
        ),
        ga=make(
            "Report of the Secretary-General on development",
            date(2027, 1, 10),
            ga81,
            actor=sg,
            res=ga_resolution,
            review_status=ReviewStatus.CONFIRMED,
        ),
        private=make(
            "Internal note on water",
            date(2026, 12, 20),
            hrc64,
            is_public=False,
        ),
        rejected=make(
            "Misread deliverable", date(2026, 12, 21), hrc64, review_status=ReviewStatus.REJECTED
        ),
        far=make(
            "Follow-up study",
            date(2028, 1, 10),
            None,
            kind=Deliverable.Kind.STUDY,
            review_status=ReviewStatus.CONFIRMED,
        ),
        late=make(
            "Seminar on water services",
            date(2026, 9, 13),
            hrc63,
            kind=Deliverable.Kind.SEMINAR,
            review_status=ReviewStatus.CONFIRMED,
        ),
        submitted_late=make(
            "Report already submitted",
            date(2026, 9, 1),
            hrc63,
            progress=Deliverable.Progress.SUBMITTED,
            review_status=ReviewStatus.CONFIRMED,
        ),
        flagged=make(
            "Oral update, deadline unclear",
            date(2027, 3, 1),
            hrc64,
            kind=Deliverable.Kind.ORAL_UPDATE,
            needs_review=True,
            review_reasons=["two sessions named"],
        ),
    )


@pytest.fixture
def member_client(client, django_user_model):
    """A client logged in as a mandate holder who is not staff."""
    user = django_user_model.objects.create_user("holder", "holder@example.org", "pw")
    client.force_login(user)
    client.user = user
    return client
