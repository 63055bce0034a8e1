"""Every page a visitor reaches, with data, on a phone (390 x 844 CSS px) in Chromium: no
sideways scrolling, nothing cut off, the timeline's words and dots at a readable size, tap
targets of at least 24 px; on a laptop the timeline keeps its wide chart."""

import os
from datetime import date

import pytest
from django.urls import reverse

from mandates.models import Contact, Deliverable, FeedToken
from mandates.services.deliverables import deliverable_confirm
from mandates.services.ingest import resolution_ingest_path
from tests.pages.test_browser import BROWSER_MARKS, _async_unsafe, browser, site  # noqa: F401
from tests.shared_data import shared_path

pytestmark = BROWSER_MARKS

PHONE = {"width": 390, "height": 844}

# Elements of the page reaching past the screen's right edge: a page that scrolls sideways,
# or a table cut off inside its scrolling box.
PAST_THE_EDGE = r"""() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().width && e.getBoundingClientRect().right > innerWidth + 1)
    .slice(0, 5)
    .map(e => e.tagName + ': ' + (e.textContent || '').trim().slice(0, 50))"""

# Visible links and buttons of the header (the navigation, log in / out) under 24 px.
SMALL_TARGETS = r"""() => [...document.querySelectorAll('header.site a, header.site button')]
    .map(e => [e.textContent.trim(), e.getBoundingClientRect()])
    .filter(([, r]) => r.width && (r.height < 24 || r.width < 24))
    .map(([text, r]) => `${text} ${Math.round(r.width)}x${Math.round(r.height)}`)"""

# The timeline's shown words and dots as drawn on the screen.
TIMELINE = r"""() => {
    const shown = (selector) => [...document.querySelectorAll(selector)]
        .map(e => e.getBoundingClientRect()).filter(r => r.width && r.height);
    return {
        words: shown('svg.timeline text').map(r => r.height),
        dots: shown('svg.timeline circle.marker').map(r => [r.left, r.right, r.width]),
    };
}"""


@pytest.fixture
def seeded(django_user_model):
    """The 59/3 and 80/204 seeds, confirmed (two of them late), and a signed-up mandate
    holder to whom some are assigned."""
    for seed in ("A_HRC_RES_59_3.txt", "A_RES_80_204.txt"):
        assert resolution_ingest_path(path=shared_path("seeds", seed)).status == "new"
    deliverable_confirm(deliverables=Deliverable.objects.all())
    late = Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/59/3")[:2]
    Deliverable.objects.filter(pk__in=[d.pk for d in late]).update(due_date=date(2026, 9, 1))
    holder = django_user_model.objects.create_user("holder", "holder@example.org", "pw")
    contact = Contact.objects.create(name="Holder", email="holder@ohchr.example.org", user=holder)
    for deliverable in Deliverable.objects.all()[:5]:
        deliverable.assignees.add(contact)
    return Deliverable.objects.exclude(due_session=None).select_related("mandate__actor").first()


def _public_pages(deliverable) -> list[tuple[str, str]]:
    mandate = deliverable.mandate
    return [
        ("upcoming", "/?months=24"),
        ("overdue", reverse("mandates:overdue")),
        ("no deadline", reverse("mandates:no_deadline")),
        ("timeline", reverse("mandates:timeline") + "?months=24"),
        ("resolution", reverse("mandates:resolution", args=[mandate.resolution.symbol])),
        ("deliverable", reverse("mandates:deliverable", args=[deliverable.uid])),
        ("session", reverse("mandates:session", args=["HRC", 65])),
        ("session plans", reverse("mandates:plan_overview")),
        ("session plan", reverse("mandates:session_plan", args=["HRC", 65])),
        ("calendars", reverse("mandates:calendars")),
        ("due-date rules", reverse("mandates:due_date_rules")),
        ("actor", reverse("mandates:actor", args=[mandate.actor.pk])),
    ]


def _check_fits(page, name: str) -> None:
    page.wait_for_load_state("load")  # the stylesheet applied before measuring
    if os.environ.get("PAGES_SCREENSHOT_DIR"):
        shot = name.replace(" ", "-") + "-390.png"
        page.screenshot(path=os.path.join(os.environ["PAGES_SCREENSHOT_DIR"], shot), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"], f"{name} scrolls sideways: {scroll_width} px wide"
    assert page.evaluate(PAST_THE_EDGE) == [], f"{name}: cut off at the right edge"
    assert page.evaluate(SMALL_TARGETS) == [], f"{name}: tap targets under 24 px"


def test_every_public_page_fits_a_phone(browser, site, seeded):  # noqa: F811
    """At 390 px each page a visitor reaches, and "Assigned to me" signed in, fits the
    screen whole: no sideways scrolling, no table cut off, header targets of 24 px."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for name, path in _public_pages(seeded):
        page.goto(site + path)
        assert page.locator("main h1").count() == 1, f"{name}: no page"
        _check_fits(page, name)
    page.goto(site + reverse("mandates:login"))
    page.fill("#id_username", "holder")
    page.fill("#id_password", "pw")
    page.locator("main form [type=submit]").click()
    page.goto(site + reverse("mandates:mine"))
    assert page.locator("main table tbody tr").count() == 5
    _check_fits(page, "assigned to me")
    context.close()


def test_the_timeline_is_readable_on_a_phone(browser, site, seeded):  # noqa: F811
    """At 390 px the timeline's dates and session names are drawn at least 10 px tall and
    its dots at least 12 px across, every one inside the screen (the chart squeezed into the
    width had drawn them 3 px tall)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site + reverse("mandates:timeline") + "?months=24")
    page.wait_for_load_state("load")
    drawn = page.evaluate(TIMELINE)
    assert drawn["words"] and drawn["dots"]
    assert min(drawn["words"]) >= 10, f"words {min(drawn['words']):.1f} px tall"
    for left, right, across in drawn["dots"]:
        assert left >= 0 and right <= PHONE["width"], "a dot outside the screen"
        assert across >= 12, f"a dot {across:.1f} px across"
    context.close()

    # On a laptop the chart stays across the page, its words at their size.
    desktop = browser.new_context(viewport={"width": 1366, "height": 900})
    page = desktop.new_page()
    page.goto(site + reverse("mandates:timeline") + "?months=24")
    page.wait_for_load_state("load")
    assert page.locator("svg.timeline:not(.upright)").is_visible()
    assert not page.locator("svg.timeline.upright").is_visible()
    assert min(page.evaluate(TIMELINE)["words"]) >= 10
    desktop.close()


# Each feed address offered for copying, as drawn: its text, and whether all of it shows.
FEED_ADDRESSES = r"""() => [...document.querySelectorAll('.subscribe .address')]
    .map(e => [e.textContent.trim(), e.scrollWidth <= e.clientWidth + 1
        && e.scrollHeight <= e.clientHeight + 1
        && e.getBoundingClientRect().right <= innerWidth])"""


def test_feed_addresses_show_whole_on_a_phone(browser, site, seeded, django_user_model):  # noqa: F811
    """At 390 px every address to copy on /calendars/, the private link's too (the longest),
    shows whole inside the screen: it had scrolled inside a one-line box, hiding its end."""
    holder = django_user_model.objects.get(username="holder")
    token = FeedToken.objects.create(user=holder, label="phone")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(site + reverse("mandates:login"))
    page.fill("#id_username", "holder")
    page.fill("#id_password", "pw")
    page.locator("main form [type=submit]").click()
    page.goto(site + reverse("mandates:calendars"))
    page.wait_for_load_state("load")
    addresses = page.evaluate(FEED_ADDRESSES)
    private = reverse("mandates:feed_private", args=[token.token])
    assert any(text.endswith(private) for text, _ in addresses)
    assert len(addresses) >= 4
    assert [text for text, whole in addresses if not whole] == []
    _check_fits(page, "calendars, signed in")
    context.close()
