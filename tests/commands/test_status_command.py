"""`manage.py status` tells an operator where reminders and feeds stand."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from mandates.models import ReminderLog
from tests import factories

pytestmark = pytest.mark.django_db


def test_status_reports_health_reminders_and_feeds(client):
    """The report names each component, the reminder counts, and which feeds are cached."""
    from django.core.cache import cache

    cache.clear()
    deliverable = factories.DeliverableFactory()
    contact = factories.ContactFactory()
    ReminderLog.objects.create(
        deliverable=deliverable,
        recipient=contact,
        reminder="before:7",
        due_date="2027-01-01",
        status="failed",
        last_error="SMTP down",
    )
    out = StringIO()
    call_command("status", stdout=out)
    text = out.getvalue()
    assert "database: ok" in text
    assert "failed 1" in text and "SMTP down" in text
    assert "[all]: not cached" in text
    client.get(reverse("mandates:feed_all"))
    out = StringIO()
    call_command("status", stdout=out)
    assert "[all]: cached" in out.getvalue()
