"""The Django admin: where OHCHR staff review and manage mandates day to day."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import models
from .services import feeds, schedule


def calendar_links(path: str, label: str = "") -> str:
    """A webcal:// subscribe link and the plain https link of a feed, for admin pages."""
    return format_html(
        '<a href="{}" title="{}">{}</a> (<a href="{}">{}</a>)',
        feeds.webcal_url(path),
        _(
            "Calendar apps refresh on their own schedule (Google Calendar every 12-24 "
            "hours); e-mail reminders remain the authority."
        ),
        label or _("subscribe"),
        path,
        _(".ics"),
    )


@admin.register(models.Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "default_lead_time_days", "calendar"]
    search_fields = ["code", "name"]

    @admin.display(description=_("calendar"))
    def calendar(self, obj: models.Body):
        return calendar_links(reverse("mandates:feed_body", args=[obj.code]))


@admin.register(models.Session)
class SessionAdmin(SimpleHistoryAdmin):
    """Staff confirm or move sessions here; saving new dates recomputes the due dates."""

    list_display = [
        "__str__",
        "body",
        "number",
        "start",
        "end",
        "main_part_end",
        "dates_status",
        "calendar",
    ]
    list_filter = ["body", "dates_status"]
    search_fields = ["body__code", "=number"]
    list_select_related = ["body"]
    date_hierarchy = "start"
    readonly_fields = ["calendar", "session_calendar"]

    @admin.display(description=_("deliverables due"))
    def calendar(self, obj: models.Session):
        if obj.pk is None:
            return "-"
        return calendar_links(reverse("mandates:feed_session", args=[obj.body.code, obj.number]))

    @admin.display(description=_("session calendar"))
    def session_calendar(self, obj: models.Session):
        return calendar_links(reverse("mandates:feed_sessions"))

    def save_model(self, request, obj, form, change):
        moved = {"start", "end", "dates_status"} & set(form.changed_data)
        if not (change and moved):
            super().save_model(request, obj, form, change)
            return
        count = schedule.session_reschedule(
            session=obj, start=obj.start, end=obj.end, dates_status=obj.dates_status
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d deliverable has a new due date.",
                "%(count)d deliverables have new due dates.",
                count,
            )
            % {"count": count},
            messages.INFO,
        )


class ParagraphInline(admin.TabularInline):
    model = models.Paragraph
    extra = 0
    fields = ["position", "part", "number", "verb", "text"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(models.Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = ["symbol", "title", "body", "session", "adopted_on", "extractor_version"]
    list_filter = ["body", "session"]
    search_fields = ["symbol", "title", "text"]
    list_select_related = ["body", "session__body"]
    date_hierarchy = "adopted_on"
    autocomplete_fields = ["session"]
    readonly_fields = ["checksum", "extractor_version", "created_at", "updated_at"]
    inlines = [ParagraphInline]


@admin.register(models.Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "part", "number", "verb"]
    list_filter = ["part"]
    search_fields = ["resolution__symbol", "text"]
    list_select_related = ["resolution"]
    autocomplete_fields = ["resolution"]


@admin.register(models.Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "user", "is_unit", "delivery", "is_active"]
    list_filter = ["is_unit", "delivery", "is_active"]
    search_fields = ["name", "email", "user__username"]
    autocomplete_fields = ["user"]


class ActorAliasInline(admin.TabularInline):
    model = models.ActorAlias
    extra = 1


@admin.register(models.Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "focal_point", "calendar"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias"]
    autocomplete_fields = ["contacts", "focal_point"]
    inlines = [ActorAliasInline]

    @admin.display(description=_("calendar"))
    def calendar(self, obj: models.Actor):
        return calendar_links(reverse("mandates:feed_actor", args=[obj.pk]))


@admin.register(models.ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "actor"]
    search_fields = ["alias", "actor__name"]
    autocomplete_fields = ["actor"]


class DeliverableInline(admin.StackedInline):
    model = models.Deliverable
    extra = 0
    fields = [
        "kind",
        "count",
        "title",
        "due_session",
        "due_relation",
        "manual_due_date",
        "computed_due_date",
        "due_date",
        "progress",
    ]
    readonly_fields = ["computed_due_date", "due_date"]
    autocomplete_fields = ["due_session"]
    show_change_link = True


@admin.register(models.Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "resolution",
        "paragraph_label",
        "actor",
        "review_status",
        "needs_review",
    ]
    list_filter = ["review_status", "needs_review", "resolution__body", "actor"]
    search_fields = ["resolution__symbol", "quote", "actor__name", "actor_text"]
    list_select_related = ["resolution", "actor"]
    autocomplete_fields = ["resolution", "paragraph", "actor", "partners"]
    inlines = [DeliverableInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schedule.mandate_deliverables_sync(mandate_id=form.instance.pk)


@admin.register(models.Deliverable)
class DeliverableAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "kind",
        "actor",
        "due_session",
        "due_relation",
        "computed_due_date",
        "due_date",
        "review_status",
        "progress",
        "needs_review",
    ]
    list_filter = [
        "review_status",
        "progress",
        "needs_review",
        "kind",
        "mandate__resolution__body",
        "due_session",
    ]
    search_fields = ["title", "quote", "mandate__resolution__symbol", "mandate__resolution__title"]
    list_select_related = ["mandate__actor", "mandate__resolution", "due_session__body"]
    autocomplete_fields = [
        "mandate",
        "due_session",
        "predecessor",
        "assignees",
        "reminder_opt_outs",
    ]
    date_hierarchy = "due_date"
    readonly_fields = [
        "uid",
        "sequence",
        "computed_due_date",
        "due_date",
        "calendar",
        "created_at",
        "updated_at",
    ]

    @admin.display(description=_("actor"), ordering="mandate__actor__name")
    def actor(self, obj: models.Deliverable):
        return obj.mandate.actor or obj.mandate.actor_text

    @admin.display(description=_("calendar file"))
    def calendar(self, obj: models.Deliverable):
        if obj.pk is None or obj.due_date is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', reverse("mandates:deliverable_ics", args=[obj.uid]), _(".ics")
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schedule.deliverable_calendar_sync(
            deliverable=form.instance, changed_fields=form.changed_data
        )


@admin.register(models.ProposedChange)
class ProposedChangeAdmin(admin.ModelAdmin):
    list_display = [
        "deliverable",
        "field",
        "old_value",
        "new_value",
        "source",
        "created_at",
        "resolved",
    ]
    list_filter = ["resolved", "field"]
    search_fields = ["deliverable__title", "source"]
    autocomplete_fields = ["deliverable"]


@admin.register(models.Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["deliverable", "author", "created_at", "text"]
    search_fields = ["text", "deliverable__title"]
    autocomplete_fields = ["deliverable", "author"]


@admin.register(models.DueDateRule)
class DueDateRuleAdmin(admin.ModelAdmin):
    """Saving or deleting a rule recomputes the due dates of the body's deliverables."""

    list_display = ["body", "kind", "relation", "anchor", "lead_time_days", "note"]
    list_filter = ["body", "kind", "relation"]
    search_fields = ["note"]

    def _recomputed(self, request, count: int) -> None:
        self.message_user(
            request,
            ngettext(
                "%(count)d deliverable has a new due date.",
                "%(count)d deliverables have new due dates.",
                count,
            )
            % {"count": count},
            messages.INFO,
        )

    def save_model(self, request, obj, form, change):
        previous_body_id = form.initial.get("body") if change else None
        super().save_model(request, obj, form, change)
        count = schedule.deliverables_recompute_for_rule(rule=obj)
        if previous_body_id and previous_body_id != obj.body_id:
            count += schedule.deliverables_recompute_for_body(body_id=previous_body_id)
        self._recomputed(request, count)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._recomputed(request, schedule.deliverables_recompute_for_body(body_id=obj.body_id))

    def delete_queryset(self, request, queryset):
        body_ids = set(queryset.values_list("body_id", flat=True))
        super().delete_queryset(request, queryset)
        count = sum(schedule.deliverables_recompute_for_body(body_id=b) for b in body_ids)
        self._recomputed(request, count)


@admin.register(models.ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ["days_before_due", "is_active"]
    list_editable = ["is_active"]


@admin.register(models.ReminderPolicy)
class ReminderPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "overdue_every_days",
        "escalate_after_days_overdue",
        "digest_horizon_days",
    ]


@admin.register(models.ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = [
        "deliverable",
        "recipient",
        "reminder",
        "due_date",
        "status",
        "attempts",
        "queued_at",
        "sent_at",
        "short_error",
    ]
    list_filter = ["status", "reminder"]
    search_fields = ["recipient__email", "deliverable__title"]
    list_select_related = ["deliverable", "recipient"]
    autocomplete_fields = ["deliverable", "recipient"]
    date_hierarchy = "due_date"
    readonly_fields = ["decided_at", "queued_at", "claimed_at", "sent_at", "attempts"]
    actions = ["retry"]

    @admin.display(description=_("last error"))
    def short_error(self, obj: models.ReminderLog) -> str:
        return obj.last_error[:80]

    @admin.action(description=_("Retry the selected failed reminders"), permissions=["change"])
    def retry(self, request, queryset):
        from .services.reminders import reminder_retry

        count = reminder_retry(reminder_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            _("%(count)d failed reminder(s) queued again.") % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )


@admin.register(models.DigestLog)
class DigestLogAdmin(admin.ModelAdmin):
    list_display = [
        "week",
        "recipient",
        "item_count",
        "status",
        "attempts",
        "sent_at",
        "last_error",
    ]
    list_filter = ["status", "week"]
    search_fields = ["recipient__email", "recipient__name"]
    list_select_related = ["recipient"]
    autocomplete_fields = ["recipient"]
    readonly_fields = ["decided_at", "queued_at", "claimed_at", "sent_at", "attempts"]
    actions = ["retry"]

    @admin.action(description=_("Retry the selected failed digests"), permissions=["change"])
    def retry(self, request, queryset):
        from .services.reminders import digest_retry

        count = digest_retry(digest_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            _("%(count)d failed digest(s) queued again.") % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )


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


@admin.register(models.FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    """Private calendar URLs: revoke one that leaked, or rotate it (revoke + issue anew)."""

    list_display = ["user", "label", "created_at", "revoked_at", "calendar"]
    list_filter = [FeedTokenActiveFilter]
    search_fields = ["user__username", "label"]
    autocomplete_fields = ["user"]
    readonly_fields = ["calendar", "created_at", "revoked_at"]
    fields = ["user", "label", "calendar", "created_at", "revoked_at"]
    actions = ["revoke", "rotate"]

    @admin.display(description=_("private calendar"))
    def calendar(self, obj: models.FeedToken):
        if obj.pk is None:
            return _("The secret link appears once the token is saved.")
        if not obj.is_active:
            return _("revoked")
        return calendar_links(reverse("mandates:feed_private", args=[obj.token]))

    @admin.action(description=_("Revoke the selected tokens"))
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

    @admin.action(description=_("Rotate the selected tokens (revoke and issue new links)"))
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
