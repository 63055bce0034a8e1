"""An e-mail's signed link (``?for=``) opens a deliverable that is not public to its reader
while they are responsible for it, and no longer once they are taken off it: the same
answer as when they are signed in."""

import re
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client

from mandates.models import Contact, Deliverable
from mandates.services.deliverables import deliverable_assign
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = date(2030, 5, 1)


@pytest.fixture(autouse=True)
def _today():
    moment = datetime(2030, 5, 1, 7, tzinfo=ZoneInfo("Europe/Zurich"))
    with time_machine.travel(moment, tick=False):
        yield


def _reminders(capture) -> dict[str, str]:
    """Today's reminders sent (`manage.py send_reminders`): each recipient's e-mail text."""
    mail.outbox.clear()
    with capture(execute=True):
        call_command("send_reminders", stdout=StringIO())
    return {message.to[0]: message.body for message in mail.outbox}


def _links(text: str, uid) -> tuple[str, str]:
    """The page link and the link that stops this deliverable's reminders, as delivered."""
    [page] = re.findall(rf"http://127\.0\.0\.1:8000(/deliverables/{uid}/\?for=\S+)", text)
    stops = re.findall(r"http://127\.0\.0\.1:8000(/reminders/stop/\S+/)", text)
    return page, stops[0]


def _ics(page: str) -> str:
    [ics] = re.findall(r'href="(/deliverables/[^"]+\.ics\?for=[^"]+)"', page)
    return ics.replace("&amp;", "&")


def _proposal(django_user_model) -> tuple[Deliverable, object, object]:
    """A proposed (not public) report due in 14 days, assigned to Fiona (who has an account)
    and not to its actor's contacts; Oscar is another officer."""
    deliverable = factories.DeliverableFactory(
        title="Report on water",
        review_status="proposed",
        due_date=TODAY + timedelta(days=14),
        manual_due_date=TODAY + timedelta(days=14),
    )
    fiona = factories.ContactFactory(
        name="Fiona Focal",
        email="fiona@ohchr.example.org",
        user=django_user_model.objects.create_user("fiona", "fiona@ohchr.example.org", "pw"),
    )
    oscar = factories.ContactFactory(name="Oscar Other", email="oscar@ohchr.example.org")
    deliverable_assign(deliverables=Deliverable.objects.filter(pk=deliverable.pk), contacts=[fiona])
    return deliverable, fiona, oscar


def test_an_old_link_stops_opening_the_page_once_its_reader_is_taken_off(
    django_user_model, django_capture_on_commit_callbacks
):
    """Fiona's reminder link opened the proposal (page and .ics) for 180 days even after
    the admin's "Replace them" gave it to Oscar alone; now it answers 404, as Fiona signed
    in gets, with a page saying why, while Oscar's link opens it and Fiona's link to stop
    the reminders still works."""
    deliverable, fiona, oscar = _proposal(django_user_model)
    sent = _reminders(django_capture_on_commit_callbacks)
    link, stop = _links(sent[fiona.email], deliverable.uid)
    anonymous = Client()
    opened = anonymous.get(link)
    assert opened.status_code == 200
    assert "Report on water" in opened.content.decode()
    ics = _ics(opened.content.decode())
    assert anonymous.get(ics).status_code == 200

    deliverable_assign(
        deliverables=Deliverable.objects.filter(pk=deliverable.pk), contacts=[oscar], replace=True
    )
    signed_in = Client()
    signed_in.force_login(fiona.user)
    assert signed_in.get(f"/deliverables/{deliverable.uid}/").status_code == 404
    refused = anonymous.get(link)
    page = refused.content.decode()
    assert refused.status_code == 404
    assert "Report on water" not in page
    assert "This link no longer opens the deliverable" in page
    assert "no-store" in refused["Cache-Control"]
    assert anonymous.get(ics).status_code == 404
    assert signed_in.get(link).status_code == 404

    # the link to stop this deliverable's reminders, from the same e-mail, still works
    asked = anonymous.get(stop)
    assert asked.status_code == 200 and "Stop reminders" in asked.content.decode()
    assert anonymous.post(stop).status_code == 200
    assert deliverable.reminder_opt_outs.filter(pk=fiona.pk).exists()

    # Oscar's e-mail (the next stage) opens it for him
    with time_machine.travel(datetime(2030, 5, 8, 7, tzinfo=ZoneInfo("Europe/Zurich"))):
        sent = _reminders(django_capture_on_commit_callbacks)
    assert list(sent) == [oscar.email]
    oscars, _ = _links(sent[oscar.email], deliverable.uid)
    assert anonymous.get(oscars).status_code == 200


@pytest.mark.parametrize("role", ["actor contact", "focal point"])
def test_a_link_keeps_opening_the_page_for_the_actors_people(
    role, django_user_model, django_capture_on_commit_callbacks
):
    """Taken off the assignees but still a responsible contact of the actor, or its focal
    point, a person keeps reading the deliverable: by the e-mail's link, and signed in."""
    deliverable, fiona, oscar = _proposal(django_user_model)
    link, _ = _links(_reminders(django_capture_on_commit_callbacks)[fiona.email], deliverable.uid)
    actor = deliverable.mandate.actor
    if role == "actor contact":
        actor.contacts.add(fiona)
    else:
        actor.focal_point = fiona
        actor.save()
    deliverable_assign(
        deliverables=Deliverable.objects.filter(pk=deliverable.pk), contacts=[oscar], replace=True
    )
    assert Client().get(link).status_code == 200
    signed_in = Client()
    signed_in.force_login(fiona.user)
    assert signed_in.get(f"/deliverables/{deliverable.uid}/").status_code == 200
    stranger = Client()
    stranger.force_login(django_user_model.objects.create_user("stranger", "s@example.org"))
    assert stranger.get(f"/deliverables/{deliverable.uid}/").status_code == 404


def test_a_signed_in_person_whose_contact_is_inactive_no_longer_opens_it(django_user_model):
    """Staff made Carol's contact inactive (she moved unit, her user stays): she no longer
    opens her old actor's proposed deliverable, as her e-mail link would not."""
    deliverable, (carol,) = factories.responsible_deliverable(
        TODAY + timedelta(days=7), review_status="proposed"
    )
    user = django_user_model.objects.create_user("carol", "carol@example.org", "pw")
    Contact.objects.filter(pk=carol.pk).update(user=user)
    client = Client()
    client.force_login(user)
    page = f"/deliverables/{deliverable.uid}/"
    assert client.get(page).status_code == 200
    Contact.objects.filter(pk=carol.pk).update(is_active=False)
    assert client.get(page).status_code == 404
    assert client.get(f"/deliverables/{deliverable.uid}.ics").status_code == 404
