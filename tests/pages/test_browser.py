"""A person imports a resolution, confirms a deliverable and finds it on the pages, in Chromium."""

import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from django.db import connections
from django.urls import reverse
from icalendar import Calendar

from tests.samples import HRC_EXAMPLE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPORT = "Report on the outcome of the workshops"

#: Every browser test's marks: its own database and Chromium (under CI it fails without).
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason="Debian's Chromium (/usr/bin/chromium) is not installed; under CI this fails instead",
    ),
]
pytestmark = BROWSER_MARKS


@pytest.fixture(autouse=True)
def _async_unsafe(monkeypatch):
    """Playwright's sync API runs an event loop in this thread, and Django then refuses
    database access; allow it for these tests only (set for the whole session, it would
    leak into `manage.py check --deploy` subprocesses and fail them)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def browser():
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server, settings, tmp_path, django_user_model):
    """The live server on 1 November 2026, with uploads in a temporary folder and a staff
    account; cookies last for the browser session, since the server's clock is moved."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.CSRF_COOKIE_AGE = None
    django_user_model.objects.create_superuser("officer", "officer@example.org", "pw")
    with time_machine.travel(datetime(2026, 11, 1, 9, tzinfo=UTC), tick=True):
        yield live_server.url
    # Playwright's event loop makes Django keep this test's connection apart from the one
    # the session closes (connections are context-local under a running loop): close it
    # here, or PostgreSQL refuses to drop the test database at the end of the run.
    connections.close_all()


def test_import_confirm_and_find_it_on_the_pages(browser, site, tmp_path):
    """Log in, import the example, confirm its report, see it on Upcoming with its evidence
    marked on the resolution page, and download its .ics."""
    from playwright.sync_api import expect

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()

    # Log in through the admin's login form.
    page.goto(f"{site}{reverse('admin:login')}?next=/admin/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("officer")

    # Import the example resolution.
    page.goto(site + reverse("admin:mandates_resolution_import"))
    page.set_input_files("input[name=files]", str(HRC_EXAMPLE))
    page.click("#import-form input[type=submit]")
    expect(page.locator("#import-results")).to_contain_text("A/HRC/RES/61/99")

    # Confirm the report from the review queue with the bulk action.
    page.goto(site + reverse("admin:mandates_deliverablereview_changelist"))
    page.locator("#result_list tr", has_text=REPORT).locator("input.action-select").check()
    page.select_option("select[name=action]", "confirm")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("1 deliverable(s) confirmed")

    # Upcoming, two years ahead: the report under its session, confirmed.
    page.goto(f"{site}/?months=24")
    row = page.locator("tr", has_text=REPORT)
    expect(row).to_be_visible()
    expect(row).to_contain_text("confirmed")
    expect(page.locator("h2", has_text="HRC 64")).to_be_visible()
    shot = tmp_path / "upcoming.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    if os.environ.get("PAGES_SCREENSHOT"):
        shutil.copy(shot, os.environ["PAGES_SCREENSHOT"])

    # The resolution page, with the evidence marked.
    row.get_by_role("link", name="A/HRC/RES/61/99").click()
    expect(page.locator("h1")).to_contain_text("A/HRC/RES/61/99")
    marked = page.locator("mark", has_text="prepare a report on the outcome of the workshops")
    expect(marked).to_be_visible()

    # The deliverable page and its calendar file.
    page.get_by_role("link", name=REPORT).click()
    expect(page.locator("h1")).to_have_text(REPORT)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    path = tmp_path / "report.ics"
    download_info.value.save_as(path)
    calendar = Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert REPORT in str(events[0]["SUMMARY"])
    assert events[0].decoded("DTSTART") == date(2026, 12, 14)
    context.close()


def test_pages_work_without_javascript(browser, site):
    """With JavaScript off, the filter form and the navigation still work."""
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    expect(page.locator("h1")).to_have_text("What is due")
    page.select_option("#id_body", "HRC")
    page.fill("#id_months", "24")
    page.get_by_role("button", name="Filter").click()
    assert "body=HRC" in page.url and "months=24" in page.url
    expect(page.locator("#id_body")).to_have_value("HRC")
    page.get_by_role("navigation").get_by_role("link", name="Timeline").click()
    expect(page.locator("svg.timeline title").first).to_have_text(
        "Deliverables against sessions, 1 Nov 2026 to 1 May 2027"
    )
    # The skip link is the first thing the keyboard reaches and leads to the main content.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    context.close()
