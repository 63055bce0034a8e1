"""The Django admin: where OHCHR staff review and manage mandates day to day."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "default_lead_time_days"]
    search_fields = ["code", "name"]


@admin.register(models.Session)
class SessionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "body", "number", "start", "end", "main_part_end", "dates_status"]
    list_filter = ["body", "dates_status"]
    search_fields = ["body__code", "=number"]
    list_select_related = ["body"]
    date_hierarchy = "start"


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
    list_display = ["name", "kind", "focal_point"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias"]
    autocomplete_fields = ["contacts", "focal_point"]
    inlines = [ActorAliasInline]


@admin.register(models.ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "actor"]
    search_fields = ["alias", "actor__name"]
    autocomplete_fields = ["actor"]


class DeliverableInline(admin.StackedInline):
    model = models.Deliverable
    extra = 0
    fields = ["kind", "count", "title", "due_session", "due_relation", "due_date", "progress"]
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


@admin.register(models.Deliverable)
class DeliverableAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "kind",
        "actor",
        "due_session",
        "due_relation",
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
    readonly_fields = ["uid", "sequence", "computed_due_date", "created_at", "updated_at"]

    @admin.display(description=_("actor"), ordering="mandate__actor__name")
    def actor(self, obj: models.Deliverable):
        return obj.mandate.actor or obj.mandate.actor_text


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
    list_display = ["body", "kind", "relation", "anchor", "lead_time_days", "note"]
    list_filter = ["body", "kind", "relation"]
    search_fields = ["note"]


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


@admin.register(models.FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "label", "created_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["user__username", "label"]
    autocomplete_fields = ["user"]
    readonly_fields = ["token", "created_at"]
