"""The proposed changes list: what "Accept" cannot apply says what to do instead, and a
proposal someone else settled is not settled again."""

import pytest
from django.urls import reverse

from mandates.admin.review import ProposedChangeAdmin
from mandates.models import ProposedChange
from mandates.services import resolutions as resolution_services
from mandates.services.schedule import session_get_or_estimate
from tests.admin_forms import change_form_data
from tests.factories import DeliverableFactory, body

pytestmark = pytest.mark.django_db


def test_accepting_a_no_longer_in_the_text_row_says_what_to_do(admin_client):
    """The message names the field as staff read it and the next step, not the column."""
    deliverable = DeliverableFactory(no_longer_in_text=True, needs_review=True)
    change = ProposedChange.objects.create(
        deliverable=deliverable,
        field="no_longer_in_text",
        old_value="in the text",
        new_value="no longer in the text",
        source="A/HRC/RES/59/1",
    )
    response = admin_client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "accept", "_selected_action": [change.pk]},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert "0 change(s) accepted." not in shown  # nothing to celebrate
    assert (
        "Not accepted: “no longer in the text” is decided on the deliverable itself: open the "
        "deliverable and decide whether it is still owed. If not, set its progress to "
        "“cancelled” or reject it; if it is, dismiss this proposed change: the deliverable "
        "stays and is shown again as owed." in shown
    )
    assert not any("no_longer_in_text" in message for message in shown)
    change.refresh_from_db()
    assert not change.resolved


def test_accepting_a_session_with_its_older_twins_settles_all_three(admin_client):
    """Proposals of an earlier version (one each for the session, its body and its number)
    accepted together: the session carries the other two, and nothing is reported as not
    accepted (the body's was refused, though the session had settled it)."""
    deliverable = DeliverableFactory()
    source = "A/HRC/RES/59/1"
    changes = [
        ProposedChange.objects.create(
            deliverable=deliverable, field=field, old_value=old, new_value=new, source=source
        )
        for field, old, new in [
            ("due_body", "GA", "HRC"),
            ("due_session_number", "80", "65"),
            ("due_session", "GA 80", "HRC 65"),
        ]
    ]
    response = admin_client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "accept", "_selected_action": [c.pk for c in changes]},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert not any(message.startswith("Not accepted") for message in shown), shown
    deliverable.refresh_from_db()
    assert (deliverable.due_body.code, deliverable.due_session_number) == ("HRC", 65)
    assert deliverable.due_session.number == 65
    assert not ProposedChange.objects.filter(deliverable=deliverable, resolved=False).exists()


@pytest.mark.parametrize("action", ["accept", "dismiss"])
def test_settling_a_proposal_someone_else_settled_says_so(admin_client, action):
    """A proposal settled since the list was shown (here from the list of waiting ones,
    which no longer holds it) is not settled again: the person is told someone else did,
    rather than "0 change(s) accepted", and nothing is recorded for them."""
    deliverable = DeliverableFactory()
    change = ProposedChange.objects.create(
        deliverable=deliverable,
        field="count",
        old_value="1",
        new_value="2",
        source="A/HRC/RES/59/1",
        resolved=True,
    )
    records = deliverable.history.count()
    response = admin_client.post(
        reverse("admin:mandates_proposedchange_changelist") + "?resolved__exact=0",
        {"action": action, "_selected_action": [change.pk]},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [
        "1 of the selected proposed change(s) had already been settled, by someone else "
        "meanwhile or earlier: nothing was recorded for them."
    ]
    deliverable.refresh_from_db()
    assert deliverable.count == 1
    assert deliverable.history.count() == records


def test_the_list_shows_where_and_a_short_title_then_the_values(admin_client):
    """A long title no longer pushes the values off the screen, and the old value is
    named for what it is once the proposal is decided: the value when proposed."""
    deliverable = DeliverableFactory(title="A very long title " * 10)
    ProposedChange.objects.create(
        deliverable=deliverable,
        field="due_session",
        old_value="HRC 66",
        new_value="HRC 67",
        source="A_HRC_RES_59_3_rev.txt",
        resolved=True,
    )
    page = admin_client.get(reverse("admin:mandates_proposedchange_changelist")).content.decode()
    symbol = deliverable.mandate.resolution.symbol
    assert f"{symbol} para. {deliverable.mandate.paragraph_label}: A very long title" in page
    assert "A very long title " * 3 not in page
    assert "Value when proposed" in page and "Current value" not in page


def _waiting(deliverable, *proposals: tuple[str, str, str]) -> list[ProposedChange]:
    return [
        ProposedChange.objects.create(
            deliverable=deliverable, field=field, old_value=old, new_value=new, source="A/RES/81/1"
        )
        for field, old, new in proposals
    ]


@pytest.mark.parametrize(
    "field, old, new",
    [
        ("due_session_number", "82", "84"),
        ("due_body", "GA", "HRC"),
        ("due_session_number", "82", "-"),
    ],
)
def test_a_body_or_number_that_is_not_the_due_sessions_is_not_accepted(
    admin_client, field, old, new
):
    """A session number (or body) proposed apart from its session, as drafts carried over
    before (and older versions proposed): accepted alone it left a deliverable due at GA 82
    saying 84, its date computed from GA 82. It is refused with what to do, nothing
    changed; accepted with its session, both are settled."""
    ga = body("GA")
    ga82 = session_get_or_estimate(body=ga, number=82)
    deliverable = DeliverableFactory(due_session=ga82, due_body=ga, due_session_number=82)
    before = deliverable.due_date
    alone, session = _waiting(deliverable, (field, old, new), ("due_session", "GA 82", "GA 84"))

    response = admin_client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "accept", "_selected_action": [alone.pk]},
        follow=True,
    )

    shown = [str(message) for message in response.context["messages"]]
    label = alone.field_label
    assert shown == [
        f"Not accepted: “{label}” {new} for {ProposedChangeAdmin.deliverable_shown(None, alone)} "
        "is not its due session's (GA 82), which dates it. Accept the proposed due session "
        "instead (it carries its body and number), or correct the due session on the "
        "deliverable; then dismiss this proposed change."
    ]
    deliverable.refresh_from_db()
    assert (deliverable.due_session, deliverable.due_body, deliverable.due_session_number) == (
        ga82,
        ga,
        82,
    )
    assert deliverable.due_date == before and not deliverable.edited_fields
    alone.refresh_from_db()
    assert not alone.resolved

    response = admin_client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "accept", "_selected_action": [alone.pk, session.pk]},
        follow=True,
    )
    deliverable.refresh_from_db()
    assert (str(deliverable.due_session), deliverable.due_session_number) == ("GA 84", 84)
    assert not ProposedChange.objects.filter(resolved=False).exists()


def test_a_number_that_is_the_due_sessions_is_accepted(admin_client):
    """A number as read that agrees with the session dating the deliverable is accepted."""
    ga = body("GA")
    ga84 = session_get_or_estimate(body=ga, number=84)
    deliverable = DeliverableFactory(due_session=ga84, due_body=ga, due_session_number=82)
    [change] = _waiting(deliverable, ("due_session_number", "82", "84"))
    response = admin_client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "accept", "_selected_action": [change.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["1 change(s) accepted."]
    deliverable.refresh_from_db()
    assert deliverable.due_session_number == 84


def _accept(client, *changes: ProposedChange):
    return client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "accept", "_selected_action": [change.pk for change in changes]},
        follow=True,
    )


@pytest.mark.parametrize(
    "field, value, why",
    [
        (
            "special_session",
            "S41",
            'A special session is written "S-41" (emergency special: "ES-11").',
        ),
        ("number", "9" * 33, "Ensure this value has at most 32 characters (it has 33)."),
        ("agenda_item", "x" * 65, "Ensure this value has at most 64 characters (it has 65)."),
    ],
)
def test_a_resolution_value_the_resolution_refuses_is_not_accepted(admin_client, field, value, why):
    """QA: a resolution's proposal whose value a person made invalid ("S41", breaking the
    special session's CHECK constraint) gave an error page, after the deliverables'
    proposals selected with it were saved. It is refused as the resolution's form says
    it, and the rest of the selection is accepted."""
    deliverable = DeliverableFactory()
    resolution = deliverable.mandate.resolution
    [of_deliverable] = _waiting(deliverable, ("title", deliverable.title, "New title"))
    of_resolution = ProposedChange.objects.create(
        resolution=resolution, field=field, old_value="-", new_value=value, source="v2.txt"
    )

    response = _accept(admin_client, of_deliverable, of_resolution)

    shown = [str(message) for message in response.context["messages"]]
    label = of_resolution.field_label
    assert shown == [
        f"Not accepted: “{label}” {value} for {resolution.symbol}: {why} Correct the proposed "
        "value, or set it on the resolution's own page and dismiss this proposed change.",
        "1 change(s) accepted.",
    ]
    of_resolution.refresh_from_db()
    resolution.refresh_from_db()
    assert not of_resolution.resolved and getattr(resolution, field) != value
    deliverable.refresh_from_db()
    assert deliverable.title == "New title"


def test_accept_saves_nothing_when_it_fails_midway(admin_client, monkeypatch):
    """The deliverables' proposals and the resolutions' are accepted in one transaction:
    an unexpected error in the second leaves the first unsaved too, not half the
    selection accepted behind an error page."""
    deliverable = DeliverableFactory()
    title = deliverable.title
    [change] = _waiting(deliverable, ("title", title, "New title"))

    def broken(**kwargs):
        raise RuntimeError("unexpected")

    monkeypatch.setattr(resolution_services, "resolution_proposals_accept", broken)
    admin_client.raise_request_exception = False
    response = admin_client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "accept", "_selected_action": [change.pk]},
    )

    assert response.status_code == 500
    change.refresh_from_db()
    deliverable.refresh_from_db()
    assert not change.resolved and deliverable.title == title


def test_a_resolution_value_the_resolution_refuses_cannot_be_typed(admin_client):
    """The proposal's own page refuses a value "Accept" could not apply to the resolution,
    with the resolution form's words; a valid one is saved."""
    change = ProposedChange.objects.create(
        resolution=DeliverableFactory().mandate.resolution,
        field="special_session",
        old_value="-",
        new_value="S-41",
    )
    url = reverse("admin:mandates_proposedchange_change", args=[change.pk])
    data = change_form_data(admin_client.get(url))

    response = admin_client.post(url, {**data, "new_value": "S41"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["new_value"] == [
        'A special session is written "S-41" (emergency special: "ES-11").'
    ]
    change.refresh_from_db()
    assert change.new_value == "S-41"
    response = admin_client.post(url, {**data, "new_value": "ES-11"})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.new_value == "ES-11"
