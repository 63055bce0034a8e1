"""Every due date shown on the pages says why, with links to its session and its rule."""

from datetime import date

import pytest
from django.urls import reverse

from mandates.models import DueDateRule
from mandates.services.schedule import deliverable_due_date_refresh, session_get_or_estimate
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(today):
    """A confirmed report due at HRC 65 (14 Jun 2027, estimated): due 5 Apr 2027."""
    item = factories.DeliverableFactory(
        title="Report on water and sanitation",
        due_session=session_get_or_estimate(body=factories.body("HRC"), number=65),
        due_relation="at",
        review_status="confirmed",
    )
    deliverable_due_date_refresh(deliverable=item)
    assert item.due_date == date(2027, 4, 5)
    return item


def test_deliverable_page_explains_its_date_with_links(client, report):
    """The deliverable page gives the computation and links the session and the rule."""
    page = client.get(reverse("mandates:deliverable", args=[report.uid])).content.decode()
    rule = DueDateRule.objects.get(body__code="HRC", kind="", relation="")
    assert "opens 14 Jun 2027 (estimated) - 70 days" in page
    assert "rule: anything for HRC sessions</a>) = 5 Apr 2027" in page
    assert f'href="{reverse("mandates:session", args=["HRC", 65])}">HRC 65</a>' in page
    assert f'href="{reverse("mandates:due_date_rules")}#rule-{rule.pk}"' in page


def test_lists_explain_each_date(client, report):
    """Upcoming and the session page carry the explanation beside each date."""
    for url in (f"{reverse('mandates:upcoming')}?months=12", "/sessions/HRC-65/"):
        page = client.get(url).content.decode()
        assert "why this date" in page and "= 5 Apr 2027" in page, url


def test_rules_page_lists_every_rule_with_its_anchor(client, report):
    """/due-date-rules/ has an anchor for each rule and each body's default."""
    page = client.get(reverse("mandates:due_date_rules")).content.decode()
    for rule in DueDateRule.objects.filter(body__code="HRC"):
        assert f'id="rule-{rule.pk}"' in page
    assert 'id="body-HRC"' in page and "70 days before the session opens" in page


def test_admin_explains_the_date_with_admin_links(staff_client, report):
    """The deliverable's admin page explains the date, linking the session and rule admin."""
    page = staff_client.get(
        reverse("admin:mandates_deliverable_change", args=[report.pk])
    ).content.decode()
    rule = DueDateRule.objects.get(body__code="HRC", kind="", relation="")
    assert reverse("admin:mandates_duedaterule_change", args=[rule.pk]) in page
    assert reverse("admin:mandates_session_change", args=[report.due_session_id]) in page
    assert "= 5 Apr 2027" in page


def test_favicon(client):
    """Pages link an icon, and /favicon.ico leads to it."""
    page = client.get(reverse("mandates:calendars")).content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith(".svg")


@pytest.fixture
def report_to_running_session(today):
    """A Council text of 7 Oct 2026 asks for a report to GA 81, which opened 8 Sep 2026:
    the rule counts from the opening, which had passed, so the date counts from the close
    (`schedule.due_anchor`), and the page must say why."""
    resolution = factories.ResolutionFactory(
        symbol="A/HRC/RES/63/901", adopted_on=date(2026, 10, 7)
    )
    item = factories.DeliverableFactory(
        title="Report of the Secretary-General",
        mandate=factories.MandateFactory(resolution=resolution),
        due_session=session_get_or_estimate(body=factories.body("GA"), number=81),
        due_relation="at",
        review_status="confirmed",
    )
    deliverable_due_date_refresh(deliverable=item)
    assert item.due_date == date(2027, 6, 29)
    return item


def test_a_date_counted_from_the_close_says_why(client, staff_client, report_to_running_session):
    """The deliverable page, a list and the admin give the schedule's note: the rule says
    "before the session opens", so a date counted from the close must say why it is."""
    item = report_to_running_session
    note = "had opened (8 Sep 2026) before the adoption (7 Oct 2026): counted from its close"
    pages = {
        "deliverable": client.get(reverse("mandates:deliverable", args=[item.uid])),
        "upcoming": client.get(reverse("mandates:upcoming"), {"months": 12}),
        "admin": staff_client.get(reverse("admin:mandates_deliverable_change", args=[item.pk])),
    }
    for name, response in pages.items():
        page = response.content.decode()
        assert "= 29 Jun 2027" in page, name
        assert note in page and "set the date by hand" in page, name
