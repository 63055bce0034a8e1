"""Under the Content-Security-Policy the pages, the admin and the browsable API still work
in a real Chromium: the browser reports no blocked script or style."""

from django.urls import reverse

from mandates.models import Session
from tests.pages.test_browser import (  # noqa: F401 (fixtures)
    CHROMIUM,
    _async_unsafe,
    browser,
    site,
)
from tests.pages.test_browser import pytestmark as browser_marks

pytestmark = browser_marks

PAGES = [
    "/?months=24",
    "/timeline/",
    "/calendars/",
    "/admin/",
    "/admin/mandates/deliverable/",
    "/admin/mandates/deliverable/add/",
    "/admin/mandates/deliverablereview/",
    "/admin/mandates/feedtoken/add/",
    "/api/deliverables/",
]


def test_no_page_breaks_the_content_security_policy(browser, site):  # noqa: F811
    """Every page loads with no CSP violation; django-celery-beat's inline script runs with
    its nonce (it hides the crontab translation field)."""
    from playwright.sync_api import expect

    assert CHROMIUM.exists()
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(f"{site}{reverse('admin:login')}?next=/admin/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "pw")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("officer")

    session = Session.objects.filter(body__code="HRC").first()
    for path in [*PAGES, reverse("admin:mandates_session_change", args=[session.pk])]:
        response = page.goto(site + path)
        assert response.status == 200, path
        assert response.headers["content-security-policy"], path
    page.goto(site + reverse("admin:django_celery_beat_periodictask_add"))
    expect(page.locator(".field-crontab_translation")).to_be_hidden()
    context.close()
    assert violations == []
