"""Resolutions (with the import page), their paragraphs and considerations."""

import re
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import actions as admin_actions
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import models, selectors
from ..extraction import EXTRACTOR_VERSION
from ..extraction.readers import SUPPORTED_SUFFIXES, SUPPORTED_TYPES
from ..highlight import paragraphs_with_evidence
from ..services.drafts import (
    resolution_delete,
    resolution_delete_not_carried_back,
    resolution_drafts_handed_on,
    resolution_drafts_kept,
    resolution_former_copies,
    resolution_kept_open,
    resolution_kept_open_refusal,
    resolution_superseded,
)
from ..services.ingest import (
    IngestOutcome,
    resolution_ingest_uploads,
    resolutions_read_again,
    size_label,
    upload_limit_bytes,
)
from ..services.resolutions import resolution_mark_edited
from ..services.source_files import UPLOAD_AGAIN, source_file_missing, source_file_open
from .common import (
    BidiControlGuard,
    HistoryAdmin,
    KeptByComments,
    ListedColumns,
    SessionFilter,
    StaleEditGuard,
    SupersededDraftPages,
    actor_shown,
    change_link,
    due_label,
    fragment,
    text_list,
)


class ParagraphInline(admin.TabularInline):
    model = models.Paragraph
    extra = 0
    readonly_fields = ("position", "part", "number", "verb", "text")
    fields = readonly_fields
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
    """The files to import, as field "files" (added here: a class attribute of that name
    would hide the form's own `files`), offered with the types and size limit ingest takes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"] = MultipleFileField(
            label=_("Resolution files"),
            help_text=_("One or several %(types)s files, at most %(limit)s each.")
            % {"types": SUPPORTED_TYPES, "limit": size_label(upload_limit_bytes())},
        )
        self.fields["files"].widget.attrs["accept"] = ",".join(sorted(SUPPORTED_SUFFIXES))


class SpecialSessionFilter(admin.SimpleListFilter):
    """The special sessions the stored texts were adopted at ("S-41"), or any of them."""

    title = _("special session")
    parameter_name = "special_session"
    ANY = "any"

    def lookups(self, request, model_admin):
        labels = (
            models.Resolution.objects.exclude(special_session="")
            .values_list("special_session", flat=True)
            .distinct()
        )
        # "S-9" before "S-41"; emergency special sessions ("ES-11") after the special ones
        ordered = sorted(labels, key=lambda label: (label.split("-")[0], int(label.split("-")[1])))
        return [(self.ANY, _("any special session")), *((label, label) for label in ordered)]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if value == self.ANY:
            return queryset.exclude(special_session="")
        if not re.fullmatch(models.SPECIAL_SESSION_PATTERN, value):
            # a hand-edited address: the admin says it is wrong
            raise IncorrectLookupParameters(f"{self.parameter_name}: not a special session")
        return queryset.filter(special_session=value)


class ConsiderationForm(StaleEditGuard):
    """A page opened before another person's save (or a new version of the text) is
    refused (`StaleEditGuard`): it would put back the session and review it was opened
    with. Serves the consideration's page and the resolution's inline alike."""


class ConsiderationInline(admin.TabularInline):
    """When the body takes the question up again, read from the text."""

    model = models.Consideration
    form = ConsiderationForm
    extra = 0
    fields = [
        "paragraph_label",
        "session",
        "alternatives",
        "review_status",
        "review_reasons",
        "loaded_version",
    ]
    readonly_fields = ["paragraph_label", "alternatives", "review_reasons"]
    autocomplete_fields = ["session"]
    show_change_link = True

    def get_fields(self, request, obj=None):
        """A row that cannot be saved shows no form bookkeeping (`StaleEditGuard`)."""
        fields = super().get_fields(request, obj)
        if self.has_change_permission(request, obj):
            return fields
        return [name for name in fields if name != "loaded_version"]


class ResolutionForm(BidiControlGuard, StaleEditGuard):
    """The title, shown in e-mails and pages, takes no direction controls. A page opened
    before another person's save, or before a new version of the text (an import, "Read
    again", `ingest --stored`) stored its header, is refused (`StaleEditGuard`): it would
    put back the title, symbol, session, adoption date and agenda item it was opened with."""

    class Meta:
        model = models.Resolution
        exclude = ["text", "extraction", "warnings", "edited_fields"]


@admin.register(models.Resolution)
class ResolutionAdmin(ListedColumns, SupersededDraftPages, KeptByComments, HistoryAdmin):
    superseded_what = "draft"
    form = ResolutionForm
    list_display = [
        "symbol",
        "title",
        "status",
        "body",
        "session_shown",
        "adopted_on",
        "deliverable_count",
        "extractor_version",
    ]
    list_filter = ["status", "body", SessionFilter, SpecialSessionFilter]
    search_fields = ["symbol", "title", "special_session", "text"]
    list_select_related = ["body", "session__body"]
    list_columns = (
        "symbol",
        "title",
        "status",
        "body__code",
        "session__number",
        "session__body__code",
        "special_session",
        "adopted_on",
        "extractor_version",
    )
    date_hierarchy = "adopted_on"
    autocomplete_fields = ["session"]
    readonly_fields = [
        "status",
        "superseded_by",
        "draft_list",
        "operative_part",
        "original_file",
        "source_name",
        "checksum",
        "extractor_version",
        "warnings_list",
        "proposed_changes_open",
        "created_at",
        "updated_at",
    ]
    # source_file: shown as original_file
    exclude = ["text", "extraction", "warnings", "source_file", "edited_fields"]
    change_list_template = "admin/mandates/resolution/change_list.html"
    delete_selected_confirmation_template = (
        "admin/mandates/resolution/delete_selected_confirmation.html"
    )
    actions = ["delete_selected", "read_again"]  # delete_selected: this class's own
    inlines = [ConsiderationInline]

    def get_queryset(self, request):
        """Each resolution's deliverables counted apart (a subquery): counted by a join and
        GROUP BY, the database grouped every column, the text and extraction included."""
        counted = (
            models.Deliverable.objects.filter(mandate__resolution=OuterRef("pk"))
            .order_by()
            .values("mandate__resolution")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return (
            super().get_queryset(request).annotate(deliverable_total=Coalesce(Subquery(counted), 0))
        )

    def superseded(self, obj: models.Resolution):
        return resolution_superseded(obj)

    def delete_view(self, request, object_id, extra_context=None):
        """The confirmation page names the drafts that become drafts again, and what
        people did on the adopted deliverables that they do not get back."""
        resolution = self.get_object(request, object_id)
        chosen = models.Resolution.objects.filter(pk=resolution.pk if resolution else None)
        extra_context = {**(extra_context or {}), **self._drafts_context(chosen)}
        return super().delete_view(request, object_id, extra_context)

    @admin.action(permissions=["delete"], description=_("Delete selected %(verbose_name_plural)s"))
    def delete_selected(self, request, queryset):
        """Django's "Delete selected", whose confirmation page also names the drafts that
        become drafts again and what they do not get back."""
        response = admin_actions.delete_selected(self, request, queryset)
        if isinstance(response, TemplateResponse):
            response.context_data.update(self._drafts_context(queryset))
        return response

    def get_deleted_objects(self, objs, request):
        """Django's list, except that a superseded draft holding deliverables people
        decided on that the later text does not ask for is not deleted
        (`services.drafts.resolution_delete_guard`): the page says why and links them."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        chosen = models.Resolution.objects.filter(pk__in=[obj.pk for obj in objs])
        by_draft: dict[models.Resolution, list] = {}
        for item in resolution_kept_open(chosen):
            by_draft.setdefault(item.mandate.resolution, []).append(item)
        reasons: list = []
        for draft, items in by_draft.items():
            reasons.append(resolution_kept_open_refusal(draft, items))
            reasons.append(
                [
                    change_link(item, f"para. {item.mandate.paragraph_label}: {item}")
                    for item in items
                ]
            )
        return deleted, counts, set() if reasons else perms_needed, [*reasons, *protected]

    def _drafts_context(self, resolutions) -> dict:
        drafts = resolution_drafts_kept(resolutions)
        return {
            "kept_open": resolution_kept_open(resolutions).exists(),
            "drafts_handed_on": resolution_drafts_handed_on(resolutions),
            "by_revision": not resolutions.filter(status=models.Resolution.Status.ADOPTED).exists(),
            "drafts_restored": drafts,
            "not_carried_back": resolution_delete_not_carried_back(resolutions) if drafts else [],
            "former_copies": resolution_former_copies(resolutions),
        }

    def delete_model(self, request, obj):
        restored = resolution_delete(resolutions=models.Resolution.objects.filter(pk=obj.pk))
        self._drafts_again(request, restored)

    def delete_queryset(self, request, queryset):
        self._drafts_again(request, resolution_delete(resolutions=queryset))

    def _drafts_again(self, request, restored: list[str]) -> None:
        if restored:
            self.message_user(
                request,
                _("Drafts again: %(symbols)s.") % {"symbols": ", ".join(restored)},
                messages.INFO,
            )

    @admin.action(description=_("Read again with the current extractor"), permissions=["change"])
    def read_again(self, request, queryset):
        """The selected resolutions' stored originals read again by the current extractor
        (as `manage.py ingest --stored` does), reported per resolution as the import page
        reports per file."""
        outcomes = resolutions_read_again(
            symbols=list(queryset.values_list("symbol", flat=True)),
            # Someone who may not delete deliverables cannot delete them by reading again.
            may_delete=request.user.has_perm("mandates.delete_deliverable"),
        )
        _review_counts(outcomes)
        self.message_user(request, *_outcomes_message(outcomes))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Read again with the current extractor"),
            "opts": self.model._meta,
            "version": EXTRACTOR_VERSION,
            "outcomes": outcomes,
            "stored": any(outcome.status not in ("failed", "skipped") for outcome in outcomes),
        }
        return TemplateResponse(request, "admin/mandates/resolution/read_again.html", context)

    @admin.display(description=_("original file"))
    def original_file(self, obj: models.Resolution) -> str:
        """A link to the stored original (`original_view`: nothing serves MEDIA_ROOT, so
        the file field's own /media/ link answered 404), or why there is none: a file gone
        from the media folder is said so, with what to do."""
        if not obj.pk:
            return "-"
        name = obj.source_file.name or ""
        if name and not source_file_missing(name):
            url = reverse("admin:mandates_resolution_original", args=[obj.pk])
            return format_html('<a href="{}">{}</a>', url, name)
        if name:
            problem = _("Missing: %(name)s is not in the media folder (MEDIA_ROOT).")
            remedy = _(
                "Restore the media folder from its backup, or upload the same file again "
                "(%(where)s): it is written back."
            )
        else:
            problem = _("None stored.")
            remedy = _("Upload the file again (%(where)s) to keep it with the resolution.")
        return format_html(
            '<strong class="original-missing">{}</strong> {}',
            problem % {"name": name},
            remedy % {"where": UPLOAD_AGAIN},
        )

    @admin.display(description=_("session"), ordering="session__number")
    def session_shown(self, obj: models.Resolution) -> str:
        """The regular session, else the special one ("HRC S-41"): every text shows the
        session that adopted it."""
        return obj.session_label or "-"

    @admin.display(description=_("extraction warnings"))
    def warnings_list(self, obj: models.Resolution):
        return text_list([str(warning) for warning in obj.warnings or []])

    @admin.display(description=_("proposed by a new version"))
    def proposed_changes_open(self, obj: models.Resolution) -> str:
        """What a new version of the text reads otherwise than a value a person set here,
        waiting for a person (accepted or dismissed in Proposed changes)."""
        changes = list(obj.proposed_changes.filter(resolved=False).order_by("pk")) if obj.pk else []
        if not changes:
            return "-"
        return fragment("resolution/_proposed_changes.html", resolution=obj, changes=changes)

    def save_model(self, request, obj, form, change):
        """What the person changed is theirs: a new version of the text proposes, never
        overwrites it."""
        if change:
            resolution_mark_edited(resolution=obj, fields=form.changed_data)
        super().save_model(request, obj, form, change)

    @admin.display(description=_("deliverables"), ordering="deliverable_total")
    def deliverable_count(self, obj):
        return obj.deliverable_total

    @admin.display(description=_("drafts"))
    def draft_list(self, obj: models.Resolution) -> str:
        """The L documents this adopted text superseded, linked."""
        return fragment(
            "resolution/_drafts.html", drafts=obj.drafts.order_by("symbol") if obj.pk else []
        )

    @admin.display(description=_("operative paragraphs and their deliverables"))
    def operative_part(self, obj: models.Resolution) -> str:
        """Each operative paragraph with its evidence marked and its deliverables listed."""
        if not obj.pk:
            return "-"
        items = list(
            models.Deliverable.objects.filter(mandate__resolution=obj)
            .select_related("mandate__actor", "due_session__body", "due_body")
            .order_by("position")
        )
        rules_by_body: dict[int, list[models.DueDateRule]] = {}
        for rule in models.DueDateRule.objects.all():  # one read for every explanation
            rules_by_body.setdefault(rule.body_id, []).append(rule)

        def rows(deliverables: list[models.Deliverable]) -> list[dict]:
            return [
                {
                    "item": item,
                    "actor": actor_shown(item.mandate),
                    "due": due_label(
                        item,
                        rules_by_body.get(item.due_session.body_id, []) if item.due_session else [],
                    ),
                }
                for item in deliverables
            ]

        # As on the public page: a deliverable the text no longer asks for has no paragraph
        # of this version (its old number may now be another request's); listed apart.
        blocks = paragraphs_with_evidence(
            obj.paragraphs.filter(part=models.Paragraph.Part.OPERATIVE),
            [item for item in items if not item.no_longer_in_text],
        )
        for block in blocks:
            block["rows"] = rows(block["deliverables"])
        dropped = rows([item for item in items if item.no_longer_in_text])
        return fragment("resolution/_operative_part.html", blocks=blocks, dropped=dropped)

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="mandates_resolution_import",
            ),
            path(
                "<path:object_id>/original/",
                self.admin_site.admin_view(self.original_view),
                name="mandates_resolution_original",
            ),
            *super().get_urls(),
        ]

    def original_view(self, request, object_id):
        """The stored original file, as a download named as it was given (never shown
        inline: an uploaded HTML file would run on this site). Missing: back to the
        resolution's page, which says so and what to do."""
        resolution = self.get_object(request, unquote(object_id))
        if resolution is None:
            raise Http404(_("no such resolution"))
        if not self.has_view_permission(request, resolution):
            raise PermissionDenied
        name = resolution.source_file.name or ""
        try:
            if not name:
                raise FileNotFoundError(name)
            handle = source_file_open(name)
        except OSError as error:
            problem = (
                _("The original file of %(symbol)s is missing.")
                if isinstance(error, FileNotFoundError)
                else _("The original file of %(symbol)s cannot be read: %(error)s")
            )
            self.message_user(
                request,
                problem % {"symbol": resolution.symbol, "error": error.strerror or error},
                messages.ERROR,
            )
            change = reverse("admin:mandates_resolution_change", args=[resolution.pk])
            return HttpResponseRedirect(change)
        filename = resolution.source_name or Path(name).name
        return FileResponse(handle, as_attachment=True, filename=filename)

    def import_view(self, request):
        """Upload one or several files and see per file what was created or why it failed.
        The files are one batch, as the ingest command reads a folder of them."""
        if not self.has_add_permission(request):
            raise PermissionDenied(_("you need permission to add resolutions"))
        outcomes = []
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            # Someone who may not delete deliverables cannot delete them by uploading.
            may_delete = request.user.has_perm("mandates.delete_deliverable")
            outcomes = resolution_ingest_uploads(
                uploads=form.cleaned_data["files"], may_delete=may_delete
            )
            _review_counts(outcomes)
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
            # The review queue is offered when a file was read, not after failures only.
            "stored": any(outcome.status != "failed" for outcome in outcomes),
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


def _review_counts(outcomes: list[IngestOutcome]) -> None:
    """Each outcome's deliverables waiting in the review queue, for "review them"."""
    waiting = selectors.review_waiting(o.resolution_id for o in outcomes if o.resolution_id)
    for outcome in outcomes:
        outcome.to_review = waiting.get(outcome.resolution_id or 0, 0)


def _outcomes_message(outcomes: list[IngestOutcome]) -> tuple[str, int]:
    """ "Extractor 0.3.26: 1 updated, 2 unchanged, 0 failed.", and how many were skipped
    (their original missing); a warning when one failed or was skipped."""
    counts = {
        status: sum(o.status == status for o in outcomes)
        for status in ("updated", "unchanged", "failed", "skipped")
    }
    text = _(
        "Extractor %(version)s: %(updated)d updated, %(unchanged)d unchanged, %(failed)d failed."
    ) % {"version": EXTRACTOR_VERSION, **counts}
    if counts["skipped"]:
        text += " " + _(
            "%(skipped)d skipped, their original file missing: upload each file again."
        ) % {"skipped": counts["skipped"]}
    warn = counts["failed"] or counts["skipped"]
    return text, messages.WARNING if warn else messages.SUCCESS


@admin.register(models.Paragraph)
class ParagraphAdmin(ListedColumns, admin.ModelAdmin):
    list_display = ["__str__", "part", "number", "verb"]
    list_filter = ["part"]
    search_fields = ["resolution__symbol", "text"]
    list_select_related = ["resolution"]
    list_columns = ("resolution__symbol", "part", "number", "verb")
    autocomplete_fields = ["resolution"]


@admin.register(models.Consideration)
class ConsiderationAdmin(ListedColumns, SupersededDraftPages, HistoryAdmin):
    """ "Decides to continue its consideration ... at its Nth session", with other readings."""

    superseded_what = "consideration"
    form = ConsiderationForm

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
    list_columns = (
        "resolution__symbol",
        "paragraph_label",
        "session__number",
        "session__body__code",
        "body__code",  # named by each row's checkbox (`__str__`) when no session is
        "alternatives",
        "review_status",
        "needs_review",
    )
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
        "loaded_version",
    ]
    actions = ["confirm"]

    def has_add_permission(self, request):
        return False  # read from the text by ingest

    def superseded(self, obj: models.Consideration):
        return resolution_superseded(obj.resolution)

    @admin.action(description=_("Confirm the selected considerations"), permissions=["change"])
    def confirm(self, request, queryset):
        superseded = queryset.filter(resolution__status=models.Resolution.Status.SUPERSEDED)
        if left := superseded.count():
            self.message_user(
                request,
                _(
                    "Left unchanged: %(count)d of the selected considerations, in drafts their "
                    "adopted texts superseded. Confirm the adopted texts' own."
                )
                % {"count": left},
                messages.WARNING,
            )
        count = 0
        for consideration in queryset.exclude(pk__in=superseded.values("pk")):
            # one by one, so the history records who confirmed
            consideration.review_status = models.ReviewStatus.CONFIRMED
            consideration.needs_review = False
            consideration.save()
            count += 1
        self.message_user(request, _("%(count)d confirmed.") % {"count": count})
