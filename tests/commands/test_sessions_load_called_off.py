"""`manage.py sessions_load FILE` records that a session was cancelled or postponed, and a
session's resumed parts and organizational meetings, in the same CSV (body, session,
part, start, end, status, source): `status` cancelled or postponed, `part` resumed or
organizational. The file's rows were refused before ("part 'resumed' is neither
'regular' nor 'main'", "status 'cancelled' is not one of ..."), so a cancelled session
kept dating its deliverables as if it would meet, with nobody told.

A cancelled session keeps the due dates counted from its dates (nothing leaves a list or a
calendar) and flags its open deliverables for a person to decide; a postponed one the
same until new dates are announced; an old file loaded again never brings a cancelled
session back. Every bad row is named with its line, and nothing is loaded.
"""

from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from mandates.models import Body, Deliverable, Session, SessionPart
from mandates.services.schedule import deliverable_due_date_refresh, session_get_or_estimate
from tests import factories
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

HEADER = "body,session,part,start,end,status,source\n"
CANCELLED_REASON = (
    "due session HRC 64 was cancelled: a due date counted from its dates will not hold;"
    " choose another session or set the date by hand, or mark the deliverable deferred or"
    " cancelled"
)
POSTPONED_REASON = (
    "due session HRC 64 was postponed, its new dates not announced: a due date counted from"
    " its dates will not hold; choose another session or set the date by hand, or mark the"
    " deliverable deferred or cancelled"
)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(date(2026, 11, 1), tick=True):
        yield


def _load(tmp_path, text: str) -> str:
    path = tmp_path / "sessions.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("sessions_load", str(path), stdout=out, stderr=out)
    return out.getvalue()


def _due_at(number: int, body: str = "HRC", **fields) -> Deliverable:
    item = factories.DeliverableFactory(
        due_session=session_get_or_estimate(body=factories.body(body), number=number),
        due_relation="at",
        **fields,
    )
    deliverable_due_date_refresh(deliverable=item)
    item.refresh_from_db()
    return item


def _row(session: Session, status: str) -> str:
    return f"{session.body.code},{session.number},regular,{session.start},{session.end},{status},"


def test_a_cancelled_session_keeps_its_due_dates_and_flags_its_open_work(tmp_path):
    """HRC 64 cancelled: its open deliverables (one dated from the session, one set by hand)
    are flagged for review with the reason, their due dates kept and their calendar
    SEQUENCE raised, with a history record; a submitted one is not flagged; one due at
    HRC 65 is untouched. The session is cancelled, its dates as they were."""
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    dates, sequence = (hrc64.start, hrc64.end), hrc64.sequence
    counted = _due_at(64, review_status="confirmed")
    by_hand = _due_at(64, manual_due_date=date(2027, 1, 15))
    submitted = _due_at(64, progress="submitted")
    elsewhere = _due_at(65)
    before = {d.pk: (d.due_date, d.sequence, d.updated_at) for d in Deliverable.objects.all()}

    out = _load(tmp_path, HEADER + _row(hrc64, "cancelled") + "OHCHR note 12/2026\n")

    assert "HRC 64 is now cancelled" in out
    assert "0 created, 1 updated, 0 unchanged, 0 kept; 0 due date(s) changed" in out
    assert "2 open deliverable(s) due at a session cancelled or postponed flagged" in out
    hrc64.refresh_from_db()
    assert hrc64.status == "cancelled" and hrc64.called_off
    assert (hrc64.start, hrc64.end, hrc64.sequence) == (*dates, sequence + 1)
    for item in (counted, by_hand):
        item.refresh_from_db()
        assert item.needs_review and item.review_reasons == [CANCELLED_REASON]
        assert (item.due_date, item.sequence) == (before[item.pk][0], before[item.pk][1] + 1)
        record = item.history.order_by("-history_date", "-history_id").first()
        assert record.history_change_reason == "Due session HRC 64 cancelled (was scheduled)"
    assert counted.due_date == before[counted.pk][0] is not None
    assert by_hand.due_date == date(2027, 1, 15)
    submitted.refresh_from_db()
    assert not submitted.needs_review and submitted.review_reasons == []
    elsewhere.refresh_from_db()
    assert (elsewhere.due_date, elsewhere.sequence, elsewhere.updated_at) == before[elsewhere.pk]
    assert not elsewhere.needs_review


def test_an_old_file_loaded_again_never_brings_a_cancelled_session_back(tmp_path):
    """The default calendar loaded after the cancellation keeps HRC 64 cancelled (and says
    why), changes no flag, and loading the cancellation again changes nothing."""
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    item = _due_at(64)
    cancel = HEADER + _row(hrc64, "cancelled") + "note\n"
    _load(tmp_path, cancel)
    item.refresh_from_db()
    flagged = (item.needs_review, item.review_reasons, item.sequence)

    out = _load(tmp_path, HEADER + _row(hrc64, "estimated") + "old file\n")
    assert "kept HRC 64: it is cancelled; only its admin page schedules it again" in out
    out = _load(tmp_path, HEADER + _row(hrc64, "announced") + "old file\n")
    assert "kept HRC 64: it is cancelled" in out
    out = _load(tmp_path, cancel)
    assert "0 created, 0 updated, 1 unchanged, 0 kept" in out
    assert "flagged" not in out

    hrc64.refresh_from_db()
    assert hrc64.status == "cancelled"
    item.refresh_from_db()
    assert (item.needs_review, item.review_reasons, item.sequence) == flagged


def test_a_postponed_session_is_scheduled_again_by_its_new_announced_dates(tmp_path):
    """Postponed, HRC 64's open deliverable is flagged with its date kept; the dates it was
    postponed from do not revive it; new announced dates schedule it again: the due date
    follows them, the postponement's reason goes and, no other reason waiting, the flag
    with it."""
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    item = _due_at(64, review_status="confirmed")
    due = item.due_date
    out = _load(tmp_path, HEADER + _row(hrc64, "postponed") + "OHCHR note\n")
    assert "HRC 64 is now postponed" in out
    item.refresh_from_db()
    assert item.needs_review and item.review_reasons == [POSTPONED_REASON]
    assert item.due_date == due

    out = _load(tmp_path, HEADER + _row(hrc64, "announced") + "the dates it had\n")
    assert "kept HRC 64: it is postponed, and the file gives no new announced dates" in out

    later = (hrc64.start + timedelta(weeks=8), hrc64.end + timedelta(weeks=8))
    out = _load(tmp_path, HEADER + f"HRC,64,regular,{later[0]},{later[1]},announced,new dates\n")
    assert "HRC 64 is now scheduled" in out
    assert "1 due date(s) changed" in out
    hrc64.refresh_from_db()
    assert (hrc64.status, hrc64.start, hrc64.dates_status) == ("scheduled", later[0], "announced")
    item.refresh_from_db()
    assert item.due_date == due + timedelta(weeks=8)
    assert item.review_reasons == [] and not item.needs_review


def test_a_new_session_loaded_as_cancelled_flags_what_waited_for_it(tmp_path):
    """CSW 70 joins the calendar cancelled: the deliverable read as due "at CSW 70" is
    linked and dated, and flagged because the session will not meet."""
    csw = Body.objects.create(code="CSW", name="Commission on the Status of Women")
    item = factories.DeliverableFactory(
        due_body=csw, due_session_number=70, due_relation="at", review_status="confirmed"
    )
    out = _load(tmp_path, HEADER + "CSW,70,regular,2026-03-09,2026-03-20,cancelled,UN Women\n")
    assert "CSW 70 is now cancelled" in out
    assert "1 open deliverable(s)" in out
    item.refresh_from_db()
    session = Session.objects.get(body=csw, number=70)
    assert (item.due_session, session.status, session.dates_status) == (
        session,
        "cancelled",
        "announced",
    )
    assert item.due_date is not None and item.needs_review
    assert any(r.startswith("due session CSW 70 was cancelled") for r in item.review_reasons)


def test_a_resumed_part_is_loaded_and_dates_what_was_adopted_during_the_session(tmp_path):
    """GA 81 opened in September; a text adopted in December asks for a report at it. The
    calendar had no resumed part, so the date counted from the session's close (September
    2027). Its resumed part loaded (May 2027), the report is due ten weeks before that part
    opens; an organizational meeting is stored too; loading the file again changes
    nothing."""
    ga81 = Session.objects.get(body__code="GA", number=81)
    item = _due_at(
        81,
        body="GA",
        mandate__resolution__body=factories.body("GA"),
        mandate__resolution__adopted_on=date(2026, 12, 15),
    )
    assert item.due_date == ga81.end - timedelta(days=70)
    text = (
        HEADER
        + "GA,81,resumed,2027-05-03,2027-05-28,announced,A/INF/81/5\n"
        + "GA,81,organizational,2027-01-20,2027-01-20,estimated,\n"
    )
    out = _load(tmp_path, text)
    assert "0 created, 0 updated, 0 unchanged, 0 kept; 1 due date(s) changed" in out
    assert "session parts: 2 created, 0 updated, 0 unchanged, 0 kept" in out
    parts = list(ga81.parts.order_by("start").values_list("kind", "start", "end", "status"))
    assert parts == [
        ("organizational", date(2027, 1, 20), date(2027, 1, 20), "scheduled"),
        ("resumed", date(2027, 5, 3), date(2027, 5, 28), "scheduled"),
    ]
    item.refresh_from_db()
    assert item.due_date == date(2027, 5, 3) - timedelta(days=70)
    out = _load(tmp_path, text)
    assert "session parts: 0 created, 0 updated, 2 unchanged, 0 kept" in out
    assert "0 due date(s) changed" in out

    # The resumed part cancelled: the date counts from the session's close again.
    out = _load(tmp_path, HEADER + "GA,81,resumed,2027-05-03,2027-05-28,cancelled,\n")
    assert "session parts: 0 created, 1 updated, 0 unchanged, 0 kept" in out
    part = SessionPart.objects.get(session=ga81, kind="resumed")
    assert (part.status, part.sequence) == ("cancelled", 1)
    item.refresh_from_db()
    assert item.due_date == ga81.end - timedelta(days=70)


def test_every_bad_row_is_named_with_its_line_and_nothing_is_loaded(tmp_path):
    """A file that cancels HRC 64 (a good row) with bad rows: a part or status the loader
    does not know, a resumed part before its session opens or of a session nobody has, a
    main part "cancelled", the same resumed part twice. Every problem is listed with its
    line; no session, part or deliverable changes."""
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    item = _due_at(64)
    sessions = list(Session.objects.order_by("pk").values_list("start", "end", "status"))
    text = (
        HEADER
        + _row(hrc64, "cancelled")  # line 2, valid
        + "note\n"
        + "HRC,64,recess,2027-03-01,2027-03-05,announced,\n"  # line 3
        + "HRC,65,regular,2027-06-14,2027-07-06,canceled,\n"  # line 4
        + "HRC,64,resumed,2027-02-01,2027-02-05,announced,\n"  # line 5
        + "HRC,99,resumed,2029-06-01,2029-06-05,announced,\n"  # line 6
        + "GA,81,main,2026-09-08,2026-12-22,cancelled,\n"  # line 7
        + "GA,81,resumed,2027-05-03,2027-05-28,announced,\n"  # line 8, valid alone
        + "GA,81,resumed,2027-05-03,2027-05-30,announced,\n"  # line 9
    )
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="6 error\\(s\\), nothing was loaded"):
        call_command("sessions_load", str(path), stderr=err)
    lines = [line.removeprefix(f"{path}: ") for line in err.getvalue().splitlines()]
    assert lines == [
        "line 3: part 'recess' is not one of regular, main, resumed, organizational",
        "line 4: status 'canceled' is not one of actual, held, announced, estimated,"
        " cancelled, postponed",
        "line 7: a main part is not cancelled on its own: its row says when it closes; a"
        " regular row cancels or postpones the session",
        "line 9: GA 81 (resumed, opening 2027-05-03) is already on line 8",
        "line 5: resumed part opens 2027-02-01, not after HRC 64 opens (2027-02-22)",
        "line 6: resumed part of HRC 99, a session that is neither in the file nor in the database",
    ]
    assert list(Session.objects.order_by("pk").values_list("start", "end", "status")) == sessions
    assert not SessionPart.objects.exists()
    item.refresh_from_db()
    assert not item.needs_review and item.review_reasons == []


def test_a_text_read_after_the_cancellation_flags_what_it_asks_of_the_session(tmp_path, settings):
    """HRC 64 cancelled, a resolution then asks for a report at its sixty-fourth session:
    ingest links the report to HRC 64, dates it and flags it with the cancellation's
    reason."""
    settings.MEDIA_ROOT = tmp_path / "media"
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    _load(tmp_path, HEADER + _row(hrc64, "cancelled") + "note\n")
    text = hrc_resolution(
        number="61/98",
        operative=[
            "Requests the High Commissioner to present a report to the Human Rights Council"
            " at its sixty-fourth session;"
        ],
    )
    path = tmp_path / "upload" / "A_HRC_RES_61_98.txt"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    call_command("ingest", str(path), stdout=StringIO())
    report = Deliverable.objects.get(mandate__resolution__symbol="A/HRC/RES/61/98")
    assert report.due_session == hrc64 and report.due_date is not None
    assert report.needs_review and CANCELLED_REASON in report.review_reasons
