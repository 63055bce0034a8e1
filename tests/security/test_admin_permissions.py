"""The admin: viewers only look, and a secret link or key is shown to its owner only."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.authtoken.models import Token

from mandates.models import FeedToken, Session
from mandates.services.feeds import webcal_url

pytestmark = pytest.mark.django_db

TOKENS = reverse("admin:mandates_feedtoken_changelist")
SESSIONS = reverse("admin:mandates_session_changelist")


def action_names(client, url) -> set[str]:
    """The actions the changelist offers this person (none: no action form at all)."""
    form = client.get(url).context["action_form"]
    return {name for name, _ in form.fields["action"].choices if name} if form else set()


def someone_else() -> FeedToken:
    user = get_user_model().objects.create_user("holder", "holder@example.org")
    return FeedToken.objects.create(user=user, label="phone")


def test_viewers_cannot_revoke_rotate_or_announce(viewer_client):
    """The read-only group is offered no changing action, and posting one changes nothing."""
    token = someone_else()
    session = Session.objects.filter(dates_status=Session.DatesStatus.ESTIMATED).first()
    assert action_names(viewer_client, TOKENS).isdisjoint({"revoke", "rotate"})
    assert "mark_announced" not in action_names(viewer_client, SESSIONS)

    for action in ("revoke", "rotate"):
        viewer_client.post(TOKENS, {"action": action, "_selected_action": [token.pk]})
    viewer_client.post(SESSIONS, {"action": "mark_announced", "_selected_action": [session.pk]})
    token.refresh_from_db()
    session.refresh_from_db()
    assert token.is_active and FeedToken.objects.count() == 1
    assert session.dates_status == Session.DatesStatus.ESTIMATED


def test_editors_still_revoke_tokens(editor_client):
    """Editors (change permission) keep the revoke action."""
    token = someone_else()
    editor_client.post(TOKENS, {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert not token.is_active


@pytest.mark.parametrize("role", ["viewer_client", "editor_client", "superuser_client"])
def test_only_the_owner_sees_a_private_feed_link(request, role):
    """Nobody but its owner sees a private feed's secret, in the list or on its page."""
    client = request.getfixturevalue(role)
    token = someone_else()
    own = FeedToken.objects.create(user=client.user, label="mine")
    listing = client.get(TOKENS).content.decode()
    detail = client.get(reverse("admin:mandates_feedtoken_change", args=[token.pk]))
    assert token.token not in listing
    assert token.token not in detail.content.decode()
    assert webcal_url(reverse("mandates:feed_private", args=[own.token])) in listing


def test_editors_create_feed_tokens_for_themselves_only(editor_client):
    """An editor cannot issue a private feed for someone else (and so read their link)."""
    other = get_user_model().objects.create_user("holder", "holder@example.org")
    response = editor_client.post(
        reverse("admin:mandates_feedtoken_add"), {"user": other.pk, "label": "sneaky"}
    )
    assert response.status_code == 302
    token = FeedToken.objects.get(label="sneaky")
    assert token.user == editor_client.user


def test_api_keys_are_shown_to_their_owner_only(superuser_client):
    """The API token list hides other people's keys, even from a superuser."""
    other = get_user_model().objects.create_user("service", "service@example.org")
    theirs = Token.objects.create(user=other)
    mine = Token.objects.create(user=superuser_client.user)
    listing = superuser_client.get(reverse("admin:authtoken_tokenproxy_changelist"))
    page = listing.content.decode()
    assert theirs.key not in page
    assert mine.key in page


def test_an_api_key_made_for_someone_is_on_no_page_of_another_superuser(
    superuser_client, django_user_model
):
    """One superuser adds a token for the service account and is told its key once; to a
    second superuser the token's change, history and delete pages (title, breadcrumb,
    heading) and the admin log name the owner, never the key."""
    service = django_user_model.objects.create_user("service", "service@example.org")
    added = superuser_client.post(
        reverse("admin:authtoken_tokenproxy_add"), {"user": service.pk}, follow=True
    )
    key = Token.objects.get(user=service).key
    messages = [str(message) for message in added.context["messages"]]
    assert any(f"The key of the new token is {key}" in message for message in messages)
    assert sum(key in message for message in messages) == 1  # "not shown again"

    second = django_user_model.objects.create_superuser("auditor", "auditor@example.org", "pw")
    superuser_client.force_login(second)
    for view in ("change", "history", "delete"):
        page = superuser_client.get(
            reverse(f"admin:authtoken_tokenproxy_{view}", args=[service.pk])
        )
        assert page.status_code == 200
        assert key not in page.content.decode(), view
        assert "API key of service, created " in page.content.decode(), view
    logged = LogEntry.objects.get(object_id=str(service.pk), action_flag=ADDITION)
    assert key not in logged.object_repr
    # The user's delete page lists what goes with the user, the token among it.
    for page in (
        superuser_client.get(reverse("admin:auth_user_delete", args=[service.pk])),
        superuser_client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "delete_selected", "_selected_action": [service.pk]},
        ),
    ):
        assert page.status_code == 200
        assert key not in page.content.decode()
        assert "API key of service, created " in page.content.decode()


def test_viewers_are_offered_no_changing_action_anywhere(viewer_client):
    """Across every admin page the read-only group may open, the only actions offered are
    the exports: any new action that changes data must ask for the change permission."""
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = viewer_client.user
    offered = {
        f"{model._meta.model_name}.{name}"
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_view_permission(request)
        for name in model_admin.get_actions(request)
    }
    assert offered, "viewers see some admin pages"
    assert {name.split(".")[1] for name in offered} <= {"export_csv", "export_xlsx"}, offered


@pytest.mark.parametrize("role", ["viewer_client", "editor_client"])
def test_editors_and_viewers_see_removed_session_parts_as_session_parts(request, role):
    """QA: an editor got 403 on the removed session parts list (no group was granted the
    new model) while the session parts list showed."""
    client = request.getfixturevalue(role)
    for name in ("sessionpart", "removedsessionpart"):
        assert client.get(reverse(f"admin:mandates_{name}_changelist")).status_code == 200
