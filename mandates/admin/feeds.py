"""Calendar feeds and API access: private feed tokens, DRF tokens, what each feed served."""

from django.contrib import admin, messages
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import Token, TokenProxy

from .. import models
from ..services import feeds
from .common import calendar_links


class FeedTokenActiveFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("active", _("active")), ("revoked", _("revoked"))]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.filter(revoked_at=None)
        if self.value() == "revoked":
            return queryset.exclude(revoked_at=None)
        return queryset


class OwnerKnown:
    """Each row knows whether the person looking owns it (`viewer_owns`): secrets (feed
    links, API keys) are shown to their owner only, not to staff, not to superusers."""

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                viewer_owns=ExpressionWrapper(
                    Q(user_id=request.user.pk), output_field=BooleanField()
                )
            )
        )


@admin.register(models.FeedToken)
class FeedTokenAdmin(OwnerKnown, admin.ModelAdmin):
    """Private calendar URLs: revoke one that leaked, or rotate it (revoke + issue anew)."""

    list_display = ["user", "label", "created_at", "revoked_at", "calendar"]
    list_filter = [FeedTokenActiveFilter]
    search_fields = ["user__username", "label"]
    autocomplete_fields = ["user"]
    readonly_fields = ["calendar", "created_at", "revoked_at"]
    fields = ["user", "label", "calendar", "created_at", "revoked_at"]
    actions = ["revoke", "rotate"]

    def get_readonly_fields(self, request, obj=None):
        # A token belongs to one person for good: whose it is cannot change, and only a
        # superuser creates tokens for someone else (the owner then sees the link on
        # /calendars/); everyone else creates their own.
        if obj is not None or not request.user.is_superuser:
            return ["user", *self.readonly_fields]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change and not request.user.is_superuser:
            obj.user = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("private calendar"))
    def calendar(self, obj: models.FeedToken):
        if obj.pk is None:
            return _("The secret link appears once the token is saved.")
        if not obj.is_active:
            return _("revoked")
        if not getattr(obj, "viewer_owns", False):
            return _("only its owner sees the link")
        return calendar_links(reverse("mandates:feed_private", args=[obj.token]))

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        tokens = list(queryset.filter(revoked_at=None))
        for token in tokens:
            feeds.feed_token_revoke(feed_token=token)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens))
            % {"count": len(tokens)},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Rotate the selected tokens (revoke and issue new links)"),
        permissions=["change"],
    )
    def rotate(self, request, queryset):
        tokens = list(queryset.filter(revoked_at=None).select_related("user"))
        for token in tokens:
            feeds.feed_token_rotate(feed_token=token)
        self.message_user(
            request,
            ngettext(
                "%(count)d token rotated; the old link no longer works.",
                "%(count)d tokens rotated; the old links no longer work.",
                len(tokens),
            )
            % {"count": len(tokens)},
            messages.SUCCESS,
        )


# --- API tokens (Django REST framework) ---------------------------------------------------
admin.site.unregister(TokenProxy)


def api_token_name(token: Token) -> str:
    """What the admin calls an API token: its owner and day, never the key (only its owner
    sees that, in the list)."""
    created = f", created {localdate(token.created):%Y-%m-%d}" if token.created else ""
    return f"API key of {token.user}{created}"


# DRF names a token by its key, which Django's admin prints in each page's title,
# breadcrumb and heading, its messages, the admin log, and the list of what a user's
# delete takes along (Token there, TokenProxy on the token's own pages).
Token.__str__ = api_token_name  # type: ignore[method-assign,assignment]
TokenProxy.__str__ = api_token_name  # type: ignore[method-assign,assignment]


@admin.register(TokenProxy)
class ApiTokenAdmin(OwnerKnown, TokenAdmin):
    """DRF's token admin, but a key is shown to its owner only; whoever creates a token
    for someone else sees the key once, in the confirmation message, to hand it over."""

    list_display = ("key_for_owner", "user", "created")

    @admin.display(description=_("key"))
    def key_for_owner(self, obj: TokenProxy) -> str:
        return obj.key if getattr(obj, "viewer_owns", False) else f"{obj.key[:4]}…"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            self.message_user(
                request,
                _("The key of the new token is %(key)s: hand it over now, it is not shown again.")
                % {"key": obj.key},
                messages.WARNING,
            )


@admin.register(models.FeedState)
class FeedStateAdmin(admin.ModelAdmin):
    """What each feed last served (read-only: the feeds keep it themselves)."""

    list_display = ["key", "etag", "last_modified"]
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
