"""The HRC 65 session plan in Chromium, after ingesting and confirming the 59/3 seed: its
seminars and summary report are among the High Commissioner's entries, the load chart is
drawn, and a 390-pixel-wide phone needs no sideways scrolling of the page."""

import os

from mandates.models import Deliverable
from mandates.services.deliverables import deliverable_confirm
from mandates.services.ingest import resolution_ingest_path
from tests.pages.test_browser import BROWSER_MARKS, _async_unsafe, browser, site  # noqa: F401
from tests.shared_data import shared_path

pytestmark = BROWSER_MARKS


def test_the_hrc_65_plan_shows_the_59_3_seminars_and_summary_report(browser, site):  # noqa: F811
    """Seed ingested and confirmed through the services; the public plan's High
    Commissioner link lists both with their deadlines; the chart is drawn; it fits a phone."""
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
    # The click's navigation fires "load" (the stylesheet in) after the heading is in the
    # DOM: on a busy machine the width was measured before the CSS applied.
    page.wait_for_url("**/sessions/HRC-65/plan/")
    page.wait_for_load_state("load")
    expect(page.locator("h1")).to_have_text("HRC 65: session plan")

    # The actor's share links its entries, each row with its actor and deadline.
    by_actor = page.locator("section", has=page.locator("#actor-heading"))
    by_actor.get_by_role("link", name="High Commissioner").click()
    page.wait_for_url("**/sessions/HRC-65/plan/?actor=High*")
    page.wait_for_load_state("load")
    entries = page.locator("section", has=page.locator("#entries-heading"))
    expect(entries.locator("h2")).to_have_text("Entries of High Commissioner")
    seminars = entries.locator("tr", has_text="Regional seminars")
    expect(seminars).to_contain_text("13 Jun 2027")  # the day before 14 June 2027
    expect(seminars).to_contain_text("×5")
    expect(seminars).to_contain_text("High Commissioner")
    report = entries.locator(
        "tr", has_text="Summary report on the discussions held at the seminars"
    )
    expect(report).to_contain_text("5 Apr 2027")  # ten weeks before
    expect(report).to_contain_text("8,500")
    expect(page.locator("svg.load rect.bar").first).to_be_visible()

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
        " > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + ': '"
        " + e.textContent.slice(0, 60))"
    )
    assert overflow <= 0, f"the page is {overflow}px wider than a 390px screen: {wide}"
    if os.environ.get("PLAN_SCREENSHOT"):
        page.screenshot(path=os.environ["PLAN_SCREENSHOT"], full_page=True)
    context.close()

    # On a desktop screen no cell breaks inside a word: "8,500" had wrapped as "8,50" / "0"
    # and "Submission deadline" as "Submis/sion/deadlin/e" (overflow-wrap: anywhere).
    desktop = browser.new_context(viewport={"width": 1366, "height": 900})
    page = desktop.new_page()
    page.goto(f"{site}/sessions/HRC-65/plan/")
    page.wait_for_load_state("load")
    broken = page.evaluate(
        r"""[...document.querySelectorAll('th, td')].flatMap(cell => {
            const words = [];
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node; (node = walker.nextNode()); ) {
                for (const match of node.data.matchAll(/\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, match.index);
                    range.setEnd(node, match.index + match[0].length);
                    if (range.getClientRects().length > 1) words.push(match[0]);
                }
            }
            return words;
        })"""
    )
    assert broken == [], f"words broken across lines at 1366px: {broken[:10]}"
    desktop.close()
