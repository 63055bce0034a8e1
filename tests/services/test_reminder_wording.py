"""What reminder and digest e-mails say, as delivered: subjects without zero counts, one
date format, the quote indented as a block, and the role an escalation names."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from mandates.models import Contact
from mandates.services.digests import digest_send_weekly
from tests import factories

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 12, 7)  # a day of the month under 10: "7", not "07"


@pytest.fixture(autouse=True)
def _monday():
    moment = datetime(2026, 12, 7, 7, tzinfo=ZoneInfo("Europe/Zurich"))
    with time_machine.travel(moment, tick=False):
        yield


def _run(capture) -> None:
    """Today's reminders, sent in-process after the commit."""
    with capture(execute=True):
        call_command("send_reminders", stdout=StringIO())


def test_a_list_of_reminders_leaves_a_zero_count_out_of_its_subject(
    smtp_server, django_capture_on_commit_callbacks
):
    """It read "[2 reminders] 0 overdue, 2 due soon"."""
    person = factories.ContactFactory()
    for days in (7, 14):
        deliverable, _ = factories.responsible_deliverable(MONDAY + timedelta(days=days))
        deliverable.mandate.actor.contacts.set([person])
    _run(django_capture_on_commit_callbacks)
    (received,) = smtp_server.received
    assert received.subject == "[2 reminders] 2 due soon"


def test_an_escalation_tells_the_focal_point_it_is_theirs_as_focal_point(
    smtp_server, django_capture_on_commit_callbacks
):
    """The focal point, not responsible for them, read "2 deliverables you are responsible
    for need attention" and "because you are responsible for these deliverables" above
    items that each said "You are the focal point of OHCHR"."""
    focal = factories.ContactFactory(name="Ana")
    first, _ = factories.responsible_deliverable(MONDAY - timedelta(days=21))
    actor = first.mandate.actor
    actor.name, actor.focal_point = "Office T", focal
    actor.save()
    factories.DeliverableFactory(due_date=MONDAY - timedelta(days=28), mandate__actor=actor)
    _run(django_capture_on_commit_callbacks)
    (received,) = [r for r in smtp_server.received if r.rcpt_tos == [focal.email]]
    assert received.subject == "[2 reminders] 2 overdue"
    for body in (
        received.message.get_body(("plain",)).get_content(),
        " ".join(received.message.get_body(("html",)).get_content().split()),
    ):
        assert "responsible for" not in body
        assert "2 overdue deliverables of Office T are escalated to you as focal point" in body
        assert "You are the focal point of Office T, and this deliverable is overdue." in body
        assert "because you are the focal point for escalations of Office T." in body


def test_the_plain_text_quote_is_indented_on_every_line(
    smtp_server, django_capture_on_commit_callbacks
):
    """A quote longer than a line was indented on its first line only."""
    quote = (
        "Requests the High Commissioner to present a comprehensive report on the question "
        "to the Human Rights Council at its sixty-fifth session, followed by an interactive "
        "dialogue"
    )
    factories.responsible_deliverable(MONDAY + timedelta(days=7), quote=quote)
    _run(django_capture_on_commit_callbacks)
    (received,) = smtp_server.received
    text = received.message.get_body(("plain",)).get_content()
    after = text.splitlines()
    after = after[after.index("The resolution says:") + 1 :]
    lines = after[: after.index("")]
    block = "\n".join(lines)
    assert len(lines) >= 3
    assert all(line.startswith("    ") and len(line) <= 76 for line in lines), block
    assert lines[0].startswith('    "Requests') and lines[-1].endswith('dialogue"')
    assert " ".join(line.strip() for line in lines) == f'"{quote}"'


def test_the_digest_subject_writes_the_week_as_its_body_does(
    smtp_server, django_capture_on_commit_callbacks
):
    """The subject said "week of 07 December 2026", the body "7 December 2026"; and
    "0 overdue" when nothing was."""
    reader = factories.ContactFactory(delivery=Contact.Delivery.DIGEST)
    deliverable, _ = factories.responsible_deliverable(MONDAY + timedelta(days=20))
    deliverable.assignees.add(reader)
    with django_capture_on_commit_callbacks(execute=True):
        digest_send_weekly(today=MONDAY)
    (received,) = smtp_server.received
    assert received.subject == "[Weekly digest] 1 due within 60 days - week of 7 December 2026"
    assert "week of 7 December 2026" in received.message.get_body(("plain",)).get_content()
