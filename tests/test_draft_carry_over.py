"""What a person set on a draft's deliverable stands in the adopted text unless the text
itself reads it otherwise (README: "the adopted text ... carries over every decision").

The adopted text's reading of an item is compared with the draft text's reading of it,
like with like, not with the value a person set: a title a person edited on the draft, a
session a person corrected on it. Before, every such value was "proposed again" by the
adopted text (its generated title, the other readings the draft's row kept), although
nothing in the text had changed. Each test ingests with the `ingest` command, edits in the
admin as staff do, and checks what is stored.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from mandates.models import Actor, Body, Deliverable, ProposedChange
from mandates.services.schedule import session_get_or_estimate
from tests.admin_forms import change_form_data
from tests.drafts_samples import c3_draft, ga_adopted

pytestmark = pytest.mark.django_db

DRAFT = "A/C.3/81/L.19"
ADOPTED = "A/RES/81/412"
REPORT = (
    "Requests the Secretary-General to submit a report on the archives of invented "
    "commissions to the General Assembly at its eighty-second session;"
)
# The topic reworded: the adopted text reads another title.
REPORT_REWORDED = REPORT.replace("on the archives of", "on the opening of the archives of")
# No topic: the title names the actor ("Report of the Secretary-General").
SG_REPORT = (
    "Also requests the Secretary-General to submit a report to the General Assembly at its "
    "eighty-third session;"
)
FIRST = "Decides to remain seized of the matter;"
STAFF_TITLE = "Archives of invented commissions: report (title by staff)"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ingest(tmp_path: Path, text: str, name: str) -> list[str]:
    """The ingest command on one file, as an operator runs it; the lines it prints."""
    path = tmp_path / "upload" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(path), verbosity=2, stdout=out)
    return out.getvalue().splitlines()


def _draft(tmp_path: Path, *operative: str) -> None:
    _ingest(tmp_path, c3_draft(operative=list(operative)), "A_C.3_81_L.19.txt")


def _adopted(tmp_path: Path, *operative: str) -> list[str]:
    """The adopted text, a paragraph inserted first (every request renumbered)."""
    return _ingest(tmp_path, ga_adopted(operative=[FIRST, *operative]), "A_RES_81_412.txt")


def _item(symbol: str, paragraph: str) -> Deliverable:
    return Deliverable.objects.get(
        mandate__resolution__symbol=symbol, mandate__paragraph_label=paragraph
    )


def _retitle(client, item: Deliverable, title: str) -> None:
    """A person retitles the item on its admin page."""
    url = reverse("admin:mandates_deliverable_change", args=[item.pk])
    response = client.post(url, {**change_form_data(client.get(url)), "title": title})
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert (item.title, item.edited_fields) == (title, ["title"])


def test_a_title_a_person_set_on_the_draft_stands(tmp_path, staff_client):
    """The adopted text reads the report as the draft did: the person's title is the
    adopted report's, theirs (edited), with nothing proposed and nothing to review."""
    _draft(tmp_path, REPORT)
    _retitle(staff_client, _item(DRAFT, "1"), STAFF_TITLE)

    printed = _adopted(tmp_path, REPORT)

    report = _item(ADOPTED, "2")
    assert report.draft == _item(DRAFT, "1")
    assert (report.title, report.edited_fields) == (STAFF_TITLE, ["title"])
    assert not ProposedChange.objects.exists()
    assert not report.needs_review, report.review_reasons
    assert f"           para. 2 report: carried over from draft {DRAFT}: title" in printed


def test_a_title_the_adopted_text_reads_otherwise_is_proposed(tmp_path, staff_client):
    """The adopted text rewords the report's topic: the person's title stays and the
    adopted text's title waits as a proposed change, the changed words flagged."""
    _draft(tmp_path, REPORT)
    _retitle(staff_client, _item(DRAFT, "1"), STAFF_TITLE)

    _adopted(tmp_path, REPORT_REWORDED)

    report = _item(ADOPTED, "2")
    assert report.title == STAFF_TITLE
    change = ProposedChange.objects.get()
    assert (change.deliverable, change.field, change.old_value) == (report, "title", STAFF_TITLE)
    assert change.new_value == "Report on the opening of the archives of invented commissions"
    assert report.needs_review


def test_a_title_read_before_the_actor_was_renamed_stands(tmp_path, staff_client):
    """The draft's report titled after the Secretary-General ("Report of the
    Secretary-General"): a person retitles it, staff rename the actor in the admin, then
    the adopted text, read under the new name, titles it after the new name. That is no
    change of the text: the person's title stands, nothing is proposed."""
    _draft(tmp_path, REPORT, SG_REPORT)
    assert _item(DRAFT, "2").title == "Report of the Secretary-General"
    _retitle(staff_client, _item(DRAFT, "2"), STAFF_TITLE)
    actor = Actor.objects.get(name="Secretary-General")
    url = reverse("admin:mandates_actor_change", args=[actor.pk])
    data = {**change_form_data(staff_client.get(url)), "name": "UN Secretary-General"}
    assert staff_client.post(url, data).status_code == 302

    _adopted(tmp_path, REPORT, SG_REPORT)

    report = _item(ADOPTED, "3")
    assert report.draft == _item(DRAFT, "2")
    assert report.title == STAFF_TITLE
    assert not ProposedChange.objects.exists()
    assert not report.needs_review, report.review_reasons


def test_a_session_a_person_corrected_on_the_draft_proposes_nothing(tmp_path, staff_client):
    """Staff confirm the draft's report corrected by hand to the eighty-third session (the
    text's eighty-second kept as the other reading). The adopted text reads the report as
    the draft did: GA 83 and the other reading stay, nothing is proposed. The draft's other
    readings were proposed to be replaced by the adopted text's (none)."""
    _draft(tmp_path, REPORT)
    draft_report = _item(DRAFT, "1")
    ga83 = session_get_or_estimate(body=Body.objects.get(code="GA"), number=83)
    url = reverse("admin:mandates_deliverablereview_change", args=[draft_report.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and not isinstance(value, list)
    }
    response = staff_client.post(url, {**data, "decision": "confirm", "due_session": ga83.pk})
    assert response.status_code == 302, response.context["adminform"].form.errors
    draft_report.refresh_from_db()
    assert draft_report.due_session == ga83
    assert [alt["session"] for alt in draft_report.alternatives] == [82]

    _adopted(tmp_path, REPORT)

    report = _item(ADOPTED, "2")
    assert (report.review_status, report.due_session) == ("confirmed", ga83)
    assert report.alternatives == draft_report.alternatives
    assert not ProposedChange.objects.exists()
    assert not report.needs_review, report.review_reasons


def _confirm(client, item: Deliverable) -> None:
    """A person confirms the item from the deliverable list: every value is theirs."""
    response = client.post(
        reverse("admin:mandates_deliverable_changelist"),
        {"action": "confirm", "_selected_action": [item.pk]},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.review_status == "confirmed"


def _accept(client, changes) -> list[str]:
    """ "Accept" on the proposed changes list: the messages the person reads."""
    response = client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "accept", "_selected_action": [change.pk for change in changes]},
        follow=True,
    )
    return [str(message) for message in response.context["messages"]]


def test_a_session_the_adopted_text_moves_is_one_proposal(tmp_path, staff_client):
    """Staff confirm the draft's report (GA 82); the adopted text asks for it at the
    eighty-fourth session. As for a new version of an adopted text, that is one proposal,
    the session's (carrying its body and number), not a second one for the number that,
    accepted alone, left the deliverable dated by GA 82 while saying 84. Accepted, the
    report is due at GA 84, its body, number and date with it."""
    _draft(tmp_path, REPORT)
    _confirm(staff_client, _item(DRAFT, "1"))

    _adopted(tmp_path, REPORT.replace("eighty-second session", "eighty-fourth session"))

    report = _item(ADOPTED, "2")
    assert (str(report.due_session), report.due_session_number) == ("GA 82", 82)
    before = report.due_date
    [change] = ProposedChange.objects.all()
    assert (change.deliverable, change.field) == (report, "due_session")
    assert (change.old_value, change.new_value) == ("GA 82", "GA 84")
    assert report.needs_review

    shown = _accept(staff_client, [change])

    assert "1 change(s) accepted." in shown
    assert not any(message.startswith("Not accepted") for message in shown), shown
    report.refresh_from_db()
    assert (str(report.due_session), report.due_body.code, report.due_session_number) == (
        "GA 84",
        "GA",
        84,
    )
    assert report.due_date.year == before.year + 2
    assert not ProposedChange.objects.filter(resolved=False).exists()
