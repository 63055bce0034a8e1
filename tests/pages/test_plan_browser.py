"""The HRC 65 session plan in Chromium, after ingesting and confirming the 59/3 seed: its
seminars and summary report are there, the load chart is drawn, and a 390-pixel-wide
phone needs no sideways scrolling of the page."""

import os

import pytest

from mandates.models import Deliverable
from mandates.services.deliverables import deliverable_confirm
from mandates.services.ingest import resolution_ingest_path
from tests.pages.test_browser import CHROMIUM, _async_unsafe, browser, site  # noqa: F401
from tests.shared_data import shared_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason="Debian's Chromium (/usr/bin/chromium) is not installed; under CI this fails instead",
    ),
]


def test_the_hrc_65_plan_shows_the_59_3_seminars_and_summary_report(browser, site):  # noqa: F811
    """Seed ingested and confirmed through the services; the public plan lists both under
    the High Commissioner with their deadlines, draws the chart, and fits a phone."""
    from playwright.sync_api import expect

    outcome = resolution_ingest_path(path=shared_path("seeds", "A_HRC_RES_59_3.txt"))
    assert outcome.status == "new", outcome.reason
    deliverable_confirm(
        deliverables=Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/59/3")
    )

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site}/sessions/plan/")
    page.get_by_role("link", name="HRC 65").first.click()
    expect(page.locator("h1")).to_have_text("HRC 65: session plan")

    by_actor = page.locator("section", has=page.locator("#actor-heading"))
    table = by_actor.locator("table", has=page.locator("caption", has_text="High Commissioner"))
    seminars = table.locator("tr", has_text="Regional seminars")
    expect(seminars).to_contain_text("13 Jun 2027")  # the day before 14 June 2027
    expect(seminars).to_contain_text("×5")
    report = table.locator("tr", has_text="Summary report on the discussions held at the seminars")
    expect(report).to_contain_text("5 Apr 2027")  # ten weeks before
    expect(report).to_contain_text("8,500")
    expect(page.locator("svg.load rect.bar").first).to_be_visible()

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than a 390px screen"
    if os.environ.get("PLAN_SCREENSHOT"):
        page.screenshot(path=os.environ["PLAN_SCREENSHOT"], full_page=True)
    context.close()
