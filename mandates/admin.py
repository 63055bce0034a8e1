"""The Django admin: where OHCHR staff review and manage mandates day to day."""

from datetime import date, timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rest_framework.authtoken.admin import TokenAdmin
from rest_framework.authtoken.models import TokenProxy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from . import models
from .exports import deliverables_csv_response, deliverables_xlsx_response
from .highlight import highlight, quote_range
from .services import deliverables as deliverable_services
from .services import feeds, schedule
from .services.deliverables import Decision, Reading
from .services.ingest import SUPPORTED_SUFFIXES, resolution_ingest


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


def _report_recomputed(model_admin: admin.ModelAdmin, request, count: int) -> None:
    """Tell the person how many due dates their change moved."""
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d deliverable has a new due date.",
            "%(count)d deliverables have new due dates.",
            count,
        )
        % {"count": count},
        messages.INFO,
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
        _report_recomputed(self, request, count)


class SessionFilter(admin.SimpleListFilter):
    """Sessions in use, named without a query per session (the stock filter makes one each)."""

    title = _("session")
    parameter_name = "session"
    related_name = "resolutions"  # the reverse name from Session to the listed model

    def lookups(self, request, model_admin):
        sessions = (
            models.Session.objects.filter(**{f"{self.related_name}__isnull": False})
            .select_related("body")
            .distinct()
            .order_by("body__code", "number")
        )
        return [(str(session.pk), str(session)) for session in sessions]

    def queryset(self, request, queryset):
        return (
            queryset.filter(**{f"{self.parameter_name}_id": self.value()})
            if self.value()
            else queryset
        )


class DueSessionFilter(SessionFilter):
    title = _("due session")
    parameter_name = "due_session"
    related_name = "deliverables"


class ParagraphInline(admin.TabularInline):
    model = models.Paragraph
    extra = 0
    fields = ["position", "part", "number", "verb", "text"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        """Every file goes through; each one's problems are reported per file by ingest."""
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files:
            raise forms.ValidationError(_("Choose at least one file."), code="required")
        return files


class ImportForm(forms.Form):
    files = MultipleFileField(
        label=_("Resolution files"),
        help_text=_("One or several .txt, .md, .docx, .pdf or .html files."),
    )


class ConsiderationInline(admin.TabularInline):
    """When the body takes the question up again, read from the text."""

    model = models.Consideration
    extra = 0
    fields = ["paragraph_label", "session", "alternatives", "review_status", "review_reasons"]
    readonly_fields = ["paragraph_label", "alternatives", "review_reasons"]
    autocomplete_fields = ["session"]
    show_change_link = True


@admin.register(models.Resolution)
class ResolutionAdmin(SimpleHistoryAdmin):
    list_display = [
        "symbol",
        "title",
        "status",
        "body",
        "session",
        "adopted_on",
        "deliverable_count",
        "extractor_version",
    ]
    list_filter = ["status", "body", SessionFilter]
    search_fields = ["symbol", "title", "text"]
    list_select_related = ["body", "session__body"]
    date_hierarchy = "adopted_on"
    autocomplete_fields = ["session"]
    readonly_fields = [
        "status",
        "superseded_by",
        "draft_list",
        "operative_part",
        "source_file",
        "source_name",
        "checksum",
        "extractor_version",
        "warnings_list",
        "created_at",
        "updated_at",
    ]
    exclude = ["text", "extraction", "warnings"]
    change_list_template = "admin/mandates/resolution/change_list.html"
    inlines = [ConsiderationInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return (
            super()
            .get_queryset(request)
            .annotate(deliverable_total=Count("mandates__deliverables"))
        )

    @admin.display(description=_("extraction warnings"))
    def warnings_list(self, obj: models.Resolution):
        return _text_list([str(warning) for warning in obj.warnings or []])

    @admin.display(description=_("deliverables"), ordering="deliverable_total")
    def deliverable_count(self, obj):
        return obj.deliverable_total

    @admin.display(description=_("drafts"))
    def draft_list(self, obj: models.Resolution):
        """The L documents this adopted text superseded, linked."""
        drafts = obj.drafts.order_by("symbol") if obj.pk else []
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse("admin:mandates_resolution_change", args=[d.pk]), d.symbol)
                    for d in drafts
                ),
            )
            or "-"
        )

    @admin.display(description=_("operative paragraphs and their deliverables"))
    def operative_part(self, obj: models.Resolution):
        """Each operative paragraph with its evidence marked and its deliverables listed."""
        if not obj.pk:
            return "-"
        deliverables: dict[str, list[models.Deliverable]] = {}
        for item in (
            models.Deliverable.objects.filter(mandate__resolution=obj)
            .select_related("mandate__actor", "due_session__body", "due_body")
            .order_by("position")
        ):
            deliverables.setdefault(item.mandate.paragraph_label, []).append(item)
        rules_by_body: dict[int, list[models.DueDateRule]] = {}
        for rule in models.DueDateRule.objects.all():  # one read for every explanation
            rules_by_body.setdefault(rule.body_id, []).append(rule)
        blocks = []
        for paragraph in obj.paragraphs.filter(part=models.Paragraph.Part.OPERATIVE):
            items = deliverables.get(paragraph.number, [])
            ranges = []
            for item in items:
                found = quote_range(
                    paragraph.text,
                    paragraph.span_start,
                    item.quote,
                    (item.span_start, item.span_end),
                )
                if found:
                    ranges.append((*found, item.title or item.kind))
            rows = format_html_join(
                "",
                '<li><a href="{}">{}</a> &middot; {} &middot; {} &middot; {}</li>',
                (
                    (
                        reverse("admin:mandates_deliverable_change", args=[item.pk]),
                        item.title or item.get_kind_display(),
                        _actor_shown(item.mandate),
                        _due_label(
                            item,
                            rules_by_body.get(item.due_session.body_id, [])
                            if item.due_session
                            else [],
                        ),
                        item.get_review_status_display(),
                    )
                    for item in items
                ),
            )
            blocks.append(
                format_html(
                    '<div class="operative-paragraph"><p><strong>{}.</strong> {}</p>{}</div>',
                    paragraph.number,
                    highlight(paragraph.text, ranges),
                    format_html("<ul>{}</ul>", rows) if items else "",
                )
            )
        return format_html_join("", "{}", ((block,) for block in blocks)) or "-"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="mandates_resolution_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        """Upload one or several files and see per file what was created or why it failed."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        outcomes = []
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            for upload in form.cleaned_data["files"]:
                suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
                if suffix not in SUPPORTED_SUFFIXES:
                    from .services.ingest import IngestOutcome

                    outcomes.append(
                        IngestOutcome(
                            upload.name,
                            "failed",
                            reason=f"unsupported file type {suffix or '(none)'}",
                        )
                    )
                    continue
                # Someone who may not delete deliverables cannot delete them by uploading.
                may_delete = request.user.has_perm("mandates.delete_deliverable")
                outcomes.append(
                    resolution_ingest(data=upload.read(), name=upload.name, may_delete=may_delete)
                )
            failed = sum(outcome.status == "failed" for outcome in outcomes)
            level = messages.WARNING if failed else messages.SUCCESS
            self.message_user(
                request,
                _("%(done)d file(s) read, %(failed)d failed.")
                % {"done": len(outcomes) - failed, "failed": failed},
                level,
            )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import resolutions"),
            "opts": self.model._meta,
            "form": form,
            "outcomes": outcomes,
        }
        status = (
            400
            if request.method == "POST"
            and (not form.is_valid() or (outcomes and all(o.status == "failed" for o in outcomes)))
            else 200
        )
        return TemplateResponse(
            request, "admin/mandates/resolution/import.html", context, status=status
        )


def _text_list(texts: list[str]):
    """A list of sentences (review reasons, warnings) as a list people read, not JSON."""
    if not texts:
        return _("none")
    return format_html(
        "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((text,) for text in texts))
    )


def _due_label(item: models.Deliverable, rules: list | None = None) -> str:
    """ "HRC 65 (at), due 2027-04-05 (HRC 65 opens 14 Jun 2027 (estimated) - 70 days ...)";
    `rules`: the body's due-date rules, read once for a list."""
    parts = []
    if item.due_session:
        parts.append(f"{item.due_session} ({item.due_relation or 'at'})")
    elif item.due_session_not_in_calendar:
        parts.append(f"{item.due_session_as_read} ({_('not in the calendar')})")
    if item.due_date:
        why = schedule.deliverable_due_explain(deliverable=item, rules=rules)
        parts.append(f"due {item.due_date.isoformat()} ({why})")
    return ", ".join(parts) or str(_("no deadline"))


def _actor_shown(mandate: models.Mandate) -> str:
    """The Actor, else the extractor's name for an actor outside the table, else the words."""
    return str(mandate.actor or mandate.actor_name or mandate.actor_text)


def _due_explanation_html(item: models.Deliverable):
    """The explanation of the due date, its session and rule linked to their admin pages."""
    why = schedule.deliverable_due_explain(deliverable=item)
    if why.session is None:
        return str(why)
    session_link = format_html(
        '<a href="{}">{}</a>',
        reverse("admin:mandates_session_change", args=[why.session.pk]),
        why.session,
    )
    rule_url = (
        reverse("admin:mandates_duedaterule_change", args=[why.rule.pk])
        if why.rule
        else reverse("admin:mandates_body_change", args=[why.session.body_id])
    )
    calculation = format_html(
        '{} {} {} ({}) {} {} days (<a href="{}">rule: {}</a>) = {}',
        session_link,
        why.anchor,
        schedule.day_label(why.anchor_date),
        why.session.get_dates_status_display(),
        why.lead_sign,
        why.lead_days,
        rule_url,
        why.rule_label,
        schedule.day_label(why.computed_due_date),
    )
    if why.source in ("manual", "printed"):
        return format_html(
            "{} {} ({} {})",
            _("Set by hand:") if why.source == "manual" else _("Printed in the text:"),
            schedule.day_label(why.due_date),
            _("the session would give:"),
            calculation,
        )
    return calculation


class ReadableHistory(HistoricalRecordContextHelper):
    """History deltas people can read: sessions by name, readings and assignees as full
    lists, dates as dates; nothing cut off, bookkeeping fields (SEQUENCE...) left out."""

    HIDDEN_FIELDS = frozenset({"sequence", "edited_fields", "updated_at"})

    def context_for_delta_changes(self, delta):
        return [
            {
                "field": capfirst(self.model._meta.get_field(change.field).verbose_name),
                "old": self._show(change.field, change.old),
                "new": self._show(change.field, change.new),
            }
            for change in delta.changes
            if change.field not in self.HIDDEN_FIELDS
        ]

    def _show(self, name: str, value) -> str:
        field = self.model._meta.get_field(name)
        if name == "alternatives":
            readings = [
                f"{alt.get('body')} {alt.get('session')} ({alt.get('relation') or 'at'})"
                for alt in value or []
                if alt.get("session")
            ]
            return ", ".join(readings) or str(_("none"))
        if name == "review_reasons":
            return "; ".join(value or []) or str(_("none"))
        if field.many_to_many:
            reverse_name = get_m2m_reverse_field_name(field)
            names = [str(row[reverse_name]) for row in value or []]
            return ", ".join(names) or str(_("nobody"))
        if field.choices and value not in (None, ""):
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, date):
            return schedule.day_label(value)
        if value in (None, ""):
            return "—"
        return str(value)


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
        "actor_name",
        "review_status",
        "needs_review",
    ]
    list_filter = [
        "review_status",
        "needs_review",
        "resolution__body",
        ("actor", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["resolution__symbol", "quote", "actor__name", "actor_name", "actor_text"]
    list_select_related = ["resolution", "actor"]
    readonly_fields = ["actor_name"]
    autocomplete_fields = ["resolution", "paragraph", "actor", "partners"]
    inlines = [DeliverableInline]
    exclude = ["review_reasons"]
    readonly_fields = ["review_reasons_list"]

    @admin.display(description=_("why it needs review"))
    def review_reasons_list(self, obj):
        return _text_list(obj.review_reasons if obj.pk else [])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schedule.mandate_deliverables_sync(mandate_id=form.instance.pk)


class DueFilter(admin.SimpleListFilter):
    """The stock date filter only looks back; people need what is coming and what is late."""

    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [
            ("next30", _("in the next 30 days")),
            ("next90", _("in the next 90 days")),
            ("overdue", _("overdue")),
            ("none", _("no due date")),
            ("not_in_calendar", _("session not in the calendar")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() in ("next30", "next90"):
            days = 30 if self.value() == "next30" else 90
            return queryset.filter(due_date__gte=today, due_date__lte=today + timedelta(days=days))
        if self.value() == "overdue":
            return queryset.filter(due_date__lt=today).exclude(progress__in=models.CLOSED_PROGRESS)
        if self.value() == "none":
            return queryset.filter(due_date__isnull=True)
        if self.value() == "not_in_calendar":  # read from the text, no calendar row dates it
            return queryset.filter(due_session=None, due_body__isnull=False).filter(
                Q(due_session_number__isnull=False) | ~Q(due_relation="")
            )
        return queryset


class AssignedToMeFilter(admin.SimpleListFilter):
    """The deliverables assigned to the person looking (through their contact)."""

    title = _("assigned to me")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", _("assigned to me"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(assignees__user=request.user)
        return queryset


class CommentInline(admin.TabularInline):
    model = models.Comment
    extra = 1
    fields = ["text", "author", "created_at"]
    readonly_fields = ["author", "created_at"]


class AssignForm(forms.Form):
    contacts = forms.ModelMultipleChoiceField(
        queryset=models.Contact.objects.filter(is_active=True),
        label=_("Assign to"),
        widget=forms.CheckboxSelectMultiple,
    )


class SubmittedForm(forms.Form):
    document = forms.CharField(label=_("Document symbol"), required=False, max_length=64)
    on = forms.DateField(
        label=_("Submitted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class DeliverableActions:
    """Bulk actions shared by the deliverable list and the review queue."""

    @admin.action(description=_("Confirm selected deliverables"), permissions=["change"])
    def confirm(self, request, queryset):
        done = deliverable_services.deliverable_confirm(deliverables=queryset)
        self.message_user(request, _("%d deliverable(s) confirmed.") % done, messages.SUCCESS)

    @admin.action(description=_("Reject selected deliverables"), permissions=["change"])
    def reject(self, request, queryset):
        done = deliverable_services.deliverable_reject(deliverables=queryset)
        self.message_user(request, _("%d deliverable(s) rejected.") % done, messages.SUCCESS)

    @admin.action(description=_("Assign selected to a person or unit…"), permissions=["change"])
    def assign(self, request, queryset):
        return self._with_form(
            request,
            queryset,
            AssignForm,
            "assign",
            _("Assign deliverables"),
            lambda form: deliverable_services.deliverable_assign(
                deliverables=queryset, contacts=form.cleaned_data["contacts"]
            ),
            _("%d deliverable(s) assigned."),
        )

    @admin.action(description=_("Mark selected as submitted…"), permissions=["change"])
    def mark_submitted(self, request, queryset):
        return self._with_form(
            request,
            queryset,
            SubmittedForm,
            "mark_submitted",
            _("Mark deliverables as submitted"),
            lambda form: deliverable_services.deliverable_mark_submitted(
                deliverables=queryset,
                document=form.cleaned_data["document"],
                on=form.cleaned_data["on"],
            ),
            _("%d deliverable(s) marked as submitted."),
        )

    @admin.action(description=_("Export selected to CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return deliverables_csv_response(queryset, personal_data=True)

    @admin.action(description=_("Export selected to Excel"), permissions=["view"])
    def export_xlsx(self, request, queryset):
        return deliverables_xlsx_response(queryset, personal_data=True)

    def _with_form(self, request, queryset, form_class, action, title, apply, done_message):
        """An intermediate page: ask for the details, then apply to the selection."""
        form = form_class(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            done = apply(form)
            self.message_user(request, done_message % done, messages.SUCCESS)
            return HttpResponseRedirect(request.get_full_path())
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "queryset": queryset,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/mandates/deliverable/action_form.html", context)


@admin.register(models.Deliverable)
class DeliverableAdmin(DeliverableActions, SimpleHistoryAdmin):
    list_display = [
        "title_or_kind",
        "symbol",
        "paragraph",
        "actor",
        "kind",
        "due_session",
        "due_relation",
        "due_as_read",
        "computed_due_date",
        "due_date",
        "review_status",
        "progress",
        "needs_review",
    ]
    list_filter = [
        DueFilter,
        "review_status",
        "progress",
        "needs_review",
        "no_longer_in_text",
        "kind",
        ("mandate__resolution__status", admin.ChoicesFieldListFilter),
        ("mandate__resolution__body", admin.RelatedOnlyFieldListFilter),
        DueSessionFilter,
        ("mandate__actor", admin.RelatedOnlyFieldListFilter),
        AssignedToMeFilter,
        ("assignees", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = [
        "title",
        "quote",
        "mandate__resolution__symbol",
        "mandate__resolution__title",
        "fulfilled_by",
    ]
    list_select_related = ["mandate__actor", "mandate__resolution", "due_session__body", "due_body"]
    autocomplete_fields = [
        "mandate",
        "due_session",
        "recurs_until",
        "predecessor",
        "assignees",
        "reminder_opt_outs",
    ]
    date_hierarchy = "due_date"
    readonly_fields = [
        "uid",
        "draft",
        "evidence",
        "proposed_changes_list",
        "due_summary",
        "due_as_read",
        "other_readings",
        "review_reasons_list",
        "sequence",
        "computed_due_date",
        "due_date",
        "edited_fields",
        "calendar",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "mandate",
                    "evidence",
                    "kind",
                    "count",
                    "title",
                    "recurring",
                    "recurs_until",
                ]
            },
        ),
        (
            _("Deadline"),
            {
                "fields": [
                    "due_as_read",
                    "due_session",
                    "due_relation",
                    "stated_due_date",
                    "manual_due_date",
                    "due_summary",
                    "computed_due_date",
                    "due_date",
                    "other_readings",
                ]
            },
        ),
        (
            _("Review and progress"),
            {
                "fields": [
                    "review_status",
                    "needs_review",
                    "review_reasons_list",
                    "no_longer_in_text",
                    "proposed_changes_list",
                    "progress",
                    "fulfilled_by",
                    "fulfilled_on",
                    "predecessor",
                    "draft",
                ]
            },
        ),
        (
            _("People"),
            {"fields": ["assignees", "reminder_opt_outs", "is_public", "is_historic"]},
        ),
        (
            _("Record"),
            {
                "classes": ["collapse"],
                "fields": [
                    "uid",
                    "calendar",
                    "sequence",
                    "edited_fields",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    inlines = [CommentInline]
    actions = ["confirm", "reject", "assign", "mark_submitted", "export_csv", "export_xlsx"]
    change_list_template = "admin/mandates/deliverable/change_list.html"

    @admin.display(description=_("proposed changes"))
    def proposed_changes_list(self, obj: models.Deliverable):
        """What a new version of the text or a noted report proposes, open ones first;
        decided in Proposed changes (accept / dismiss), never applied on their own."""
        changes = sorted(obj.proposed_changes.all(), key=lambda c: (c.resolved, -c.pk))
        if not changes:
            return "-"
        return format_html(
            '<ul>{}</ul><p><a href="{}?deliverable__id__exact={}">{}</a></p>',
            format_html_join(
                "",
                "<li>{}: {} &rarr; {} <small>({}; {})</small></li>",
                (
                    (
                        c.field,
                        c.old_value,
                        c.new_value,
                        c.source,
                        _("decided") if c.resolved else _("open"),
                    )
                    for c in changes
                ),
            ),
            reverse("admin:mandates_proposedchange_changelist"),
            obj.pk,
            _("Accept or dismiss in Proposed changes"),
        )

    @admin.display(description=_("deliverable"), ordering="title")
    def title_or_kind(self, obj):
        return obj.title or obj.get_kind_display()

    @admin.display(description=_("resolution"), ordering="mandate__resolution__symbol")
    def symbol(self, obj):
        return obj.mandate.resolution.symbol

    @admin.display(description=_("para."), ordering="mandate__paragraph_label")
    def paragraph(self, obj):
        return obj.mandate.paragraph_label

    @admin.display(description=_("actor"), ordering="mandate__actor__name")
    def actor(self, obj: models.Deliverable):
        return _actor_shown(obj.mandate)

    @admin.display(description=_("due session as read"))
    def due_as_read(self, obj: models.Deliverable):
        """The deadline as the text gives it, marked when the calendar cannot date it."""
        if not obj.due_session_as_read:
            return "-"
        if obj.due_session_not_in_calendar:
            return f"{obj.due_session_as_read} ({_('not in the calendar')})"
        return obj.due_session_as_read

    @admin.display(description=_("why this due date"))
    def due_summary(self, obj):
        return _due_explanation_html(obj) if obj.pk else "-"

    @admin.display(description=_("other readings"))
    def other_readings(self, obj: models.Deliverable):
        """The text's other readings of the deadline, each with the date it would give."""
        readings = deliverable_services.deliverable_readings(obj)[1:] if obj.pk else []
        if not readings:
            return _("none")
        labels = dict(_reading_choices(obj, [Reading.of(obj), *readings]))
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((labels[r.value],) for r in readings)),
        )

    @admin.display(description=_("why it needs review"))
    def review_reasons_list(self, obj):
        return _text_list(obj.review_reasons if obj.pk else [])

    def save_model(self, request, obj, form, change):
        """A session corrected by hand keeps the reading it replaces among the others."""
        if change and {"due_session", "due_relation"} & set(form.changed_data):
            stored = models.Deliverable.objects.select_related("due_session__body").get(pk=obj.pk)
            deliverable_services.deliverable_correct(deliverable=obj, previous=Reading.of(stored))
        super().save_model(request, obj, form, change)

    # History: what people decided, readable; SEQUENCE and bookkeeping left out.
    object_history_list_template = "admin/mandates/deliverable/history_list.html"
    history_list_per_page = 1000

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            record.history_hidden = (
                record.history_type == "~"
                and not getattr(record, "history_delta_changes", None)
                and not record.history_change_reason
            )

    @admin.display(description=_("evidence"))
    def evidence(self, obj):
        return _evidence(obj) if obj.pk else "-"

    @admin.display(description=_("calendar file"))
    def calendar(self, obj: models.Deliverable):
        if obj.pk is None or obj.due_date is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', reverse("mandates:deliverable_ics", args=[obj.uid]), _(".ics")
        )

    def save_related(self, request, form, formsets, change):
        """After the row and its relations are saved: the person owns what they changed."""
        super().save_related(request, form, formsets, change)
        deliverable_services.deliverable_mark_edited(
            deliverable=form.instance, fields=form.changed_data if change else []
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is models.Comment:
            for comment in formset.save(commit=False):
                comment.author = comment.author or request.user
                comment.save()
            for comment in formset.deleted_objects:
                comment.delete()
            return
        super().save_formset(request, form, formset, change)

    def get_urls(self):
        return [
            path(
                "export.csv",
                self.admin_site.admin_view(self.export_view),
                {"fmt": "csv"},
                name="mandates_deliverable_export_csv",
            ),
            path(
                "export.xlsx",
                self.admin_site.admin_view(self.export_view),
                {"fmt": "xlsx"},
                name="mandates_deliverable_export_xlsx",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, fmt):
        """The filtered list (the changelist's own filters and search) as CSV or Excel."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        queryset = self.get_changelist_instance(request).get_queryset(request)
        return (
            deliverables_csv_response(queryset, personal_data=True)
            if fmt == "csv"
            else deliverables_xlsx_response(queryset, personal_data=True)
        )


def _evidence(obj: models.Deliverable):
    """The source paragraph with the quoted words marked."""
    paragraph = obj.mandate.paragraph
    if paragraph is None:
        return format_html("<blockquote><mark>{}</mark></blockquote>", obj.quote)
    found = quote_range(
        paragraph.text, paragraph.span_start, obj.quote, (obj.span_start, obj.span_end)
    )
    marked = highlight(paragraph.text, [(*found, _("evidence"))] if found else [])
    return format_html(
        '<blockquote class="evidence"><strong>{} para. {}.</strong> {}</blockquote>',
        obj.mandate.resolution.symbol,
        paragraph.number,
        marked,
    )


class ReviewForm(forms.ModelForm):
    """Confirm, keep for later or reject one proposed deliverable, choosing among the
    readings of its deadline (each with the date it gives) or correcting it by hand.

    A flagged item opens with nothing chosen: the person chooses the decision and, to
    confirm, the reading."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reading = forms.ChoiceField(
        label=_("Deadline reading"), required=False, widget=forms.RadioSelect
    )

    class Meta:
        model = models.DeliverableReview
        fields = [
            "kind",
            "count",
            "title",
            "due_session",
            "due_relation",
            "manual_due_date",
            "recurring",
            "assignees",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.readings = deliverable_services.deliverable_readings(self.instance)
        self.fields["reading"].choices = _reading_choices(self.instance, self.readings)
        if not self.instance.needs_review:
            self.fields["decision"].initial = Decision.CONFIRM
            if self.readings:
                self.fields["reading"].initial = self.readings[0].value

    def hand_reading(self) -> Reading | None:
        """The reading typed in the session fields, if the person changed them."""
        if not {"due_session", "due_relation"} & set(self.changed_data):
            return None
        session = self.cleaned_data.get("due_session")
        if session is None:
            return None
        return Reading(
            session.body.code, session.number, self.cleaned_data.get("due_relation") or "at"
        )

    def clean(self):
        cleaned = super().clean()
        reading = Reading.parse(cleaned["reading"]) if cleaned.get("reading") else None
        by_hand = self.hand_reading()
        if reading and by_hand and reading != by_hand:
            self.add_error(
                "reading",
                _("Choose a reading or correct the session by hand, not both."),
            )
        if (
            cleaned.get("decision") == Decision.CONFIRM
            and self.instance.needs_review
            and len(self.readings) > 1
            and not reading
            and not by_hand
        ):
            self.add_error(
                "reading",
                _(
                    "The text can be read in more than one way: choose the reading you "
                    "confirm, or correct the session by hand."
                ),
            )
        cleaned["reading_parsed"] = reading
        return cleaned


def _reading_choices(
    deliverable: models.Deliverable, readings: list[Reading]
) -> list[tuple[str, str]]:
    """Each reading with the date it gives: "HRC 62 (at), other reading: due 6 Apr 2026,
    would already be past (HRC 62 opens ... = 6 Apr 2026)"."""
    if not deliverable.pk:
        return []
    today = timezone.localdate()
    bodies = {
        body.code: body for body in models.Body.objects.filter(code__in={r.body for r in readings})
    }
    rules: dict[int, list] = {}
    choices = []
    for index, reading in enumerate(readings):
        origin = _("as proposed") if index == 0 else _("other reading")
        body = bodies.get(reading.body)
        if body is None:
            choices.append((reading.value, f"{reading}, {origin}"))
            continue
        if body.pk not in rules:
            rules[body.pk] = list(body.due_date_rules.all())
        why = schedule.due_date_explain(
            session=schedule.session_find_or_estimate(body=body, number=reading.session),
            kind=deliverable.kind,
            relation=reading.relation,
            manual_due_date=deliverable.manual_due_date,
            stated_due_date=deliverable.stated_due_date,
            rules=rules[body.pk],
        )
        label = f"{reading}, {origin}: " + _("due %s") % schedule.day_label(why.due_date)
        if why.due_date < today:
            label += ", " + _("would already be past")
        choices.append((reading.value, f"{label} ({why})"))
    return choices


class ReviewStateFilter(admin.SimpleListFilter):
    """Flagged items (the text is unclear) apart from items merely proposed."""

    title = _("waiting because")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("flagged", _("flagged: the text is unclear")),
            ("proposed", _("proposed, nothing flagged")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "flagged":
            return queryset.filter(needs_review=True)
        if self.value() == "proposed":
            return queryset.filter(needs_review=False, review_status=models.ReviewStatus.PROPOSED)
        return queryset


@admin.register(models.DeliverableReview)
class DeliverableReviewAdmin(DeliverableActions, admin.ModelAdmin):
    """Everything that needs a person's decision, oldest first."""

    form = ReviewForm
    # Narrow enough for a laptop beside the admin's menu and filters (mandates/admin.css):
    # the reason comes right after what is to be decided, nothing runs off the edge.
    list_display = ["title_or_kind", "reasons", "source", "actor", "due_session_shown"]
    list_filter = [
        ReviewStateFilter,
        ("mandate__resolution__body", admin.RelatedOnlyFieldListFilter),
        "kind",
        "no_longer_in_text",
    ]
    search_fields = ["title", "quote", "mandate__resolution__symbol"]
    list_select_related = ["mandate__actor", "mandate__resolution", "due_session__body", "due_body"]
    autocomplete_fields = ["due_session", "assignees"]
    ordering = ["created_at", "pk"]
    readonly_fields = ["evidence", "review_reasons_list", "due_as_read", "due_summary"]
    fields = [
        "evidence",
        "review_reasons_list",
        "due_as_read",
        "due_summary",
        "reading",
        "decision",
        "kind",
        "count",
        "title",
        "due_session",
        "due_relation",
        "manual_due_date",
        "recurring",
        "assignees",
    ]
    actions = ["confirm", "reject", "assign", "mark_submitted", "export_csv", "export_xlsx"]

    class Media:
        css = {"all": ["mandates/admin.css"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(Q(needs_review=True) | Q(review_status=models.ReviewStatus.PROPOSED))
            .exclude(review_status=models.ReviewStatus.REJECTED)
        )

    # The queue is a view of deliverables: the deliverable permissions govern it.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("mandates.view_deliverable") or request.user.has_perm(
            "mandates.change_deliverable"
        )

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("mandates.change_deliverable")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    title_or_kind = DeliverableAdmin.title_or_kind
    symbol = DeliverableAdmin.symbol
    paragraph = DeliverableAdmin.paragraph
    actor = DeliverableAdmin.actor
    due_summary = DeliverableAdmin.due_summary
    due_as_read = DeliverableAdmin.due_as_read

    @admin.display(description=_("due session"), ordering="due_session")
    def due_session_shown(self, obj: models.Deliverable):
        """The calendar session, else the session as read ("at CSW 61 (not in the calendar)")."""
        return obj.due_session or self.due_as_read(obj)

    evidence = DeliverableAdmin.evidence

    @admin.display(description=_("source"), ordering="mandate__resolution__symbol")
    def source(self, obj):
        return format_html(
            "{} {} {}", obj.mandate.resolution.symbol, _("para."), obj.mandate.paragraph_label
        )

    @admin.display(description=_("why it needs review"))
    def reasons(self, obj):
        if not obj.review_reasons:
            return _("proposed") if obj.review_status == "proposed" else ""
        return format_html(
            '<ul class="review-reasons">{}</ul>',
            format_html_join("", "<li>{}</li>", ((reason,) for reason in obj.review_reasons)),
        )

    review_reasons_list = DeliverableAdmin.review_reasons_list
    export_view = DeliverableAdmin.export_view

    def get_urls(self):
        return [
            path(
                f"export.{fmt}",
                self.admin_site.admin_view(self.export_view),
                {"fmt": fmt},
                name=f"mandates_deliverablereview_export_{fmt}",
            )
            for fmt in ("csv", "xlsx")
        ] + super().get_urls()

    def save_model(self, request, obj, form, change):
        """The decision, the chosen reading and the corrections in one history record."""
        decision = form.cleaned_data["decision"]
        obj._review_summary = deliverable_services.deliverable_decide(
            deliverable=obj,
            decision=decision,
            # Rejecting is only that: a reading chosen on the way is not applied.
            reading=None
            if decision == Decision.REJECT
            else form.cleaned_data.get("reading_parsed"),
            edited_fields=[n for n in form.changed_data if n not in ("decision", "reading")],
        )

    def response_change(self, request, obj):
        """Say what was decided and land on a page that exists: the item stays in the queue
        only when kept for later; a decided item continues on its deliverable page."""
        in_queue = self.get_queryset(request).filter(pk=obj.pk).exists()
        self.message_user(
            request,
            format_html(
                '{}: <a href="{}">{}</a>. <a href="{}">{}</a>',
                obj._review_summary,
                reverse("admin:mandates_deliverable_change", args=[obj.pk]),
                obj,
                reverse("admin:mandates_deliverable_history", args=[obj.pk]),
                _("History"),
            ),
            messages.SUCCESS,
        )
        if "_continue" in request.POST:
            name = "mandates_deliverablereview" if in_queue else "mandates_deliverable"
            return HttpResponseRedirect(reverse(f"admin:{name}_change", args=[obj.pk]))
        url = reverse("admin:mandates_deliverablereview_changelist")
        return HttpResponseRedirect(
            add_preserved_filters(
                {"preserved_filters": self.get_preserved_filters(request), "opts": self.opts},
                url,
            )
        )

    def history_view(self, request, object_id, extra_context=None):
        """One history per deliverable: the deliverable's, with every decision in it."""
        return HttpResponseRedirect(reverse("admin:mandates_deliverable_history", args=[object_id]))


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
    actions = ["accept", "dismiss"]

    @admin.action(description=_("Accept the selected proposed changes"), permissions=["change"])
    def accept(self, request, queryset):
        accepted, refused = deliverable_services.proposed_changes_accept(changes=queryset)
        self.message_user(
            request, _("%(count)d change(s) accepted.") % {"count": accepted}, messages.SUCCESS
        )
        if refused:
            self.message_user(
                request,
                _("Not accepted here (edit the deliverable itself): %(fields)s")
                % {"fields": ", ".join(sorted(refused))},
                messages.WARNING,
            )

    @admin.action(
        description=_("Dismiss the selected proposed changes (keep current values)"),
        permissions=["change"],
    )
    def dismiss(self, request, queryset):
        count = queryset.filter(resolved=False).update(resolved=True)
        self.message_user(request, _("%(count)d change(s) dismissed.") % {"count": count})


@admin.register(models.Consideration)
class ConsiderationAdmin(SimpleHistoryAdmin):
    """ "Decides to continue its consideration ... at its Nth session", with other readings."""

    list_display = [
        "resolution",
        "paragraph_label",
        "session",
        "alternatives",
        "review_status",
        "needs_review",
    ]
    list_filter = ["review_status", "needs_review", "body"]
    search_fields = ["resolution__symbol", "resolution__title", "quote"]
    list_select_related = ["resolution", "session__body", "body"]
    autocomplete_fields = ["session"]
    readonly_fields = ["resolution", "paragraph_label", "body", "alternatives", "quote"]
    fields = [
        "resolution",
        "paragraph_label",
        "quote",
        "body",
        "session",
        "alternatives",
        "review_status",
        "needs_review",
        "review_reasons",
        "is_public",
    ]
    actions = ["confirm"]

    def has_add_permission(self, request):
        return False  # read from the text by ingest

    @admin.action(description=_("Confirm the selected considerations"), permissions=["change"])
    def confirm(self, request, queryset):
        count = 0
        for consideration in queryset:  # one by one, so the history records who confirmed
            consideration.review_status = models.ReviewStatus.CONFIRMED
            consideration.needs_review = False
            consideration.save()
            count += 1
        self.message_user(request, _("%(count)d confirmed.") % {"count": count})


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

    def save_model(self, request, obj, form, change):
        previous_body_id = form.initial.get("body") if change else None
        super().save_model(request, obj, form, change)
        count = schedule.deliverables_recompute_for_rule(rule=obj)
        if previous_body_id and previous_body_id != obj.body_id:
            count += schedule.deliverables_recompute_for_body(body_id=previous_body_id)
        _report_recomputed(self, request, count)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _report_recomputed(
            self, request, schedule.deliverables_recompute_for_body(body_id=obj.body_id)
        )

    def delete_queryset(self, request, queryset):
        body_ids = set(queryset.values_list("body_id", flat=True))
        super().delete_queryset(request, queryset)
        count = sum(schedule.deliverables_recompute_for_body(body_id=b) for b in body_ids)
        _report_recomputed(self, request, count)


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
        from .services.outgoing import BrokerUnavailable, outgoing_retry

        try:
            count = outgoing_retry(
                model=models.ReminderLog, ids=queryset.values_list("pk", flat=True)
            )
        except BrokerUnavailable as error:
            self.message_user(request, _("Nothing queued: %s") % error, messages.ERROR)
            return
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
        from .services.outgoing import BrokerUnavailable, outgoing_retry

        try:
            count = outgoing_retry(
                model=models.DigestLog, ids=queryset.values_list("pk", flat=True)
            )
        except BrokerUnavailable as error:
            self.message_user(request, _("Nothing queued: %s") % error, messages.ERROR)
            return
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

    def get_queryset(self, request):
        # The secret link is shown to its owner only (not to staff, not to superusers).
        return (
            super()
            .get_queryset(request)
            .annotate(
                viewer_owns=ExpressionWrapper(
                    Q(user_id=request.user.pk), output_field=BooleanField()
                )
            )
        )

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


@admin.register(TokenProxy)
class ApiTokenAdmin(TokenAdmin):
    """DRF's token admin, but a key is shown to its owner only; whoever creates a token
    for someone else sees the key once, in the confirmation message, to hand it over."""

    list_display = ("key_for_owner", "user", "created")

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


from . import admin_planner  # noqa: E402, F401  (the session planner's data)
