"""A consideration of a question at a session that is cancelled or postponed is flagged
for a person to decide, like the deliverables due at it: on the session's admin page
(which says so), by `sessions_load`, and when the text is read after the session was
called off. Before, only deliverables were flagged: the consideration went on saying the
body would take the question up at a session that would not meet.
"""

from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse

from mandates.models import Consideration, ReviewStatus, Session
from mandates.services.ingest import resolution_ingest
from tests.admin_forms import change_form_data
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

REASON = (
    "session HRC 64 was cancelled: the question is not taken up on its dates; choose"
    " another session, or keep it and clear the flag"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _consider_at_hrc64(
    first: str = "Calls upon States to ensure access to safe drinking water for all;",
) -> str:
    """The text read (its first paragraph as given); how ingest stored it."""
    text = hrc_resolution(
        operative=[
            first,
            "Decides to continue its consideration of this question at its sixty-fourth session.",
        ]
    )
    outcome = resolution_ingest(data=text.encode(), name="A_HRC_RES_58_97.txt")
    assert outcome.status != "failed", outcome.reason
    return outcome.status


def _save_session(client, session: Session, **changes) -> list[str]:
    """The session's admin page, changed and saved as a person does; the messages shown."""
    url = reverse("admin:mandates_session_change", args=[session.pk])
    response = client.post(url, {**change_form_data(client.get(url)), **changes})
    assert response.status_code == 302, response.context["adminform"].form.errors
    return [str(message) for message in get_messages(response.wsgi_request)]


def _flagged_in_the_admin(client) -> str:
    """The considerations' admin list of what needs review."""
    url = reverse("admin:mandates_consideration_changelist") + "?needs_review__exact=1"
    return client.get(url).content.decode()


def test_cancelling_a_session_in_the_admin_flags_its_considerations(staff_client):
    """HRC 64 cancelled on its page: the page says a consideration is flagged, the
    considerations' list of what needs review holds it and its page gives the reason.
    Scheduled again, the flag and the reason go."""
    _consider_at_hrc64()
    item = Consideration.objects.get()
    Consideration.objects.update(review_status=ReviewStatus.CONFIRMED)
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    assert "A/HRC/RES/58/97" not in _flagged_in_the_admin(staff_client)

    messages = _save_session(staff_client, hrc64, status="cancelled")

    assert (
        "1 consideration of a question at HRC 64 is flagged for review: choose another"
        " session, or keep it and clear the flag." in messages
    )
    assert "A/HRC/RES/58/97" in _flagged_in_the_admin(staff_client)
    page = staff_client.get(reverse("admin:mandates_consideration_change", args=[item.pk]))
    assert REASON in page.content.decode()
    item.refresh_from_db()
    assert (item.needs_review, item.review_reasons) == (True, [REASON])
    assert item.history.first().history_change_reason == "Session HRC 64 cancelled (was scheduled)"

    _save_session(staff_client, hrc64, status="scheduled")
    item.refresh_from_db()
    assert (item.needs_review, item.review_reasons) == (False, [])


def test_a_text_read_after_the_session_was_cancelled_flags_its_consideration(
    tmp_path, staff_client
):
    """HRC 64 cancelled by `sessions_load` before the text is read: the consideration the
    text gives is flagged with the same reason. A person lowers the flag; a new version
    of the text keeps the reason and does not raise the flag again."""
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    path = tmp_path / "sessions.csv"
    path.write_text(
        "body,session,part,start,end,status,source\n"
        f"HRC,64,regular,{hrc64.start},{hrc64.end},cancelled,OHCHR note 12/2026\n"
    )
    call_command("sessions_load", str(path), stdout=StringIO())

    _consider_at_hrc64()

    item = Consideration.objects.get()
    assert (str(item.session), item.needs_review, item.review_reasons) == (
        "HRC 64",
        True,
        [REASON],
    )
    assert "A/HRC/RES/58/97" in _flagged_in_the_admin(staff_client)
    # A person reviews the reason and keeps the consideration: the flag goes down.
    url = reverse("admin:mandates_consideration_change", args=[item.pk])
    response = staff_client.post(
        url, {**change_form_data(staff_client.get(url)), "needs_review": ""}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert (item.needs_review, item.review_reasons) == (False, [REASON])

    # a new version of the text (one word more): the reason is not lost, and the flag the
    # person lowered stays down
    status = _consider_at_hrc64(
        "Calls upon States to ensure access to safe drinking water for all people;"
    )

    assert status == "updated"
    item.refresh_from_db()
    assert (str(item.session), item.needs_review, item.review_reasons) == (
        "HRC 64",
        False,
        [REASON],
    )


def test_sessions_load_flags_the_considerations_of_a_session_it_cancels(tmp_path):
    """A file that cancels HRC 64 flags the consideration of a question at it and says so."""
    _consider_at_hrc64()
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    path = tmp_path / "sessions.csv"
    path.write_text(
        "body,session,part,start,end,status,source\n"
        f"HRC,64,regular,{hrc64.start},{hrc64.end},cancelled,OHCHR note 12/2026\n"
    )
    out = StringIO()
    call_command("sessions_load", str(path), stdout=out)
    assert (
        "1 consideration(s) of a question at a session cancelled or postponed flagged for"
        " review" in out.getvalue()
    )
    item = Consideration.objects.get()
    assert (item.needs_review, item.review_reasons) == (True, [REASON])
