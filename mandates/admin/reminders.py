"""Reminder rules and policy, and the logs of reminders and digests sent (with retry)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import models
from ..services.outgoing import BrokerUnavailable, outgoing_retry, outgoing_retry_refused
from .common import DELIVERABLE_NAMED_COLUMNS, DELIVERABLE_NAMED_RELATIONS, ListedColumns


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
        "historic_after_days_overdue",
    ]

    # One row, which every run reads: a second one would be ignored without a word.
    def has_add_permission(self, request):
        return not models.ReminderPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


class OutgoingMailAdmin(admin.ModelAdmin):
    """What the reminder and digest logs share: the timings read-only, and one retry."""

    readonly_fields = ["decided_at", "queued_at", "claimed_at", "sent_at", "attempts"]
    actions = ["retry"]
    retried = _("%(count)d failed e-mail(s) queued again.")

    @admin.action(description=_("Retry the selected failed e-mails"), permissions=["change"])
    def retry(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        try:
            count = outgoing_retry(model=self.model, ids=ids)
        except BrokerUnavailable as error:
            self.message_user(request, _("Nothing queued: %s") % error, messages.ERROR)
            return
        self.message_user(
            request,
            self.retried % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
        refused = outgoing_retry_refused(model=self.model, ids=ids)
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail stays failed: the mail server refused its recipient's "
                    "address for good. Correct the address in Contacts first.",
                    "%(count)d e-mails stay failed: the mail server refused their "
                    "recipients' addresses for good. Correct the addresses in Contacts first.",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )


@admin.register(models.ReminderLog)
class ReminderLogAdmin(ListedColumns, OutgoingMailAdmin):
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
    list_select_related = [*DELIVERABLE_NAMED_RELATIONS, "recipient"]
    list_columns = (
        *DELIVERABLE_NAMED_COLUMNS,
        "recipient__name",
        "recipient__email",
        "reminder",
        "due_date",
        "status",
        "attempts",
        "queued_at",
        "sent_at",
        "last_error",
    )
    autocomplete_fields = ["deliverable", "recipient"]
    date_hierarchy = "due_date"
    retried = _("%(count)d failed reminder(s) queued again.")

    @admin.display(description=_("last error"))
    def short_error(self, obj: models.ReminderLog) -> str:
        return obj.last_error[:80]


@admin.register(models.DigestLog)
class DigestLogAdmin(OutgoingMailAdmin):
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
    retried = _("%(count)d failed digest(s) queued again.")
