"""A person reviews the flagged 59/3 para-35 report in Chromium, decision by decision, and
reads the history; the pages fit a phone (390 px) and a laptop (1366 px)."""

import os
import re
import shutil
from datetime import date

import pytest
from django.urls import reverse

from mandates.models import Deliverable
from mandates.services.ingest import resolution_ingest_path
from tests.pages.test_browser import BROWSER_MARKS, _async_unsafe, browser, site  # noqa: F401
from tests.shared_data import shared_path

pytestmark = BROWSER_MARKS

SEED = ("seeds", "A_HRC_RES_59_3.txt")
PARA35 = "New report on the work of the Office"


def _log_in(page, site):  # noqa: F811
    page.goto(f"{site}{reverse('admin:login')}?next=/admin/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")


def _para35() -> Deliverable:
    return Deliverable.objects.get(
        mandate__resolution__symbol="A/HRC/RES/59/3", mandate__paragraph_label="35"
    )


def _reading(page, session: int):
    return page.locator("input[name=reading]").and_(page.locator(f"[value='HRC|{session}|at']"))


def test_review_para35_through_each_decision(browser, site):  # noqa: F811
    """Import 59/3, open the flagged para-35 report from the import result, and: confirm
    without a reading (refused), keep for later with HRC 62, correct by hand to HRC 66 and
    keep, confirm with HRC 65; each lands on a page that exists; the history says who chose
    which reading, in full."""
    from playwright.sync_api import expect

    page = browser.new_page()
    _log_in(page, site)
    page.goto(site + reverse("admin:mandates_resolution_import"))
    page.set_input_files("input[name=files]", str(shared_path(*SEED)))
    page.click("#import-form input[type=submit]")
    expect(page.locator("#import-results")).to_contain_text("A/HRC/RES/59/3")
    page.click("#to-review-queue")
    page.get_by_role("link", name="flagged: the text is unclear").click()
    page.locator("#result_list tr", has_text=PARA35).locator("a").first.click()

    # Nothing is chosen for the person; each reading gives its date.
    expect(page.locator("input[name=decision]:checked")).to_have_count(0)
    expect(page.locator("input[name=reading]:checked")).to_have_count(0)
    labels = page.locator(".field-reading").inner_text()
    assert "HRC 65 (at), as proposed: due 5 Apr 2027" in labels
    assert "HRC 62 (at), other reading: due 6 Apr 2026, would already be past" in labels
    assert "HRC 65 opens 14 Jun 2027 (estimated) - 70 days (rule:" in labels

    # Confirm with no reading: refused, nothing saved.
    page.check("input[name=decision][value=confirm]")
    page.click("input[name=_continue]")
    expect(page.locator(".errorlist")).to_contain_text("choose the reading you confirm")

    # Keep for later with the other reading: stays in the queue, the page exists.
    page.check("input[name=decision][value=keep]")
    _reading(page, 62).check()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text(
        "Kept for later with the reading HRC 62 (at)"
    )
    expect(page.locator("body")).not_to_contain_text("doesn't exist")
    expect(page.locator("body")).not_to_contain_text("changed successfully")
    item = _para35()
    assert (item.due_session.number, item.review_status, item.needs_review) == (
        62,
        "proposed",
        True,
    )

    # Correct the session by hand to HRC 66, keep for later.
    page.check("input[name=decision][value=keep]")
    page.click(".field-due_session .select2-selection")
    page.fill(".select2-search__field", "66")
    page.locator(".select2-results__option", has_text="HRC 66").click()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text(
        "Kept for later with the reading HRC 66 (at)"
    )
    item = _para35()
    assert item.due_session.number == 66
    assert sorted(alt["session"] for alt in item.alternatives) == [62, 65]

    # Confirm with the text's reading HRC 65: leaves the queue, continues on its page.
    page.check("input[name=decision][value=confirm]")
    _reading(page, 65).check()
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("Confirmed with the reading HRC 65 (at)")
    assert re.search(r"/admin/mandates/deliverable/\d+/change/", page.url)
    expect(page.locator(".field-other_readings")).to_contain_text("HRC 66 (at)")
    expect(page.locator(".field-other_readings")).to_contain_text("HRC 62 (at)")
    expect(page.locator(".field-due_summary")).to_contain_text(
        "HRC 65 opens 14 Jun 2027 (estimated) - 70 days"
    )
    expect(page.locator(".field-due_summary a", has_text="HRC 65")).to_have_count(1)
    item = _para35()
    assert (item.due_session.number, item.review_status, item.needs_review) == (
        65,
        "confirmed",
        False,
    )

    # The history: who decided what, which reading, nothing cut off, no SEQUENCE.
    page.get_by_role("link", name="History").first.click()
    history = page.locator("#change-history").inner_text()
    for decision in (
        "Kept for later with the reading HRC 62 (at)",
        "Kept for later with the reading HRC 66 (at)",
        "Confirmed with the reading HRC 65 (at)",
    ):
        row = page.locator("#change-history tr", has_text=decision)
        expect(row).to_have_count(1)
        expect(row).to_contain_text("officer")
    assert "HRC 66 → HRC 65" in history
    assert "SEQUENCE" not in history and "[...]" not in history
    page.close()


def test_reject_para35_lands_on_the_queue(browser, site):  # noqa: F811
    """Rejecting the flagged item returns to the queue without it; the history says so."""
    from playwright.sync_api import expect

    resolution_ingest_path(path=shared_path(*SEED))
    item = _para35()
    page = browser.new_page()
    _log_in(page, site)
    page.goto(site + reverse("admin:mandates_deliverablereview_change", args=[item.pk]))
    page.check("input[name=decision][value=reject]")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("Rejected")
    assert page.url.split("?")[0].endswith(reverse("admin:mandates_deliverablereview_changelist"))
    expect(page.locator("#result_list tr", has_text=PARA35)).to_have_count(0)
    page.goto(site + reverse("admin:mandates_deliverable_history", args=[item.pk]))
    expect(page.locator("#change-history tr", has_text="Rejected")).to_contain_text("officer")
    page.close()


PAGES = [
    ("upcoming", "/?months=24"),
    ("overdue", "/overdue/"),
    ("timeline", "/timeline/?months=24"),
    ("session", "/sessions/HRC-65/"),
    ("review", "/review/"),
    ("queue", "/admin/mandates/deliverablereview/"),
]


@pytest.mark.parametrize("width", [390, 1366])
def test_pages_fit_the_screen(browser, site, tmp_path, width):  # noqa: F811
    """At 390 px (a phone) and 1366 px (a laptop) no page is wider than the screen, and the
    review queue shows its 'why it needs review' column whole."""
    for seed in (SEED, ("seeds", "A_RES_80_204.txt")):
        resolution_ingest_path(path=shared_path(*seed))
    # Two of them late, so Overdue lists something (the site's today is 1 November 2026).
    late = Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/59/3")[:2]
    Deliverable.objects.filter(pk__in=[d.pk for d in late]).update(due_date=date(2026, 9, 1))
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    _log_in(page, site)
    for name, path in PAGES:
        page.goto(site + path)
        assert page.locator("table").count() > 0, f"{name}: nothing listed"
        shot = tmp_path / f"{name}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        if os.environ.get("PAGES_SCREENSHOT_DIR"):
            shutil.copy(shot, os.environ["PAGES_SCREENSHOT_DIR"])
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} at {width} px is {scroll_width} px wide"
    # The review form of the flagged report, with its dated readings, fits too.
    page.goto(site + reverse("admin:mandates_deliverablereview_change", args=[_para35().pk]))
    page.screenshot(path=str(tmp_path / f"review-form-{width}.png"), full_page=True)
    if os.environ.get("PAGES_SCREENSHOT_DIR"):
        shutil.copy(tmp_path / f"review-form-{width}.png", os.environ["PAGES_SCREENSHOT_DIR"])
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the review form at {width} px is {scroll_width} px wide"
    page.goto(site + PAGES[-1][1])
    if width >= 1366:
        results = page.locator("#changelist .results")
        assert results.evaluate("e => e.scrollWidth <= e.clientWidth"), (
            "the review queue's columns are clipped"
        )
        expect_reason = page.locator("td.field-reasons", has_text="two readings")
        assert expect_reason.first.is_visible()
    context.close()
