"""The calendar: bodies, sessions and the due-date rules that turn sessions into dates."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import models
from ..services import schedule
from .common import HistoryAdmin, calendar_links, report_recomputed


@admin.register(models.Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "default_lead_time_days", "calendar"]
    search_fields = ["code", "name"]

    @admin.display(description=_("calendar"))
    def calendar(self, obj: models.Body):
        return calendar_links(reverse("mandates:feed_body", args=[obj.code]))

    def save_model(self, request, obj, form, change):
        """A new default lead time dates again what the body's rules leave to it (it had
        changed the explanations only, not the stored dates)."""
        super().save_model(request, obj, form, change)
        if change and "default_lead_time_days" in form.changed_data:
            report_recomputed(
                self, request, schedule.deliverables_recompute_for_body(body_id=obj.pk)
            )


@admin.register(models.Session)
class SessionAdmin(HistoryAdmin):
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
    readonly_fields = ["sequence", "calendar", "session_calendar"]
    actions = ["mark_announced"]

    @admin.action(description=_("Mark the dates as announced (confirmed)"), permissions=["change"])
    def mark_announced(self, request, queryset):
        count = 0
        for session in queryset.exclude(dates_status=models.Session.DatesStatus.ANNOUNCED):
            count += schedule.session_reschedule(
                session=session,
                start=session.start,
                end=session.end,
                dates_status=models.Session.DatesStatus.ANNOUNCED,
            )
        self.message_user(
            request,
            _("Dates marked as announced; %(count)d due dates changed.") % {"count": count},
            messages.SUCCESS,
        )

    @admin.display(description=_("deliverables due"))
    def calendar(self, obj: models.Session):
        if obj.pk is None:
            return "-"
        return calendar_links(reverse("mandates:feed_session", args=[obj.body.code, obj.number]))

    @admin.display(description=_("session calendar"))
    def session_calendar(self, obj: models.Session):
        return calendar_links(reverse("mandates:feed_sessions"))

    def save_model(self, request, obj, form, change):
        moved = {"start", "end", "dates_status", "main_part_end"} & set(form.changed_data)
        if not change or {"body", "number"} & set(form.changed_data):
            super().save_model(request, obj, form, change)
            linked = schedule.session_link_waiting_deliverables(session=obj)
            if linked:
                self.message_user(
                    request,
                    _("%(count)d deliverables read as due at %(session)s now have its dates.")
                    % {"count": linked, "session": obj},
                    messages.SUCCESS,
                )
            return
        if not moved:
            super().save_model(request, obj, form, change)
            return
        count = schedule.session_reschedule(
            session=obj, start=obj.start, end=obj.end, dates_status=obj.dates_status
        )
        report_recomputed(self, request, count)


@admin.register(models.DueDateRule)
class DueDateRuleAdmin(admin.ModelAdmin):
    """Saving or deleting a rule recomputes the due dates of the body's deliverables."""

    list_display = ["body", "kind", "relation", "anchor", "lead_time_days", "note"]
    list_filter = ["body", "kind", "relation"]
    search_fields = ["note"]

    def save_model(self, request, obj, form, change):
        previous_body_id = form.initial.get("body") if change else None
        super().save_model(request, obj, form, change)
        count = schedule.deliverables_recompute_for_rule(rule=obj)
        if previous_body_id and previous_body_id != obj.body_id:
            count += schedule.deliverables_recompute_for_body(body_id=previous_body_id)
        report_recomputed(self, request, count)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        report_recomputed(
            self, request, schedule.deliverables_recompute_for_body(body_id=obj.body_id)
        )

    def delete_queryset(self, request, queryset):
        body_ids = set(queryset.values_list("body_id", flat=True))
        super().delete_queryset(request, queryset)
        count = sum(schedule.deliverables_recompute_for_body(body_id=b) for b in body_ids)
        report_recomputed(self, request, count)
