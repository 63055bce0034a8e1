"""`manage.py sessions_load FILE`: official session dates, every row checked, all or none."""

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from mandates.models import Session
from mandates.services.schedule import deliverable_due_date_refresh, session_get_or_estimate
from tests import factories
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db

HEADER = "body,session,part,start,end,status,source\n"


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


def _due_at(number: int):
    item = factories.DeliverableFactory(
        due_session=session_get_or_estimate(body=factories.body("HRC"), number=number),
        due_relation="at",
    )
    deliverable_due_date_refresh(deliverable=item)
    return item


def test_loading_the_shared_calendar_reports_what_it_did():
    """The shared file (the facts the migration loaded) loads cleanly and changes no date."""
    out = StringIO()
    call_command("sessions_load", str(shared_path("data", "sessions.csv")), stdout=out)
    assert "0 created" in out.getvalue()
    assert "past session(s) marked held" in out.getvalue()
    assert Session.objects.get(body__code="GA", number=81).main_part_end == date(2026, 12, 22)


def test_official_dates_move_due_dates_and_create_sessions(tmp_path):
    """Announced dates replace estimated ones and the due dates follow; new sessions appear."""
    item = _due_at(64)
    assert item.due_date == date(2026, 12, 14)
    out = _load(
        tmp_path,
        HEADER
        + "HRC,64,regular,2027-03-01,2027-04-07,announced,press release\n"
        + "HRC,67,regular,2028-02-28,2028-04-04,estimated,plan\n",
    )
    assert "1 created, 1 updated, 0 unchanged, 0 kept; 1 due date(s) changed" in out
    item.refresh_from_db()
    assert item.due_date == date(2026, 12, 21)
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    assert (hrc64.dates_status, hrc64.source) == ("announced", "press release")
    assert Session.objects.filter(body__code="HRC", number=67).exists()


def test_estimated_rows_never_replace_announced_dates(tmp_path):
    """A file's estimate does not overwrite dates someone announced."""
    out = _load(tmp_path, HEADER + "HRC,61,regular,2026-03-02,2026-04-09,estimated,guess\n")
    assert "kept HRC 61" in out
    assert Session.objects.get(body__code="HRC", number=61).start == date(2026, 2, 23)


def test_every_error_is_reported_with_its_line_and_nothing_is_loaded(tmp_path):
    """One bad row stops the whole file; every problem is listed with its line number."""
    before = list(Session.objects.order_by("pk").values_list("start", "end", "dates_status"))
    text = (
        HEADER
        + "HRC,64,regular,2027-03-01,2027-04-07,announced,fine\n"  # line 2, valid
        + "XYZ,1,regular,2027-01-01,2027-01-02,actual,\n"  # line 3
        + "HRC,sixty,regular,2027-13-01,2027-01-02,maybe,\n"  # line 4
        + "HRC,68,regular,2028-06-19,2028-06-01,estimated,\n"  # line 5
        + "HRC,64,regular,2027-03-01,2027-04-07,announced,again\n"  # line 6
        + "GA,99,main,2044-09-06,2044-12-22,estimated,\n"  # line 7
    )
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="error\\(s\\), nothing was loaded"):
        call_command("sessions_load", str(path), stderr=err)
    messages = err.getvalue()
    assert "line 3: unknown body 'XYZ'" in messages
    assert "line 4: session 'sixty' is not a positive whole number" in messages
    assert "line 4: start '2027-13-01' is not a date (YYYY-MM-DD)" in messages
    assert "line 4: status 'maybe' is not one of" in messages
    assert "line 5: end 2028-06-01 is before start 2028-06-19" in messages
    assert "line 6: HRC 64 (regular) is already on line 2" in messages
    assert "line 7: main part of GA 99" in messages
    assert "line 2" not in messages.replace("already on line 2", "")
    after = list(Session.objects.order_by("pk").values_list("start", "end", "dates_status"))
    assert after == before


def test_missing_columns_and_unreadable_files_are_clear_errors(tmp_path):
    """A file without the columns, or no file at all, is refused with a clear message."""
    with pytest.raises(CommandError, match="nothing was loaded"):
        _load(tmp_path, "body,number,start\nHRC,64,2027-03-01\n")
    with pytest.raises(CommandError, match="cannot read it"):
        call_command("sessions_load", str(tmp_path / "absent.csv"))


def test_reloading_the_same_file_changes_nothing_the_second_time():
    """A past session the file calls announced was marked held by the first load: the
    second load keeps it held, with no new calendar SEQUENCE or history."""
    path = str(shared_path("data", "sessions.csv"))
    call_command("sessions_load", path, stdout=StringIO())
    session = Session.objects.get(body__code="HRC", number=61)
    assert session.dates_status == "held"
    sequence, history = session.sequence, session.history.count()
    out = StringIO()
    call_command("sessions_load", path, stdout=out)
    assert " 0 updated," in out.getvalue()
    assert "0 past session(s) marked held" in out.getvalue()
    session.refresh_from_db()
    assert (session.dates_status, session.sequence, session.history.count()) == (
        "held",
        sequence,
        history,
    )


def test_announced_rows_never_replace_a_held_sessions_corrected_dates(tmp_path):
    session = Session.objects.get(body__code="HRC", number=61)
    session.end, session.dates_status, session.source = date(2026, 4, 2), "held", "corrected"
    session.save()
    out = _load(tmp_path, HEADER + "HRC,61,regular,2026-02-23,2026-03-31,announced,file\n")
    assert "kept HRC 61: the stored dates are held" in out
    session.refresh_from_db()
    assert (session.end, session.source) == (date(2026, 4, 2), "corrected")


def test_a_main_part_end_is_taken_even_when_the_regular_row_is_kept(tmp_path):
    """GA 81 announced; the file's regular row is estimated, its main-part row official."""
    Session.objects.filter(body__code="GA", number=81).update(dates_status="announced")
    out = _load(
        tmp_path,
        HEADER
        + "GA,81,regular,2026-09-08,2027-09-07,estimated,file\n"
        + "GA,81,main,2026-09-08,2026-12-18,actual,press release\n",
    )
    assert "kept GA 81" in out
    assert Session.objects.get(body__code="GA", number=81).main_part_end == date(2026, 12, 18)


def test_numbers_and_dates_out_of_range_are_row_errors(tmp_path):
    """A session number beyond any body's count (PostgreSQL's column refused it), or a date near year 9999 (whose due dates
    and feed events overflow), is a row error with its line: they ended in a traceback."""
    before = Session.objects.count()
    text = (
        HEADER
        + "HRC,99999999999,regular,2029-02-26,2029-04-05,estimated,huge\n"  # line 2
        + "HRC,70,regular,1029-02-26,9999-12-31,estimated,far\n"  # line 3
    )
    path = tmp_path / "huge.csv"
    path.write_text(text, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="3 error\\(s\\), nothing was loaded"):
        call_command("sessions_load", str(path), stderr=err)
    messages = err.getvalue().splitlines()
    assert messages[0] == (f"{path}: line 2: session '99999999999' is larger than 9999")
    assert messages[1] == f"{path}: line 3: start 1029-02-26 is not between 1946 and 2199"
    assert messages[2] == f"{path}: line 3: end 9999-12-31 is not between 1946 and 2199"
    assert Session.objects.count() == before
