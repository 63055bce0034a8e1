"""What the admin's modules share: feed links, due-date and reading labels, session filters."""

import re
import unicodedata

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .. import models
from ..extraction.cleaning import BIDI_CONTROLS, without_bidi_controls
from ..services import feeds, planner, schedule
from ..services.deliverables import Reading
from ..services.drafts import Superseded


def fragment(template_name: str, **context: object) -> SafeString:
    """A piece of an admin page, from its template in templates/admin/mandates/."""
    return render_to_string(f"admin/mandates/{template_name}", context)


class HistoryAdmin(SimpleHistoryAdmin):
    """History pages that show and never revert (SIMPLE_HISTORY_REVERT_DISABLED in the
    settings; templates/simple_history/object_history.html says so). Reverting saved an
    old version without what a save from the row's page does: the fields a person owns
    (`edited_fields`), the calendar SEQUENCE and feeds, due dates, a draft's link to its
    adopted text. A version's page stays, to read; a form posted to it is refused.
    Every History page lists its records as people read them: who (the system when no
    person), what (the reason, else created / changed), never "None"."""

    object_history_list_template = "admin/mandates/history_list.html"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)


class ListedColumnsChangeList(ChangeList):
    """A changelist whose page of rows reads only the columns its model admin's
    `list_columns` names. The queryset of the filters, the counts and the actions is
    Django's own: an action gets whole rows, as a save needs them."""

    def get_results(self, request):
        self.queryset = self.queryset.only(*self.model_admin.list_columns)
        super().get_results(request)


class ListedColumns:
    """A list page that reads only what its columns show (`list_columns`: the fields, and
    those of `list_select_related` rows, as `QuerySet.only` takes them), never a
    resolution's text or stored extraction (18 and 27 KB a text: two seconds for 440 of
    them). A column that reads a field not named costs one query per row;
    tests/test_admin_list_columns.py counts them."""

    list_columns: tuple[str, ...] = ()

    def get_changelist(self, request, **kwargs):
        return ListedColumnsChangeList


# For a list that names each row's deliverable (`str(deliverable)`: its title, else its
# kind and mandate): the rows to select with it and the columns read of them.
DELIVERABLE_NAMED_RELATIONS = ["deliverable__mandate__resolution", "deliverable__mandate__actor"]
DELIVERABLE_NAMED_COLUMNS = (
    "deliverable__title",
    "deliverable__kind",
    "deliverable__mandate__resolution__symbol",
    "deliverable__mandate__paragraph_label",
    "deliverable__mandate__actor__name",
    "deliverable__mandate__actor_text",
)


class KeptByComments:
    """For the admins of what people's comments keep from being deleted (resolutions,
    mandates, deliverables: `models.protect_unless_copied`): when comments refuse a delete,
    the page says that (its template's `delete_protected`), not that the person may not
    delete comments (only their authors may), which no permission would change."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        return deleted, counts, set() if protected else perms_needed, protected


def superseded_notice(
    state: Superseded, what: str, *, refused: bool = False, comments: list[str] | None = None
) -> SafeString:
    """What the page of a superseded draft's row says: where the work goes instead."""
    html = fragment(
        "_superseded.html", state=state, what=what, refused=refused, comments=comments or []
    )
    return mark_safe(" ".join(html.split()))  # a template's output, escaped there


# A new comment's text in the deliverable's form (CommentInline): "comments-0-text".
_NEW_COMMENT = re.compile(r"comments-(\d+)-text")


class SupersededDraftPages:
    """The pages of a superseded draft's rows: the draft, its mandates and considerations,
    and the deliverables its adopted text continued or closed. Work there goes nowhere (the
    lists show the adopted text's rows), so each page says where it goes instead, with a
    link, and is read-only (comments included); a save from a page opened before is
    refused with the same words, and the text of a new comment is given back to copy.
    ``superseded_what``: how the notice names the row."""

    superseded_what = ""

    def superseded(self, obj) -> Superseded | None:
        """The row's state (services.drafts), None for a row that takes work."""
        raise NotImplementedError

    def _superseded(self, obj) -> Superseded | None:
        if obj is None or obj.pk is None:
            return None
        if not hasattr(obj, "_superseded_state"):
            obj._superseded_state = self.superseded(obj)
        return obj._superseded_state

    def get_fieldsets(self, request, obj=None):
        """A page that cannot be saved shows no form bookkeeping (`StaleEditGuard`)."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "loaded_version"]})
            for name, options in fieldsets
        ]

    def has_change_permission(self, request, obj=None):
        state = self._superseded(obj)
        if state is not None and state.read_only:
            return False
        return super().has_change_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        state = self._superseded(obj)
        if state is not None:
            allowed = super().has_change_permission(request, obj)
            if request.method == "POST" and state.read_only and allowed:
                comments = [
                    " ".join(text.split())
                    for key, text in request.POST.items()
                    if (found := _NEW_COMMENT.fullmatch(key))
                    and text.strip()
                    and not request.POST.get(f"comments-{found.group(1)}-id")
                ]
                notice = superseded_notice(
                    state, self.superseded_what, refused=True, comments=comments
                )
                self.message_user(request, notice, messages.ERROR)
                return HttpResponseRedirect(request.get_full_path())
            extra_context = {
                **(extra_context or {}),
                "superseded_notice": superseded_notice(state, self.superseded_what),
            }
        return super().change_view(request, object_id, form_url, extra_context)


def change_link(obj, label: str = "") -> SafeString:
    """A link to the object's admin page, labelled with the object unless told otherwise."""
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change"
    return format_html('<a href="{}">{}</a>', reverse(name, args=[obj.pk]), label or obj)


def calendar_links(path: str, label: str = "") -> SafeString:
    """A webcal:// subscribe link and the plain https link of a feed, for admin pages."""
    return fragment(
        "_calendar_links.html", url=path, webcal_url=feeds.webcal_url(path), label=label
    )


def report_recomputed(model_admin: admin.ModelAdmin, request, count: int) -> None:
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
        if not self.value():
            return queryset
        if not (
            self.value().isascii() and self.value().isdigit()
        ):  # a hand-edited address: the admin says it is wrong
            raise IncorrectLookupParameters(f"{self.parameter_name}: not a session")
        return queryset.filter(**{f"{self.parameter_name}_id": self.value()})


class DueSessionFilter(SessionFilter):
    title = _("due session")
    parameter_name = "due_session"
    related_name = "deliverables"


def text_list(texts: list[str]) -> str:
    """A list of sentences (review reasons, warnings) as a list people read, not JSON."""
    return fragment("_list.html", items=texts) if texts else str(_("none"))


def due_label(item: models.Deliverable, rules: list | None = None) -> str:
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


def actor_shown(mandate: models.Mandate) -> str:
    """The Actor, else the extractor's name for an actor outside the table, else the words."""
    return str(mandate.actor or mandate.actor_name or mandate.actor_text)


def reading_choices(
    deliverable: models.Deliverable, readings: list[Reading], proposed: Reading | None = None
) -> list[tuple[str, str]]:
    """Each reading with the date it gives: "HRC 62 (at), other reading: due 6 Apr 2026,
    would already be past (HRC 62 opens ... = 6 Apr 2026)". ``proposed``: the reading a
    new version of the text proposes; the current one of a confirmed item is the one a
    person kept."""
    if not deliverable.pk:
        return []
    today = timezone.localdate()
    bodies = {
        body.code: body for body in models.Body.objects.filter(code__in={r.body for r in readings})
    }
    rules: dict[int, list] = {}
    choices = []
    current = Reading.of(deliverable)
    chosen = bool({"due_session", "due_relation"} & set(deliverable.edited_fields)) or (
        deliverable.review_status == models.ReviewStatus.CONFIRMED
    )
    for reading in readings:
        if reading == proposed:
            origin = _("proposed by the new version of the text")
        elif reading != current:
            origin = _("other reading")
        else:  # the extractor's, unless a person chose it (kept for later with it)
            origin = _("as a person chose") if chosen else _("as proposed")
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
        label = f"{reading}, {origin}"
        if why.due_date is not None:
            label += ": " + _("due %s") % schedule.day_label(why.due_date)
            if why.due_date < today:
                label += ", " + _("would already be past")
        choices.append((reading.value, f"{label} ({why})"))
    return choices


class RecurrenceGuard(forms.ModelForm):
    """Refuses a recurrence typed in a form that the planner cannot count in sessions
    ("every six months", "twice a year"): it would forecast nothing, silently. A value
    the form opened with stands, so that another edit of the row can still be saved."""

    def clean_recurring(self) -> str:
        value = " ".join((self.cleaned_data.get("recurring") or "").split())
        if value and "recurring" in self.changed_data and not planner.recurrence_is_readable(value):
            raise forms.ValidationError(
                _(
                    "The planner cannot count “%(value)s” in sessions, so it would forecast "
                    "nothing. Write “annual”, “biennial”, “every 3 years”, “every 2 sessions” "
                    "or “at each session”, or leave it empty."
                ),
                code="recurrence",
                params={"value": value},
            )
        return value


class BidiControlGuard(forms.ModelForm):
    """Refuses invisible characters that turn the direction of text (U+202E...) in what a
    person types for a title or a name (``bidi_guarded``): e-mail subjects, the
    stop-reminders page and the History would show it reversed. The form comes back with
    them taken out, so the person checks it and saves again. A value the form opened with
    stands, so that another edit of the row can still be saved."""

    bidi_guarded: tuple[str, ...] = ("title",)

    def clean(self):
        cleaned = super().clean()
        for name in self.bidi_guarded:
            value = cleaned.get(name)
            if not isinstance(value, str) or name not in self.changed_data:
                continue
            found = sorted({char for char in value if char in BIDI_CONTROLS})
            if not found:
                continue
            self.data = self.data.copy()  # shown again without them
            self.data[self.add_prefix(name)] = without_bidi_controls(value)
            self.add_error(
                name,
                forms.ValidationError(
                    _(
                        "This holds invisible characters that turn the direction of the text "
                        "after them (%(chars)s): e-mails, pages and the History would show "
                        "it reversed. They were taken out below: check it and save again."
                    ),
                    code="bidi",
                    params={
                        "chars": ", ".join(
                            f"U+{ord(char):04X} {unicodedata.name(char, '').lower()}".strip()
                            for char in found
                        )
                    },
                ),
            )
        return cleaned


class StaleEditGuard(forms.ModelForm):
    """Refuses a save made from a form opened before the row last changed (a new version of
    the text stored meanwhile, or another person's save): it would silently put back the
    values the form was opened with."""

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        versioned = self.versioned()
        if versioned is not None and versioned.pk and versioned.updated_at:
            self.fields["loaded_version"].initial = versioned.updated_at.isoformat()

    def versioned(self):
        """The row whose `updated_at` versions this form's: the row itself, unless its
        changes are part of another's version (an alias, its actor's)."""
        return self.instance

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        instance = self.versioned()
        if instance is None or not instance.pk or not loaded:
            return cleaned
        # Locked until the save commits (the admin's change view is one transaction): nothing
        # can change it between this check and the save. A view outside a transaction
        # (simple-history's revert page) reads it without the lock.
        rows = type(instance)._default_manager.filter(pk=instance.pk)
        if transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        current = rows.values_list("updated_at", flat=True).first()
        if current is not None and current.isoformat() != loaded:
            raise forms.ValidationError(
                _(
                    "This was changed after you opened it (%(when)s, %(by)s). Nothing was "
                    "saved: reload the page, check the new values, then make your changes "
                    "again."
                ),
                code="stale",
                params={
                    "when": formats.localize(timezone.localtime(current)),
                    "by": _changed_by(instance),
                },
            )
        return cleaned


def _changed_by(instance) -> str:
    """Who made the last recorded change: a person, a contact from the link in an e-mail
    (stopping reminders), or a new version of the text. Named as the History names them."""
    record = instance.history.order_by("-history_date", "-history_id").first()
    user = getattr(record, "history_user", None)
    if user is not None:
        return str(_("by %(name)s") % {"name": user.get_full_name() or user.get_username()})
    contact = getattr(record, "history_contact", None)
    if contact is not None:
        return str(_("by %(name)s, from a link in an e-mail") % {"name": contact.name})
    return str(_("by an import of the text or a scheduled task"))


class PeopleAsShown(forms.ModelForm):
    """Saves a list of related rows (assignees, "no reminders for") as the person changed
    it: whom they added to or took off the list the page showed, applied to the rows as
    they are now, and nothing when they left it alone. The list shown comes back with the
    form (Django's hidden initial value). `StaleEditGuard` refuses a save over a newer
    change of the list (every writer moves `updated_at`: `models.deliverable_people_changed`);
    this keeps a contact's opt-out should a writer ever leave the version alone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self._lists():
            self.fields[name].show_hidden_initial = True

    def _lists(self) -> list[str]:
        return [f.name for f in self._meta.model._meta.many_to_many if f.name in self.fields]

    # ModelForm's step that writes the many-to-many fields (`save()` calls it, or
    # `save_m2m()` after `save(commit=False)`); django-stubs does not declare it.
    def _save_m2m(self) -> None:
        held = {
            name: self.cleaned_data.pop(name) for name in self._lists() if name in self.cleaned_data
        }
        try:
            super()._save_m2m()  # type: ignore[misc]  # the others, as Django saves them
        finally:
            self.cleaned_data.update(held)
        for name, chosen in held.items():
            if name not in self.changed_data:
                continue
            bound = self[name]
            # The page wrote primary keys there; anything else ("³", "x": a browser
            # extension, a hand-made request) is no row the page showed.
            shown = {
                int(value)
                for value in bound.field.hidden_widget().value_from_datadict(
                    self.data, self.files, bound.html_initial_name
                )
                if isinstance(value, str) and value.isascii() and value.isdigit()
            }
            chosen_by_pk = {row.pk: row for row in chosen}
            rows = getattr(self.instance, name)
            rows.remove(*(pk for pk in shown if pk not in chosen_by_pk))
            rows.add(*(row for pk, row in chosen_by_pk.items() if pk not in shown))
