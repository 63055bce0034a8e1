"""What is held at or during a session is due by its last day (migration 0038's rules).

A document "at" a session is due ten weeks before it opens (the 10-4-6 rule); a meeting,
debate, panel, consultation or oral update "at" or "during" a session is held there, and
is late only once the session has closed. They used to be dated on the opening day, or,
for consultations, ten weeks before it: the President's consultations "at its eighty-first
session" were historic when ingested (no reminders, off the overdue list), and a debate
"during the eighty-first session" was overdue while the Assembly's session ran on for a
year. Each test ingests an invented text with the `ingest` command on a fixed day and
looks where people look: the overdue list, the deliverable's page and calendar file, and
what `send_reminders` would send.
"""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from mandates.models import Contact, Deliverable
from tests.ical import assert_valid_ics
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

# GA 81 in the packaged calendar: 8 Sep 2026 to 7 Sep 2027 (main part to 22 Dec 2026).
GA_81_OPENS, GA_81_CLOSES = date(2026, 9, 8), date(2027, 9, 7)
TODAY = date(2026, 12, 7)  # GA 81 under way for three months

GA_TEXT = """United Nations\tA/RES/80/611

General Assembly\tDistr.: General
4 June 2026

Eightieth session
Agenda item 14

Resolution adopted by the General Assembly on 2 June 2026

[without reference to a Main Committee (A/80/L.77)]

80/611.\tInvented cooperation on tidal observatories

The General Assembly,

Recalling its resolution 79/998 of 1 June 2025,

1.\tInvites the President of the General Assembly, at its eighty-first session, to conduct \
open-ended consultations with Member States on the future of tidal observatories;

2.\tDecides to hold, during the eighty-first session, a high-level debate on tidal \
observatories;

3.\tRequests the Secretary-General to submit a report to the General Assembly at its \
eighty-first session on the implementation of the present resolution;

110th plenary meeting
2 June 2026
"""

HRC_PANEL = (
    "Decides to convene, at its sixty-fifth session, a panel discussion on invented rights "
    "of lighthouse keepers;"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ingest(tmp_path: Path, text: str, name: str, *, on: date) -> None:
    path = tmp_path / "upload" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with time_machine.travel(on, tick=False):
        call_command("ingest", str(path), stdout=StringIO())


def _overdue_page(client, day: date, query: str = "") -> str:
    """The overdue list as staff see it on `day` (signed in that day: a session cookie of
    today would have expired by then)."""
    with time_machine.travel(day, tick=False):
        client.force_login(client.user)
        return client.get(reverse("mandates:overdue") + query).content.decode()


def _would_send(today: date) -> str:
    out = StringIO()
    call_command("send_reminders", "--dry-run", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture
def alice() -> Contact:
    return Contact.objects.create(name="Alice Assembly", email="alice@example.org")


@pytest.fixture
def ga_work(tmp_path, alice) -> dict[str, Deliverable]:
    """The GA text ingested three months into GA 81, its deliverables assigned to Alice."""
    _ingest(tmp_path, GA_TEXT, "A_RES_80_611.txt", on=TODAY)
    work = {d.kind: d for d in Deliverable.objects.all()}
    assert set(work) == {"consultation", "meeting", "report"}
    for deliverable in work.values():
        deliverable.assignees.add(alice)
    return work


def test_work_held_at_or_during_a_ga_session_is_due_by_its_last_day(ga_work):
    """The consultations "at" and the debate "during" GA 81 are due on its last day, not
    historic; the report "at" GA 81 keeps the documents' ten weeks."""
    consultation, debate, report = ga_work["consultation"], ga_work["meeting"], ga_work["report"]
    assert (consultation.due_date, consultation.is_historic) == (GA_81_CLOSES, False)
    assert (debate.due_date, debate.is_historic) == (GA_81_CLOSES, False)
    assert report.due_date == date(2026, 6, 30)  # 8 Sep 2026 - 70 days, as before


def test_the_overdue_list_leaves_them_out_while_the_session_runs(staff_client, ga_work):
    """On 7 Dec 2026 neither the consultations nor the debate is overdue, nor hidden among
    the historic ones."""
    chased = _overdue_page(staff_client, TODAY)
    historic = _overdue_page(staff_client, TODAY, "?historic=1")
    for page in (chased, historic):
        assert "Open-ended consultations" not in page
        assert "High-level debate on tidal observatories" not in page
    assert "Report of the Secretary-General" in historic  # the control: 30 Jun 2026


def test_their_page_and_calendar_file_say_the_sessions_last_day(staff_client, ga_work):
    """The deliverable's page explains the date from the session's close and the rule; its
    calendar file has the event on that day."""
    consultation = ga_work["consultation"]
    with time_machine.travel(TODAY, tick=False):
        staff_client.force_login(staff_client.user)
        page = staff_client.get(
            reverse("mandates:deliverable", args=[consultation.uid])
        ).content.decode()
        ics = staff_client.get(reverse("mandates:deliverable_ics", args=[consultation.uid]))
    assert "closes 7 Sep 2027" in page and "consultations at GA sessions" in page
    [event] = assert_valid_ics(ics.content).walk("VEVENT")
    assert event.decoded("DTSTART") == GA_81_CLOSES


def test_they_are_reminded_before_the_sessions_last_day(ga_work, alice):
    """Sixty days before GA 81 closes, Alice hears of the consultations and the debate (the
    consultations, historic before, were never reminded)."""
    output = _would_send(date(2027, 7, 9))
    assert alice.email in output and "before:60" in output, output
    assert output.count("A/RES/80/611") >= 2, output


def test_a_panel_at_a_council_session_keeps_the_opening_day_and_every_reminder_before_it(
    tmp_path,
):
    """A panel at HRC 65 (14 Jun - 6 Jul 2027): a Council session lasts weeks, so the panel
    stays due on its opening day, every reminder before it (the last one, a day before, on
    13 Jun): counted from its last day, the 14-, 7- and 1-day ones would come while it
    meets, after the programme of work had placed the panel."""
    alice = Contact.objects.create(name="Alice Council", email="alice.council@example.org")
    _ingest(
        tmp_path,
        hrc_resolution(number="61/97", operative=[HRC_PANEL], adopted="2 April 2026"),
        "A_HRC_RES_61_97.txt",
        on=TODAY,
    )
    panel = Deliverable.objects.get()
    panel.assignees.add(alice)
    assert (panel.kind, panel.due_date) == ("panel", date(2027, 6, 14))
    output = _would_send(date(2027, 6, 13))
    assert alice.email in output and "before:1" in output, output


def _page(client, url: str, day: date) -> str:
    with time_machine.travel(day, tick=False):
        client.force_login(client.user)
        return client.get(url).content.decode()


def test_a_session_under_way_shows_its_opening_as_past_and_its_close_as_estimated(
    staff_client, ga_work
):
    """GA 81's row is "estimated" (its close is the pattern's). Three months after it
    opened, its page and the report counted from its opening no longer call the opening
    estimated; the debate, due on its estimated last day, is. Before it opened, both were."""
    report, debate = ga_work["report"], ga_work["meeting"]
    session_url = reverse("mandates:session", args=["GA", 81])
    report_url = reverse("mandates:deliverable", args=[report.uid])
    debate_url = reverse("mandates:deliverable", args=[debate.uid])
    opening_estimated = "estimated: the dates are not announced yet"

    session_page = _page(staff_client, session_url, TODAY)
    assert opening_estimated not in session_page
    assert "opened; the closing date is estimated, not announced yet" in session_page
    report_page = _page(staff_client, report_url, TODAY)
    assert '30 Jun 2026</time> <span class="estimated">' not in report_page
    assert "opens 8 Sep 2026 (opened)" in report_page
    assert "opened; closing date estimated" in report_page
    debate_page = _page(staff_client, debate_url, TODAY)
    assert '7 Sep 2027</time> <span class="estimated">(estimated)' in debate_page
    assert "closes 7 Sep 2027 (estimated)" in debate_page

    before = date(2026, 8, 1)  # the control: GA 81 had not opened
    assert opening_estimated in _page(staff_client, session_url, before)
    report_page = _page(staff_client, report_url, before)
    assert '30 Jun 2026</time> <span class="estimated">(estimated)' in report_page
    assert "opens 8 Sep 2026 (estimated)" in report_page
