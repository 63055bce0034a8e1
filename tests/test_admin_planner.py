"""Staff change the planner's data in the admin: word limits, the weekly limit, the end of a
recurring deliverable."""

import pytest
from django.urls import reverse

from mandates.models import PlanningPolicy, ReviewStatus, Session, WordLimit
from mandates.services import planner
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_migration_loads_the_documentation_rules():
    """8,500 words for Secretariat reports, 10,700 for special procedures and
    intergovernmental bodies; one policy row."""
    limits = {(w.kind, w.actor_kind): w.words for w in WordLimit.objects.all()}
    assert limits["report", ""] == 8500
    assert limits["report", "special procedure"] == 10700
    assert limits["report", "body"] == 10700
    assert ("seminar", "") not in limits
    assert PlanningPolicy.objects.count() == 1


def test_staff_change_a_word_limit_and_the_plan_follows(staff_client):
    """Editing a word limit in the admin changes the plan's words."""
    hrc65 = Session.objects.get(body__code="HRC", number=65)
    factories.DeliverableFactory(due_session=hrc65, review_status=ReviewStatus.CONFIRMED)
    limit = WordLimit.objects.get(kind="report", actor_kind="")
    url = reverse("admin:mandates_wordlimit_change", args=[limit.pk])
    response = staff_client.post(
        url, {"kind": "report", "actor_kind": "", "words": "9000", "note": "new rule"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    (plan,) = planner.session_plans(sessions=[hrc65])
    assert plan.words_total == 9000


def test_staff_set_the_weekly_limit_and_cannot_add_a_second_policy(staff_client):
    """The policy is one row: edited, never duplicated or deleted."""
    policy = PlanningPolicy.objects.get()
    response = staff_client.post(
        reverse("admin:mandates_planningpolicy_change", args=[policy.pk]),
        {"documents_per_unit_per_week": "4", "sessions_ahead": "2"},
    )
    assert response.status_code == 302
    assert planner.planning_policy_get().documents_per_unit_per_week == 4
    assert staff_client.get(reverse("admin:mandates_planningpolicy_add")).status_code == 403


def test_the_deliverable_form_offers_recurs_until(staff_client):
    """Staff can end a recurring deliverable's forecasts at a session."""
    deliverable = factories.DeliverableFactory(recurring="annual")
    page = staff_client.get(reverse("admin:mandates_deliverable_change", args=[deliverable.pk]))
    assert 'name="recurs_until"' in page.content.decode()


def test_the_overview_shows_at_least_one_session_per_body(admin_client):
    """0 sessions ahead was accepted and the overview then said no coming session was in
    the calendar."""
    policy = PlanningPolicy.objects.get()
    response = admin_client.post(
        reverse("admin:mandates_planningpolicy_change", args=[policy.pk]),
        {"documents_per_unit_per_week": 5, "sessions_ahead": 0},
    )
    assert response.status_code == 200
    assert "Show at least one session per body." in response.content.decode()
    policy.refresh_from_db()
    assert policy.sessions_ahead > 0
