"""Resolutions (with the import page), their paragraphs and considerations."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import models
from ..highlight import highlight, quote_range
from ..services.ingest import SUPPORTED_SUFFIXES, IngestOutcome, resolution_ingest
from .common import SessionFilter, actor_shown, due_label, text_list


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
        return (
            super()
            .get_queryset(request)
            .annotate(deliverable_total=Count("mandates__deliverables"))
        )

    @admin.display(description=_("extraction warnings"))
    def warnings_list(self, obj: models.Resolution):
        return text_list([str(warning) for warning in obj.warnings or []])

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
                        actor_shown(item.mandate),
                        due_label(
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


@admin.register(models.Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "part", "number", "verb"]
    list_filter = ["part"]
    search_fields = ["resolution__symbol", "text"]
    list_select_related = ["resolution"]
    autocomplete_fields = ["resolution"]


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
