"""Mandates and deliverables: the day-to-day list, its bulk actions, history and comments."""

from datetime import date, timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_m2m_reverse_field_name

from .. import models
from ..exports import deliverables_csv_response, deliverables_xlsx_response
from ..highlight import deliverable_evidence
from ..services import deliverables as deliverable_services
from ..services import schedule
from ..services.deliverables import Reading
from ..services.drafts import (
    deliverable_superseded,
    resolution_superseded,
    superseded_deliverables,
)
from .common import (
    DELIVERABLE_NAMED_COLUMNS,
    DELIVERABLE_NAMED_RELATIONS,
    BidiControlGuard,
    DueSessionFilter,
    HistoryAdmin,
    KeptByComments,
    ListedColumns,
    PeopleAsShown,
    RecurrenceGuard,
    StaleEditGuard,
    SupersededDraftPages,
    actor_shown,
    change_link,
    fragment,
    reading_choices,
    text_list,
)


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
        if isinstance(value, DeletedObject):
            # simple-history's stand-in for an empty or a deleted foreign key
            if value.pk is None:
                return "—"
            current = value.model._default_manager.filter(pk=value.pk).first()
            return str(current) if current is not None else str(value)
        if value in (None, ""):
            return "—"
        return str(value)


class DeliverableInline(admin.StackedInline):
    """The mandate's deliverables, to read: each is edited on its own page, which keeps
    what a person changed from the next version of the text and refuses a save over
    someone else's newer one. Edits made here would bypass both."""

    model = models.Deliverable
    extra = 0
    can_delete = False
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
    show_change_link = True  # read-only: no change permission here (see below)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MandateForm(StaleEditGuard):
    class Meta:
        model = models.Mandate
        fields = "__all__"


@admin.register(models.Mandate)
class MandateAdmin(ListedColumns, SupersededDraftPages, KeptByComments, HistoryAdmin):
    form = MandateForm
    superseded_what = "mandate"
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
    list_columns = (
        "resolution__symbol",
        "paragraph_label",
        "actor__name",
        "actor_name",
        "actor_text",
        "review_status",
        "needs_review",
    )
    autocomplete_fields = ["resolution", "paragraph", "actor", "partners"]
    inlines = [DeliverableInline]
    exclude = ["review_reasons"]
    readonly_fields = ["actor_name", "review_reasons_list"]

    @admin.display(description=_("why it needs review"))
    def review_reasons_list(self, obj):
        return text_list(obj.review_reasons if obj.pk else [])

    def superseded(self, obj: models.Mandate):
        return resolution_superseded(obj.resolution)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "actor" in form.changed_data:
            deliverable_services.actor_reasons_resolve(mandate=form.instance)
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
                Q(due_session_number__isnull=False)
                | (~Q(due_relation="") & Q(stated_due_date__isnull=True))
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
    """Anyone may add a comment; only its author may change or delete it (a note signed
    with someone's name must be theirs). A comment copied from the draft says so and is
    read-only, for its author too: it repeats the original, which stays on the draft (to
    change or delete there), and it goes only with the adopted text."""

    model = models.Comment
    extra = 1
    fields = ["text", "author", "created_at", "copied"]
    readonly_fields = ["author", "created_at", "copied"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "copied_from")

    @admin.display(description=_("copied"))
    def copied(self, obj: models.Comment) -> str:
        if obj.copied_from is None:
            return ""
        return fragment("deliverable/_comment_copied.html", original=obj.copied_from)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        user_id = request.user.pk

        class AuthorsOnly(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                comment = form.instance
                locked = []  # a disabled field keeps its stored value
                if comment.copied_from_id or (comment.pk and comment.author_id != user_id):
                    locked = ["text", "DELETE"]
                for name in locked:
                    if name in form.fields:
                        form.fields[name].disabled = True

        return AuthorsOnly


class AssignForm(forms.Form):
    contacts = forms.ModelMultipleChoiceField(
        queryset=models.Contact.objects.filter(is_active=True),
        label=_("Assign to"),
        widget=forms.CheckboxSelectMultiple,
    )
    # Adding is the default (and what a form without the choice does): replacing takes
    # people off their deliverables, their feeds and their reminders.
    mode = forms.ChoiceField(
        label=_("The people already assigned"),
        choices=[
            ("add", _("Keep them: add the chosen ones to the current assignees")),
            ("replace", _("Replace them with the chosen ones")),
        ],
        initial="add",
        required=False,
        widget=forms.RadioSelect,
    )


class SubmittedForm(forms.Form):
    document = forms.CharField(label=_("Document symbol"), required=False, max_length=64)
    on = forms.DateField(
        label=_("Submitted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


# The bulk actions of both lists of deliverables (all of them, the review queue), defined
# in DeliverableActions, and the relations each row of either list shows.
DELIVERABLE_ACTIONS = ["confirm", "reject", "assign", "mark_submitted", "export_csv", "export_xlsx"]
DELIVERABLE_ROW_RELATIONS = [
    "mandate__actor",
    "mandate__resolution",
    "due_session__body",
    "due_body",
]
# What both lists read of those relations (`ListedColumns`): the resolution's symbol, not
# its text or stored extraction; the actor as `actor_shown` names it; the due session as
# read (`Deliverable.due_session_as_read`) or from the calendar.
DELIVERABLE_ROW_COLUMNS = (
    "title",
    "kind",
    "review_status",
    "mandate__resolution__symbol",
    "mandate__paragraph_label",
    "mandate__actor__name",
    "mandate__actor_name",
    "mandate__actor_text",
    "due_session__number",
    "due_session__body__code",
    "due_body__code",
    "due_session_number",
    "due_relation",
    "stated_due_date",
)


class DeliverableActions:
    """Bulk actions shared by the deliverable list and the review queue."""

    def _superseded_left(self, request, queryset):
        """Say how many of the selection belong to drafts their adopted texts superseded:
        the services leave those unchanged (work on them would go nowhere)."""
        left = queryset.filter(superseded_deliverables()).count()
        if left:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected deliverable belongs to a draft its adopted text "
                    "superseded and was left unchanged: work on the adopted deliverable "
                    "(its page links to it).",
                    "%(count)d selected deliverables belong to drafts their adopted texts "
                    "superseded and were left unchanged: work on the adopted deliverables "
                    "(each one's page links to it).",
                    left,
                )
                % {"count": left},
                messages.WARNING,
            )

    @admin.action(description=_("Confirm selected deliverables"), permissions=["change"])
    def confirm(self, request, queryset):
        self._superseded_left(request, queryset)
        done = deliverable_services.deliverable_confirm(deliverables=queryset)
        self.message_user(request, _("%d deliverable(s) confirmed.") % done, messages.SUCCESS)
        waiting = deliverable_services.deliverables_with_proposals(queryset)
        if waiting:
            self.message_user(
                request,
                fragment("deliverablereview/_proposals_waiting_message.html", deliverables=waiting),
                messages.WARNING,
            )

    @admin.action(description=_("Reject selected deliverables"), permissions=["change"])
    def reject(self, request, queryset):
        self._superseded_left(request, queryset)
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
                deliverables=queryset,
                contacts=form.cleaned_data["contacts"],
                replace=form.cleaned_data["mode"] == "replace",
            ),
            _("%d deliverable(s) assigned."),
            shown=queryset.prefetch_related("assignees"),
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

    def get_urls(self):
        """The list as filtered (its own filters and search) as CSV or Excel, beside it:
        export.csv and export.xlsx."""
        return [
            path(
                f"export.{fmt}",
                self.admin_site.admin_view(self.export_view),
                {"fmt": fmt},
                name=f"{self.opts.app_label}_{self.opts.model_name}_export_{fmt}",
            )
            for fmt in ("csv", "xlsx")
        ] + super().get_urls()

    def export_view(self, request, fmt):
        """The filtered list (the changelist's own filters and search) as CSV or Excel."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            queryset = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters as error:
            return HttpResponseBadRequest(
                _("The address filters the list by something it cannot: %s") % error,
                content_type="text/plain; charset=utf-8",
            )
        return (
            deliverables_csv_response(queryset, personal_data=True)
            if fmt == "csv"
            else deliverables_xlsx_response(queryset, personal_data=True)
        )

    def _with_form(
        self, request, queryset, form_class, action, title, apply, done_message, shown=None
    ):
        """An intermediate page: ask for the details, then apply to the selection.
        ``shown``: the selection as listed, with the assignees when they are prefetched."""
        form = form_class(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            self._superseded_left(request, queryset)
            done = apply(form)
            self.message_user(request, done_message % done, messages.SUCCESS)
            return HttpResponseRedirect(request.get_full_path())
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "queryset": queryset if shown is None else shown,
            "show_assignees": shown is not None,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/mandates/deliverable/action_form.html", context)


def evidence_html(obj: models.Deliverable) -> str:
    """The source paragraph with the quoted words marked."""
    return fragment(
        "deliverable/_evidence.html",
        deliverable=obj,
        paragraph=obj.mandate.paragraph,
        evidence=deliverable_evidence(obj),
    )


class DeliverableColumns:
    """What the deliverable list and the review queue show alike."""

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
        return actor_shown(obj.mandate)

    @admin.display(description=_("due session as read"))
    def due_as_read(self, obj: models.Deliverable):
        """The deadline as the text gives it, marked when the calendar cannot date it."""
        if not obj.due_session_as_read:
            return "-"
        if obj.due_session_not_in_calendar:
            return f"{obj.due_session_as_read} ({_('not in the calendar')})"
        return obj.due_session_as_read

    @admin.display(description=_("why this due date"))
    def due_summary(self, obj: models.Deliverable) -> str:
        """The explanation of the due date, its session and rule linked to their admin pages."""
        if not obj.pk:
            return "-"
        return render_to_string("mandates/_due_explanation.html", {"item": obj, "admin": True})

    @admin.display(description=_("evidence"))
    def evidence(self, obj):
        return evidence_html(obj) if obj.pk else "-"

    @admin.display(description=_("why it needs review"))
    def review_reasons_list(self, obj):
        return text_list(obj.review_reasons if obj.pk else [])


class DeliverableForm(BidiControlGuard, RecurrenceGuard, StaleEditGuard, PeopleAsShown):
    class Meta:
        model = models.Deliverable
        fields = "__all__"

    def clean(self):
        """Confirming here is what "Confirm selected" does, which leaves a deliverable a new
        version of the text proposes values for: the person decides them first."""
        cleaned = super().clean()
        if (
            self.instance.pk
            and "review_status" in self.changed_data
            and cleaned.get("review_status") == models.ReviewStatus.CONFIRMED
            and deliverable_services.deliverables_with_proposals(
                models.Deliverable.objects.filter(pk=self.instance.pk)
            )
        ):
            review = reverse("admin:mandates_deliverablereview_change", args=[self.instance.pk])
            self.add_error(
                "review_status",
                format_html(
                    str(
                        _(
                            "A new version of the text proposes values for it (see “proposed "
                            'changes”): decide them on <a href="{}">its review page</a>, '
                            "which confirms it too, or in Proposed changes first."
                        )
                    ),
                    review,
                ),
            )
        return cleaned


@admin.register(models.Deliverable)
class DeliverableAdmin(
    ListedColumns,
    SupersededDraftPages,
    KeptByComments,
    DeliverableColumns,
    DeliverableActions,
    HistoryAdmin,
):
    form = DeliverableForm
    superseded_what = "deliverable"
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
    autocomplete_fields = [
        "mandate",
        "due_session",
        "recurs_until",
        "predecessor",
        "assignees",
        "reminder_opt_outs",
    ]
    list_select_related = DELIVERABLE_ROW_RELATIONS
    list_columns = (
        *DELIVERABLE_ROW_COLUMNS,
        "computed_due_date",
        "due_date",
        "progress",
        "needs_review",
    )
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
                    "loaded_version",
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
    actions = DELIVERABLE_ACTIONS
    change_list_template = "admin/mandates/deliverable/change_list.html"

    @admin.display(description=_("proposed changes"))
    def proposed_changes_list(self, obj: models.Deliverable) -> str:
        """What a new version of the text or a noted report proposes, open ones first;
        decided in Proposed changes (accept / dismiss), never applied on their own."""
        changes = sorted(obj.proposed_changes.all(), key=lambda c: (c.resolved, -c.pk))
        if not changes:
            return "-"
        return fragment("deliverable/_proposed_changes.html", deliverable=obj, changes=changes)

    @admin.display(description=_("other readings"))
    def other_readings(self, obj: models.Deliverable) -> str:
        """The text's other readings of the deadline, each with the date it would give."""
        readings = deliverable_services.deliverable_readings(obj) if obj.pk else []
        others = readings[1:] if Reading.of(obj) else readings
        if not others:
            return str(_("none"))
        labels = dict(reading_choices(obj, readings))
        return fragment("_list.html", items=[labels[r.value] for r in others])

    def superseded(self, obj: models.Deliverable):
        return deliverable_superseded(obj)

    def save_model(self, request, obj, form, change):
        """A session corrected by hand keeps the reading it replaces among the others. A
        review status set here is decided as "Confirm selected" / "Reject selected" decide
        it (the flag goes down, unless the person set it in the same save)."""
        if change and {"due_session", "due_relation"} & set(form.changed_data):
            stored = models.Deliverable.objects.select_related("due_session__body").get(pk=obj.pk)
            deliverable_services.deliverable_correct(deliverable=obj, previous=Reading.of(stored))
        decided = (
            change
            and "review_status" in form.changed_data
            and obj.review_status != models.ReviewStatus.PROPOSED
        )
        if decided:
            flag = obj.needs_review
            deliverable_services.deliverable_review_set(deliverable=obj, status=obj.review_status)
            if "needs_review" in form.changed_data:
                obj.needs_review = flag
        super().save_model(request, obj, form, change)
        if decided:
            del obj._change_reason

    # History: what people decided, readable; SEQUENCE and bookkeeping left out.
    object_history_list_template = "admin/mandates/history_list.html"
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

    @admin.display(description=_("calendar file"))
    def calendar(self, obj: models.Deliverable) -> str:
        if obj.pk is None or obj.due_date is None:
            return "-"
        return fragment("deliverable/_ics_link.html", deliverable=obj)

    def save_related(self, request, form, formsets, change):
        """After the row and its relations are saved: the person owns what they changed.
        The historic mark follows the new due date (services/historic.py): say so."""
        super().save_related(request, form, formsets, change)
        deliverable = form.instance
        if "mandate" in form.changed_data:  # moved to a mandate whose actor is known
            deliverable_services.actor_reasons_resolve(
                mandate=deliverable.mandate,
                deliverables=models.Deliverable.objects.filter(pk=deliverable.pk),
            )
            deliverable.refresh_from_db(fields=["review_reasons", "needs_review", "updated_at"])
        historic = deliverable.is_historic
        deliverable_services.deliverable_mark_edited(
            deliverable=deliverable, fields=form.changed_data if change else []
        )
        if historic and not deliverable.is_historic:
            self.message_user(
                request,
                _(
                    "“%(name)s” is due %(date)s: no longer historic, so its people get "
                    "reminders and it is on the overdue list once late."
                )
                % {"name": deliverable, "date": schedule.day_label(deliverable.due_date)}
                if deliverable.due_date
                else _("“%(name)s” has no due date: no longer historic.") % {"name": deliverable},
                messages.INFO,
            )
        elif deliverable.is_historic and not historic:
            self.message_user(
                request,
                _(
                    "“%(name)s” is due %(date)s, long before its resolution was ingested: "
                    "historic, no reminders. Untick “historic” to have it reminded."
                )
                % {"name": deliverable, "date": schedule.day_label(deliverable.due_date)},
                messages.INFO,
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


class CommentForm(forms.ModelForm):
    class Meta:
        model = models.Comment
        fields = ["deliverable", "text"]

    def clean_deliverable(self):
        """Not on a superseded draft's deliverable: nobody would read it there (the lists
        show its adopted deliverable, which took over the draft's comments)."""
        deliverable = self.cleaned_data.get("deliverable")
        state = deliverable_superseded(deliverable) if deliverable is not None else None
        if state is not None and state.read_only and "deliverable" in self.changed_data:
            where = (
                (
                    _("on the revision's deliverable, %(name)s (%(symbol)s para. %(para)s)")
                    if state.by_revision
                    else _("on the adopted deliverable, %(name)s (%(symbol)s para. %(para)s)")
                )
                % {
                    "name": state.continues,
                    "symbol": state.continues.mandate.resolution.symbol,
                    "para": state.continues.mandate.paragraph_label,
                }
                if state.continues
                else (
                    _("on the revision's deliverables")
                    if state.by_revision
                    else _("on the adopted text's deliverables")
                )
            )
            raise forms.ValidationError(
                (
                    _(
                        "This deliverable belongs to draft %(draft)s, which its revision "
                        "superseded: a comment here would go unread. Write it %(where)s."
                    )
                    if state.by_revision
                    else _(
                        "This deliverable belongs to draft %(draft)s, which its adopted text "
                        "superseded: a comment here would go unread. Write it %(where)s."
                    )
                ),
                code="superseded",
                params={"draft": state.draft.symbol, "where": where},
            )
        return deliverable


@admin.register(models.Comment)
class CommentAdmin(ListedColumns, admin.ModelAdmin):
    """Comments are written as the person logged in, and changed only by their author;
    a superseded draft's deliverable takes none (see `CommentForm`)."""

    form = CommentForm
    list_display = ["deliverable", "author", "created_at", "text"]
    list_select_related = [*DELIVERABLE_NAMED_RELATIONS, "author"]
    list_columns = (*DELIVERABLE_NAMED_COLUMNS, "author__username", "created_at", "text")
    search_fields = ["text", "deliverable__title"]
    autocomplete_fields = ["deliverable"]
    readonly_fields = ["author", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.copied_from_id:
            return [*self.readonly_fields, "copied_from"]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None):
        """Only the author changes a comment; nobody changes a copy of a draft's comment
        (it repeats the original, which is changed on the draft), nor a comment on a
        superseded draft's deliverable (its adopted deliverable has the copy people read)."""
        mine = obj is None or (obj.author_id == request.user.pk and not obj.copied_from_id)
        if obj is not None and mine:
            state = deliverable_superseded(obj.deliverable)
            mine = state is None or not state.read_only
        return mine and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        """Only the author deletes a comment. A copy of a draft's comment passes here for
        anyone who may delete comments, as it goes with its adopted text (the delete of a
        resolution, mandate or deliverable asks this of each comment it takes along); its
        own delete is refused (`get_deleted_objects`)."""
        mine = obj is None or obj.author_id == request.user.pk or obj.copied_from_id is not None
        return mine and super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        """A copy of a draft's comment is not deleted on its own, by its author either: it
        is read-only on the adopted deliverable (the original stays on the draft, to change
        or delete there). Its delete page and "Delete selected" say so and delete nothing
        (templates/admin/mandates/comment/)."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        copies = [comment for comment in objs if comment.copied_from_id]
        if copies:
            return deleted, counts, set(), [change_link(comment) for comment in copies]
        return deleted, counts, perms_needed, protected

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A copy's page offers no Delete (see `get_deleted_objects`)."""
        obj = self.get_object(request, object_id)
        if obj is not None and obj.copied_from_id:
            extra_context = {**(extra_context or {}), "show_delete": False}
        return super().change_view(request, object_id, form_url, extra_context)
