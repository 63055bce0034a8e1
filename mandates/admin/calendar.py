"""The calendar: bodies, sessions and the due-date rules that turn sessions into dates."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

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


class SessionPartInline(admin.TabularInline):
    """A session's resumed parts and organizational meetings, each known by its opening
    day; saving them recomputes the session's due dates (a resumed part dates what a text
    adopted while the session was under way asks for it)."""

    model = models.SessionPart
    fields = ["kind", "start", "end", "dates_status", "status", "source", "sequence"]
    readonly_fields = ["sequence"]
    extra = 0


@admin.register(models.Session)
class SessionAdmin(HistoryAdmin):
    """Staff confirm, move, cancel or postpone sessions here and record their resumed
    parts; saving new dates recomputes the due dates, cancelling or postponing flags the
    session's open deliverables for review."""

    list_display = [
        "__str__",
        "body",
        "number",
        "start",
        "end",
        "main_part_end",
        "dates_status",
        "status",
        "calendar",
    ]
    # the page's order (the fields of `SessionDates` would otherwise come first)
    fields = [
        "body",
        "number",
        "start",
        "end",
        "main_part_end",
        "dates_status",
        "status",
        "source",
        "sequence",
        "calendar",
        "session_calendar",
    ]
    list_filter = ["body", "dates_status", "status"]
    inlines = [SessionPartInline]
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
        changed = set(form.changed_data)
        moved = {"start", "end", "dates_status", "main_part_end", "status"} & changed
        if not change or {"body", "number"} & changed:
            super().save_model(request, obj, form, change)
            if change:  # its deliverables' events name it ("due for HRC 65")
                schedule.session_deliverables_touch(session=obj)
            linked = schedule.session_link_waiting_deliverables(session=obj)
            if linked:
                self.message_user(
                    request,
                    _("%(count)d deliverables read as due at %(session)s now have its dates.")
                    % {"count": linked, "session": obj},
                    messages.SUCCESS,
                )
            if change and "status" in changed:
                self._status_changed(request, obj, form.initial["status"])
            elif not change and obj.called_off:
                self._report_called_off(request, obj, None)
            return
        if not moved:
            super().save_model(request, obj, form, change)
            return
        count = schedule.session_reschedule(
            session=obj, start=obj.start, end=obj.end, dates_status=obj.dates_status
        )
        report_recomputed(self, request, count)
        if "status" in changed:
            self._status_changed(request, obj, form.initial["status"])

    def _status_changed(self, request, obj: models.Session, former: str) -> None:
        flags = schedule.session_status_changed(session=obj, former=former)
        self._report_called_off(request, obj, flags)

    def _report_called_off(
        self, request, obj: models.Session, flags: schedule.StatusFlagged | None
    ) -> None:
        """Say what a session cancelled, postponed or scheduled again means for its work."""
        if not obj.called_off:
            self.message_user(
                request,
                _("%(session)s is scheduled again.") % {"session": obj},
                messages.INFO,
            )
            return
        if flags is None:
            reason = schedule.due_session_status_reason(session=obj)
            flags = schedule.StatusFlagged(
                deliverables=sum(
                    reason in reasons
                    for reasons in models.Deliverable.objects.filter(due_session=obj).values_list(
                        "review_reasons", flat=True
                    )
                )
            )
        flagged = flags.deliverables
        self.message_user(
            request,
            ngettext(
                "%(session)s is %(status)s: %(count)d open deliverable due at it is flagged"
                " for review, its due date kept until someone decides.",
                "%(session)s is %(status)s: %(count)d open deliverables due at it are flagged"
                " for review, their due dates kept until someone decides.",
                flagged,
            )
            % {"session": obj, "status": obj.get_status_display(), "count": flagged},
            messages.WARNING,
        )
        if flags.considerations:
            self.message_user(
                request,
                ngettext(
                    "%(count)d consideration of a question at %(session)s is flagged for"
                    " review: choose another session, or keep it and clear the flag.",
                    "%(count)d considerations of a question at %(session)s are flagged for"
                    " review: choose another session, or keep them and clear the flag.",
                    flags.considerations,
                )
                % {"session": obj, "count": flags.considerations},
                messages.WARNING,
            )

    def save_formset(self, request, form, formset, change):
        """The session's parts, each stored by `schedule.session_part_store` (its calendar
        SEQUENCE), then the session's due dates recomputed once."""
        if formset.model is not models.SessionPart:
            super().save_formset(request, form, formset, change)
            return
        parts = formset.save(commit=False)
        for part in formset.deleted_objects:
            part.delete()
        written = [part for part in parts if schedule.session_part_store(part=part)]
        if written or formset.deleted_objects:
            count = schedule.session_parts_recompute(session=form.instance)
            if count:
                report_recomputed(self, request, count)


@admin.register(models.SessionPart)
class SessionPartAdmin(HistoryAdmin):
    """Every session's resumed parts and organizational meetings (also on each session's
    page); saving or deleting one recomputes its session's due dates."""

    list_display = ["__str__", "session", "kind", "start", "end", "dates_status", "status"]
    # the page's order (the fields of `SessionDates` would otherwise come first)
    fields = ["session", "kind", "start", "end", "dates_status", "status", "source", "sequence"]
    list_filter = ["kind", "status", "session__body"]
    search_fields = ["session__body__code", "=session__number"]
    list_select_related = ["session__body"]
    autocomplete_fields = ["session"]
    readonly_fields = ["sequence"]

    def save_model(self, request, obj, form, change):
        if schedule.session_part_store(part=obj):
            report_recomputed(self, request, schedule.session_parts_recompute(session=obj.session))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        report_recomputed(self, request, schedule.session_parts_recompute(session=obj.session))

    def delete_queryset(self, request, queryset):
        sessions = {part.session_id: part.session for part in queryset.select_related("session")}
        super().delete_queryset(request, queryset)
        count = sum(schedule.session_parts_recompute(session=s) for s in sessions.values())
        report_recomputed(self, request, count)


@admin.register(models.RemovedSessionPart)
class RemovedSessionPartAdmin(admin.ModelAdmin):
    """Deleted session parts the session calendar still shows, cancelled, for
    `feeds.CANCELLED_KEPT_DAYS` (read-only: deleting one would bring back the ghost in
    subscribed calendars)."""

    list_display = ["__str__", "session", "kind", "start", "end", "sequence", "removed_at"]
    list_filter = ["kind", "session__body"]
    list_select_related = ["session__body"]
    date_hierarchy = "removed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
