"""The review queue (one decision per proposed deliverable) and proposed changes."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .. import models, selectors
from ..services import deliverables as deliverable_services
from ..services import resolutions as resolution_services
from ..services.deliverables import Decision, Reading
from .common import (
    BidiControlGuard,
    ListedColumns,
    PeopleAsShown,
    RecurrenceGuard,
    StaleEditGuard,
    fragment,
    reading_choices,
)
from .deliverables import (
    DELIVERABLE_ACTIONS,
    DELIVERABLE_ROW_COLUMNS,
    DELIVERABLE_ROW_RELATIONS,
    DeliverableActions,
    DeliverableColumns,
)


class ReviewForm(BidiControlGuard, RecurrenceGuard, StaleEditGuard, PeopleAsShown):
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
        # What a new version of the text reads is a reading to choose, not only a note.
        proposed = deliverable_services.deliverable_proposed_reading(self.instance)
        if proposed is not None and all(
            (r.body, r.session) != (proposed.body, proposed.session) for r in self.readings
        ):
            self.readings.append(proposed)
        self.fields["reading"].choices = reading_choices(
            self.instance, self.readings, proposed=proposed
        )
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
            if "reading" in self.changed_data:
                self.add_error(
                    "reading",
                    _("Choose a reading or correct the session by hand, not both."),
                )
            else:  # the reading the form opened with (a browser cannot untick it)
                reading = None
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


class ResolutionFilter(admin.SimpleListFilter):
    """One resolution's items (``?resolution=<id>``), as the import result links to them:
    the search matches symbols by their words, and A/RES/80/1 would also find
    A/RES/80/191. Shown only while it filters, so the queue's sidebar does not list every
    resolution."""

    title = _("resolution")
    parameter_name = "resolution"

    def lookups(self, request, model_admin):
        if not self.value():
            return []
        if not (
            self.value().isascii() and self.value().isdigit()
        ):  # a hand-edited address: the admin says it is wrong
            raise IncorrectLookupParameters(f"{self.parameter_name}: not a resolution")
        resolutions = models.Resolution.objects.filter(pk=self.value())
        return [(self.value(), resolutions.values_list("symbol", flat=True).first() or "-")]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(mandate__resolution_id=self.value())


@admin.register(models.DeliverableReview)
class DeliverableReviewAdmin(
    ListedColumns, DeliverableColumns, DeliverableActions, admin.ModelAdmin
):
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
        ResolutionFilter,
    ]
    search_fields = ["title", "quote", "mandate__resolution__symbol"]
    autocomplete_fields = ["due_session", "assignees"]
    list_select_related = DELIVERABLE_ROW_RELATIONS
    list_columns = (*DELIVERABLE_ROW_COLUMNS, "review_reasons")
    ordering = ["created_at", "pk"]
    actions = DELIVERABLE_ACTIONS
    readonly_fields = [
        "evidence",
        "review_reasons_list",
        "proposed_changes_open",
        "due_as_read",
        "due_summary",
    ]
    fields = [
        "evidence",
        "review_reasons_list",
        "proposed_changes_open",
        "due_as_read",
        "due_summary",
        "reading",
        "decision",
        *ReviewForm.Meta.fields,
        "loaded_version",
    ]

    class Media:
        css = {"all": ["mandates/admin.css"]}

    def get_queryset(self, request):
        return selectors.review_queue(super().get_queryset(request))

    # The queue is a view of deliverables: the deliverable permissions govern it.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("mandates.view_deliverable") or request.user.has_perm(
            "mandates.change_deliverable"
        )

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("mandates.change_deliverable")

    def get_fields(self, request, obj=None):
        """Who may only look sees the item, not the form's choices (shown as "None")."""
        fields = super().get_fields(request, obj)
        if self.has_change_permission(request, obj):
            return fields
        return [name for name in fields if name not in ("reading", "decision", "loaded_version")]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description=_("due session"), ordering="due_session")
    def due_session_shown(self, obj: models.Deliverable):
        """The calendar session, else the session as read ("at CSW 61 (not in the calendar)")."""
        return obj.due_session or self.due_as_read(obj)

    @admin.display(description=_("proposed by a new version"))
    def proposed_changes_open(self, obj: models.Deliverable) -> str:
        """What a new version of the text says otherwise, beside the readings to choose
        from: the reviewer sees the new session before choosing an old reading."""
        changes = [change for change in obj.proposed_changes.all() if not change.resolved]
        if not changes:
            return "-"
        # what the page cannot set (a printed date): confirming leaves it open, and says so
        left_open = [c for c in changes if c.field in deliverable_services.LEFT_OPEN_ON_CONFIRM]
        return fragment(
            "deliverable/_proposed_changes.html",
            deliverable=obj,
            changes=changes,
            review=True,
            left_open=left_open,
        )

    @admin.display(description=_("source"), ordering="mandate__resolution__symbol")
    def source(self, obj):
        return f"{obj.mandate.resolution.symbol} {_('para.')} {obj.mandate.paragraph_label}"

    @admin.display(description=_("why it needs review"))
    def reasons(self, obj):
        if not obj.review_reasons:
            return _("proposed") if obj.review_status == "proposed" else ""
        return fragment("_list.html", items=obj.review_reasons, css_class="review-reasons")

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
            fragment(
                "deliverablereview/_decided_message.html",
                summary=obj._review_summary,
                deliverable=obj,
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


class ProposedFieldFilter(admin.SimpleListFilter):
    """The fields changes are proposed for, in staff's words ("due session")."""

    title = _("field")
    parameter_name = "field"

    def lookups(self, request, model_admin):
        fields = model_admin.get_queryset(request).values_list("field", flat=True).distinct()
        return [(name, models.deliverable_field_label(name)) for name in sorted(set(fields))]

    def queryset(self, request, queryset):
        return queryset.filter(field=self.value()) if self.value() else queryset


# What to do with a proposal "Accept" cannot apply (`proposed_changes_accept` refuses it).
NOT_ACCEPTED_HINTS = {
    "no_longer_in_text": _(
        "open the deliverable and decide whether it is still owed. If not, set its progress "
        "to “cancelled” or reject it; if it is, dismiss this proposed change: the deliverable "
        "stays and is shown again as owed."
    ),
    "alternatives": _(
        "open the deliverable, choose the reading its due session follows, then dismiss this "
        "proposed change."
    ),
}
NOT_ACCEPTED_HINT = _(
    "the proposed value cannot be applied as it is (a session the calendar lacks?): set it "
    "on the deliverable, then dismiss this proposed change."
)


#: The characters of a deliverable's title the proposed changes list shows.
DELIVERABLE_SHOWN = 50


class ProposedChangeForm(BidiControlGuard):
    """A proposed title typed here becomes the deliverable's when accepted. A value typed
    for a resolution's own field is refused here if the resolution would refuse it
    ("S41" for a special session): "Accept" could not apply it."""

    bidi_guarded = ("new_value",)

    class Meta:
        model = models.ProposedChange
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        typed = {"resolution", "field", "new_value"} & set(self.changed_data)
        if not typed or self.has_error("new_value") or cleaned.get("deliverable"):
            return cleaned
        proposal = models.ProposedChange(
            resolution=cleaned.get("resolution"),
            field=cleaned.get("field", ""),
            new_value=cleaned.get("new_value", ""),
        )
        why = resolution_services.resolution_proposal_refusal(proposal)
        if why is not None:
            self.add_error("new_value", why)
        return cleaned


@admin.register(models.ProposedChange)
class ProposedChangeAdmin(ListedColumns, admin.ModelAdmin):
    form = ProposedChangeForm
    list_display = [
        "deliverable_shown",
        "field_shown",
        "old_value",
        "new_value",
        "source",
        "created_at",
        "resolved",
    ]
    list_filter = ["resolved", ProposedFieldFilter]
    search_fields = ["deliverable__title", "resolution__symbol", "source"]
    autocomplete_fields = ["deliverable", "resolution"]
    actions = ["accept", "dismiss"]
    list_select_related = ["deliverable__mandate__resolution", "resolution"]
    list_columns = (
        "resolution__symbol",
        "deliverable__title",
        "deliverable__kind",
        "deliverable__mandate__resolution__symbol",
        "deliverable__mandate__paragraph_label",
        "field",
        "old_value",
        "new_value",
        "source",
        "created_at",
        "resolved",
    )

    @admin.display(description=_("deliverable"), ordering="deliverable")
    def deliverable_shown(self, obj: models.ProposedChange) -> str:
        """Where it is and a short title: a whole title pushed the values (what is to be
        decided) off a laptop's screen. A resolution's own value: the resolution."""
        deliverable = obj.deliverable
        if deliverable is None:
            return f"{obj.resolution} ({_('the resolution itself')})"
        title = deliverable.title or deliverable.get_kind_display()
        if len(title) > DELIVERABLE_SHOWN:
            title = title[: DELIVERABLE_SHOWN - 1].rstrip() + "\u2026"
        place = f"{deliverable.mandate.resolution.symbol} {_('para.')} "
        return f"{place}{deliverable.mandate.paragraph_label}: {title}"

    @admin.display(description=_("field"), ordering="field")
    def field_shown(self, obj: models.ProposedChange) -> str:
        """The field as the deliverable's form names it ("due session"), not its column."""
        return obj.field_label

    def _ticked(self, request, queryset):
        """The proposals the person ticked, settled or not: a list filtered to the waiting
        ones would drop one settled meanwhile, and the person would read "0 accepted"
        instead of being told someone else settled it."""
        if request.POST.get("select_across") == "1":
            return queryset
        ticked = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        return self.get_queryset(request).filter(pk__in=ticked)

    def _already_settled(self, request, settled) -> None:
        if settled.already_settled:
            self.message_user(
                request,
                _(
                    "%(count)d of the selected proposed change(s) had already been settled, "
                    "by someone else meanwhile or earlier: nothing was recorded for them."
                )
                % {"count": settled.already_settled},
                messages.WARNING,
            )

    @admin.action(description=_("Accept the selected proposed changes"), permissions=["change"])
    def accept(self, request, queryset):
        ticked = self._ticked(request, queryset)
        with transaction.atomic():  # all the selection or, on an error, nothing
            settled = deliverable_services.proposed_changes_accept(changes=ticked)
            of_resolutions = resolution_services.resolution_proposals_accept(changes=ticked)
        settled.count += of_resolutions.count
        settled.already_settled += of_resolutions.already_settled
        for invalid in of_resolutions.invalid:
            change = invalid.change
            self.message_user(
                request,
                _(
                    "Not accepted: “%(field)s” %(value)s for %(resolution)s: %(why)s Correct "
                    "the proposed value, or set it on the resolution's own page and dismiss "
                    "this proposed change."
                )
                % {
                    "field": change.field_label,
                    "value": change.new_value,
                    "resolution": change.resolution,
                    "why": invalid.why,
                },
                messages.WARNING,
            )
        for field in sorted(of_resolutions.refused):
            self.message_user(
                request,
                _(
                    "Not accepted: “%(field)s” of a resolution is set on the resolution's "
                    "own page; then dismiss this proposed change."
                )
                % {"field": models.resolution_field_label(field)},
                messages.WARNING,
            )
        if settled.count or not (
            of_resolutions.refused
            or of_resolutions.invalid
            or settled.refused
            or settled.disagreeing
            or settled.already_settled
            or settled.superseded
            or settled.decided_since
        ):
            self.message_user(
                request,
                _("%(count)d change(s) accepted.") % {"count": settled.count},
                messages.SUCCESS,
            )
        self._already_settled(request, settled)
        if settled.superseded:
            self.message_user(
                request,
                _(
                    "Not accepted: %(count)d proposed change(s) of deliverables of drafts their "
                    "adopted texts superseded (work on them goes nowhere). Dismiss them, and "
                    "make the change on the adopted deliverable if it is still wanted."
                )
                % {"count": settled.superseded},
                messages.WARNING,
            )
        for decided in settled.decided_since:
            change = decided.change
            self.message_user(
                request,
                _(
                    "Not accepted: %(deliverable)s was confirmed by %(user)s on %(date)s, "
                    "after the new version proposed %(field)s %(new)s (kept %(old)s). A "
                    "person's decision is not undone from this list: if %(new)s is wanted, "
                    "set it on the deliverable; then dismiss this proposed change."
                )
                % {
                    "deliverable": self.deliverable_shown(change),
                    "user": decided.by,
                    "date": date_format(localtime(decided.on), "j M Y"),
                    "field": change.field_label,
                    "new": change.new_value,
                    "old": change.old_value,
                },
                messages.WARNING,
            )
        for field in sorted(settled.refused):
            self.message_user(
                request,
                _("Not accepted: “%(field)s” is decided on the deliverable itself: %(what)s")
                % {
                    "field": models.deliverable_field_label(field),
                    "what": NOT_ACCEPTED_HINTS.get(field, NOT_ACCEPTED_HINT),
                },
                messages.WARNING,
            )
        for change in settled.disagreeing:
            self.message_user(
                request,
                _(
                    "Not accepted: “%(field)s” %(value)s for %(deliverable)s is not its due "
                    "session's (%(session)s), which dates it. Accept the proposed due session "
                    "instead (it carries its body and number), or correct the due session on "
                    "the deliverable; then dismiss this proposed change."
                )
                % {
                    "field": change.field_label,
                    "value": change.new_value,
                    "deliverable": self.deliverable_shown(change),
                    "session": change.deliverable.due_session,
                },
                messages.WARNING,
            )

    @admin.action(
        description=_("Dismiss the selected proposed changes (keep current values)"),
        permissions=["change"],
    )
    def dismiss(self, request, queryset):
        ticked = self._ticked(request, queryset)
        settled = deliverable_services.proposed_changes_dismiss(changes=ticked)
        of_resolutions = resolution_services.resolution_proposals_dismiss(changes=ticked)
        settled.count += of_resolutions.count
        settled.already_settled += of_resolutions.already_settled
        if settled.count or not settled.already_settled:
            self.message_user(
                request, _("%(count)d change(s) dismissed.") % {"count": settled.count}
            )
        self._already_settled(request, settled)
