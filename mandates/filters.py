"""The filters every list shares: the pages, the API and the CSV export."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.conf import settings as filter_settings
from django_filters.fields import MultipleChoiceField

from .models import (
    DELIVERABLE_UPDATED,
    TEXT_ORDER,
    Actor,
    Body,
    Contact,
    Deliverable,
    Resolution,
    ReviewStatus,
    Session,
    actor_shown_as,
    due_to_body,
)
from .selectors import session_parse

STATUS_CHOICES = [*Deliverable.Progress.choices, *ReviewStatus.choices]

_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off"})


class OneOrMoreSelect(forms.Select):
    """A drop-down that picks one value on a page, and reads every value an address
    repeats (`?body=HRC&body=GA`): its field takes each, either matching."""

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        return getlist(name) if getlist is not None else data.get(name)


def _given(values: object) -> list[str]:
    """The values a parameter was given (one, or a list), empty ones left out (`?body=` is
    no filter)."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, (list, tuple)):
        return []
    return [str(value) for value in values if str(value).strip()]


def _takes_several(field: forms.Field) -> bool:
    """Whether the field reads every value of a repeated parameter (progress, body...)."""
    widget = field.widget
    return isinstance(widget, OneOrMoreSelect) or getattr(widget, "allow_multiple_selected", False)


def without_empty_repeats(data):
    """The query with the empty values of a repeated parameter left out: a field that takes
    one value reads the last, so `?session=HRC-65&session=` would drop HRC-65 unsaid."""
    if not isinstance(data, QueryDict):
        return data
    repeated = [name for name, values in data.lists() if len(values) > 1]
    if not repeated:
        return data
    data = data.copy()
    for name in repeated:
        values = data.getlist(name)
        data.setlist(name, _given(values) or values[-1:])
    return data


class OneValueEachForm(forms.Form):
    """The form of a FilterSet: a parameter whose filter takes one value, given twice
    (`?session=HRC-65&session=GA-82`), is an error naming it, where the last value was
    kept and the others dropped unsaid. Filters that take several (body, kind, progress,
    review, status) match any of them."""

    def clean(self):
        cleaned = super().clean()
        getlist = getattr(self.data, "getlist", None)
        if getlist is None:
            return cleaned
        for name, field in self.fields.items():
            values = _given(getlist(name))
            if len(values) > 1 and not _takes_several(field):
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("give %(name)s once: it takes one value (given %(values)s)"),
                        code="repeated",
                        params={"name": name, "values": ", ".join(values)},
                    ),
                )
        return cleaned


class OneValueEachFilterSet(django_filters.FilterSet):
    """A FilterSet whose form refuses a one-value filter given twice (`OneValueEachForm`:
    each subclass's Meta names it) and reads a repeated parameter without its empty values."""

    def __init__(self, data=None, *args, **kwargs) -> None:
        super().__init__(without_empty_repeats(data), *args, **kwargs)


class OneOrMoreChoiceField(MultipleChoiceField):
    """One or more of the choices (`?kind=report&kind=panel`), either matching; shown on a
    page as a drop-down with an empty choice for "any"."""

    widget = OneOrMoreSelect

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.empty_label = filter_settings.EMPTY_CHOICE_LABEL
        self.help_text = ""  # the API schema's description (a page's form shows none)

    def to_python(self, value: object) -> list[str]:
        return super().to_python(_given(value))


class OneOrMoreChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = OneOrMoreChoiceField


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class IsoDateField(forms.DateField):
    """A day written YYYY-MM-DD only: "14/12/2026" or "12/10/26" were read by the locale's
    formats, day and month in an order the reader could not know."""

    def to_python(self, value: object) -> date | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            if _ISO_DAY.fullmatch(text):
                return date.fromisoformat(text)
        except ValueError:
            pass
        raise forms.ValidationError(
            _("%(value)s is not a date: write it as YYYY-MM-DD (2026-12-14)"),
            code="invalid",
            params={"value": value},
        )


class IsoDateFilter(django_filters.DateFilter):
    field_class = IsoDateField


class YesNoField(forms.Field):
    """ "true"/"false" (also 1/0, yes/no, on/off), empty for either: anything else is an
    error, where Django's boolean fields read it as no filter ("maybe") or as yes ("0")."""

    def to_python(self, value: object) -> bool | None:
        if value in (None, "", True, False):
            return value if isinstance(value, bool) else None
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise forms.ValidationError(
            _("%(value)s is not true or false"), code="invalid", params={"value": value}
        )


class YesNoWidget(forms.CheckboxInput):
    """A checkbox on a form that hands the submitted word to `YesNoField` as it came."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class YesNoFilter(django_filters.BooleanFilter):
    field_class = YesNoField


class SessionField(forms.CharField):
    """ "HRC-65", "HRC 65" or "65" (see `session_parse`); anything else is an error."""

    def to_python(self, value: object) -> str | None:
        text = super().to_python(value)
        if not text:
            return text
        parsed = session_parse(text)
        if parsed is None or (parsed[0] is not None and not parsed[0].isalpha()):
            raise forms.ValidationError(
                _('%(value)s is not a session: write "HRC-65" or "65"'),
                code="invalid",
                params={"value": text},
            )
        code = parsed[0]
        if code is not None and not Body.objects.filter(code__iexact=code).exists():
            codes = ", ".join(Body.objects.order_by("code").values_list("code", flat=True))
            raise forms.ValidationError(
                _("%(value)s names no body: use one of %(codes)s"),
                code="invalid",
                params={"value": text, "codes": codes},
            )
        return text


class SessionFilter(django_filters.CharFilter):
    field_class = SessionField


class _NamesTheValue(forms.ModelChoiceField):
    """An unknown value is an error that names it and says what to write, where Django's
    only says "Select a valid choice"."""

    def unknown(self, value: object) -> forms.ValidationError:
        raise NotImplementedError

    def to_python(self, value: object):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if error.code != "invalid_choice":
                raise
            raise self.unknown(value) from error


class BodiesField(forms.ModelMultipleChoiceField):
    """One or more bodies by their codes, in any case ("HRC", "hrc": the feeds' addresses
    take either), either matching; an unknown code is an error naming the codes. Shown on
    a page as a drop-down with an empty choice for "any body"."""

    widget = OneOrMoreSelect

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.empty_label = filter_settings.EMPTY_CHOICE_LABEL
        self.help_text = ""  # the API schema's description (a page's form shows none)

    def clean(self, value: object) -> list[Body]:  # type: ignore[override]  # not a QuerySet
        """The bodies given, in order, each once (one query for them all)."""
        values = _given(value)
        if not values:
            return []
        queryset = self.queryset if self.queryset is not None else Body.objects.all()
        bodies = {body.code.upper(): body for body in queryset}
        unknown = [text for text in values if text.strip().upper() not in bodies]
        if unknown:
            codes = ", ".join(sorted(body.code for body in bodies.values()))
            raise forms.ValidationError(
                [
                    forms.ValidationError(
                        _("%(value)s is not a body: use one of %(codes)s"),
                        code="invalid_choice",
                        params={"value": text, "codes": codes},
                    )
                    for text in unknown
                ]
            )
        return list(dict.fromkeys(bodies[text.strip().upper()] for text in values))


class ActorField(_NamesTheValue):
    """An actor by the name the lists and the API show (`models.actor_shown`), in full: an
    Actor's ("High Commissioner"), or the name of an actor outside the Actor table
    ("Emergency Relief Coordinator"), which comes back as that text; `DeliverableFilter`
    refuses it unless a deliverable the person may see shows it."""

    def to_python(self, value: object) -> Actor | str | None:
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if error.code != "invalid_choice":
                raise
            return str(value)

    def unknown(self, value: object) -> forms.ValidationError:
        return forms.ValidationError(
            _(
                "%(value)s is no actor's name: write it in full, as the lists and the API"
                ' show it (e.g. "High Commissioner")'
            ),
            code="invalid_choice",
            params={"value": value},
        )


class ActorFilter(django_filters.ModelChoiceFilter):
    field_class = ActorField


# "2026-11-05T14:30:15+01:00" in an address not encoded: the "+" arrives as a space.
_OFFSET_AS_SPACE = re.compile(r"(T.*) (\d{2}(?::?\d{2})?)$")


class MomentField(forms.Field):
    """A moment written in ISO 8601 ("2026-11-05T14:30:15.123456+01:00", "...Z"), as the
    API writes `updated`; without an offset, in the site's time zone (TIME_ZONE)."""

    def to_python(self, value: object) -> datetime | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        text = _OFFSET_AS_SPACE.sub(r"\1+\2", str(value).strip())
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError(
                _(
                    "%(value)s is not a date and time: write it in ISO 8601, as `updated`"
                    " gives it (2026-11-05T14:30:15.123456+01:00)"
                ),
                code="invalid",
                params={"value": value},
            ) from None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment


class MomentFilter(django_filters.Filter):
    field_class = MomentField


class BodyFilter(django_filters.ModelMultipleChoiceFilter):
    """`body`, repeatable: the rows of any of the bodies given."""

    field_class = BodiesField

    def filter(self, qs: QuerySet, value: list[Body]) -> QuerySet:
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value})


class ContactChoiceField(_NamesTheValue):
    """A contact by its id, shown by name: the e-mail address (`Contact.__str__`) is for
    staff pages only."""

    def label_from_instance(self, obj: Contact) -> str:
        return obj.name

    def unknown(self, value: object) -> forms.ValidationError:
        return forms.ValidationError(
            _(
                "%(value)s is not a contact: give a contact's id (a number, the value the"
                ' "Assigned to" list sends)'
            ),
            code="invalid_choice",
            params={"value": value},
        )


class ContactFilter(django_filters.ModelChoiceFilter):
    field_class = ContactChoiceField


#: The window of the upcoming list and the timeline (?months=), in months.
DEFAULT_MONTHS = 6
MAX_MONTHS = 60


class MonthsField(forms.IntegerField):
    """A whole number of months from 1 to MAX_MONTHS: anything else is an error that says
    what to write, where the pages read "abc" as 6 months and -5 as one."""

    def to_python(self, value: object) -> int | None:
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            months = super().to_python(value)
        except forms.ValidationError:
            months = None
        if months is None or not 1 <= months <= MAX_MONTHS:
            raise forms.ValidationError(
                _("%(value)s is not a number of months: write a whole number from 1 to %(max)d"),
                code="invalid",
                params={"value": value, "max": MAX_MONTHS},
            )
        return months


class MonthsFilter(django_filters.Filter):
    field_class = MonthsField


class DeliverableFilter(OneValueEachFilterSet):
    body = BodyFilter(
        label=_("Body"),
        queryset=Body.objects.all(),
        to_field_name="code",
        method="filter_body",
        help_text=_('a body\'s code, "HRC" (any case); repeated, any of them'),
    )
    session = SessionFilter(
        label=_("Session"), method="filter_session", help_text='"HRC-65" or "65"'
    )
    actor = ActorFilter(
        label=_("Actor"),
        queryset=Actor.objects.all(),
        to_field_name="name",
        field_name="mandate__actor",
        method="filter_actor",
        help_text=_(
            "an actor's name as a deliverable's `actor` gives it, in full (\"High Commissioner\")"
        ),
    )
    # One filter each for the two kinds of state, combined with AND ("confirmed and
    # submitted"); `status` mixed them with OR and stays for the links that use it.
    progress = django_filters.MultipleChoiceFilter(
        label=_("Progress"), choices=Deliverable.Progress.choices, field_name="progress"
    )
    review = django_filters.MultipleChoiceFilter(
        label=_("Review"), choices=ReviewStatus.choices, field_name="review_status"
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        method="filter_status",
        help_text=_(
            "progress or review status, either matching (older links): use Progress and Review"
        ),
    )
    kind = OneOrMoreChoiceFilter(
        label=_("Kind"),
        choices=Deliverable.Kind.choices,
        field_name="kind",
        help_text=_("repeated, any of them"),
    )
    # Both bounds include their day: due_after=D&due_before=D lists what is due on D.
    due_after = IsoDateFilter(
        label=_("Due on or after"),
        field_name="due_date",
        lookup_expr="gte",
        help_text=_("YYYY-MM-DD; the day itself included"),
    )
    due_before = IsoDateFilter(
        label=_("Due on or before"),
        field_name="due_date",
        lookup_expr="lte",
        help_text=_("YYYY-MM-DD; the day itself included"),
    )
    needs_review = YesNoFilter(label=_("Needs review"))
    resolution = django_filters.CharFilter(
        label=_("Resolution"),
        field_name="mandate__resolution__symbol",
        lookup_expr="iexact",
        help_text=_('its symbol: "A/HRC/RES/59/3"'),
    )
    resolution_status = django_filters.MultipleChoiceFilter(
        label=_("Resolution status"),
        choices=Resolution.Status.choices,
        field_name="mandate__resolution__status",
        help_text=_("adopted, draft, or a draft superseded by its adopted text"),
    )
    no_longer_in_text = YesNoFilter(label=_("No longer in the text"))
    assignee = ContactFilter(
        label=_("Assigned to"),
        queryset=Contact.objects.order_by("name"),
        field_name="assignees",
    )
    mine = YesNoFilter(label=_("Assigned to me"), method="filter_mine", widget=YesNoWidget)
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    # An incremental sync: what changed after a moment (`DELIVERABLE_UPDATED`, the API's
    # `updated`), oldest change first (`filter_queryset`); `after_uid` continues after the
    # last row read at that very moment (the API's `next` link gives both).
    updated_after = MomentFilter(
        label=_("Changed after"),
        method="filter_updated_after",
        help_text=_("ISO 8601 date and time, as `updated` gives it"),
    )
    after_uid = django_filters.UUIDFilter(
        label=_("After the deliverable"),
        method="filter_after_uid",
        help_text=_("with updated_after: the uid of the last deliverable read at that moment"),
    )

    class Meta:
        model = Deliverable
        fields: list[str] = []
        form = OneValueEachForm

    # Who is assigned to what is staff business: offered to, and accepted from, people who
    # are logged in only.
    SIGNED_IN_ONLY = ("assignee", "mine")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        # asked for by someone not signed in: refused, not silently dropped (the list
        # would look like theirs while it holds everything)
        self.refused: list[str] = []
        if user is None or not user.is_authenticated:
            for name in self.SIGNED_IN_ONLY:
                self.filters.pop(name)
                if (self.data or {}).get(name) not in (None, ""):
                    self.refused.append(name)

    def is_valid(self) -> bool:
        valid = super().is_valid() and self._sync_valid() and self._actor_valid()
        if self.refused and not self.form.non_field_errors():
            for name in self.refused:
                self.form.add_error(None, _("%(name)s: sign in to filter by it") % {"name": name})
        return valid and not self.refused

    def _actor_valid(self) -> bool:
        """An actor's name outside the Actor table must be one a deliverable this person may
        see shows: anything else is a typo, refused as an unknown Actor's name is."""
        actor = self.form.cleaned_data.get("actor")
        if not isinstance(actor, str):
            return True
        user = getattr(self.request, "user", None)
        if Deliverable.objects.visible_to(user).filter(actor_shown_as(actor)).exists():
            return True
        field = self.form.fields["actor"]
        assert isinstance(field, ActorField)
        self.form.add_error("actor", field.unknown(actor))
        return False

    def _sync_valid(self) -> bool:
        """`after_uid` continues a walk of `updated_after`: alone it means nothing."""
        data = self.form.cleaned_data
        if data.get("after_uid") is None or data.get("updated_after") is not None:
            return True
        self.form.add_error(
            "after_uid", _("after_uid goes with updated_after (the next link gives both)")
        )
        return False

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """The filters, then the order they ask for: a sync's (`updated_after`) by the last
        change, oldest first, then uid; one resolution's (`resolution`) as its text lists
        them (`TEXT_ORDER`); else the list's own (by due date)."""
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("updated_after") is not None:
            return queryset.order_by("last_change", "uid")
        if data.get("resolution"):
            return queryset.order_by(*TEXT_ORDER)
        return queryset

    def filter_actor(self, queryset: QuerySet, name: str, value: Actor | str) -> QuerySet:
        """The deliverables whose actor is shown by this name (`actor_shown_as`)."""
        return queryset.filter(actor_shown_as(value.name if isinstance(value, Actor) else value))

    def filter_updated_after(self, queryset: QuerySet, name: str, value: datetime) -> QuerySet:
        """Changed after the moment (`DELIVERABLE_UPDATED`); at that very moment, those
        after `after_uid`, when given: ties of one bulk change never straddle a page."""
        after_uid = self.form.cleaned_data.get("after_uid")
        later = Q(last_change__gt=value)
        if after_uid is not None:
            later |= Q(last_change=value, uid__gt=after_uid)
        return queryset.alias(last_change=DELIVERABLE_UPDATED).filter(later)

    def filter_after_uid(self, queryset: QuerySet, name: str, value: uuid.UUID) -> QuerySet:
        return queryset  # read by filter_updated_after

    def filter_mine(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        """Deliverables assigned to the person looking (through their contact)."""
        if not value:
            return queryset
        return queryset.filter(assignees__user=self.request.user)

    def filter_body(self, queryset: QuerySet, name: str, value: list[Body]) -> QuerySet:
        """The body the deliverable is due to (its calendar session's, else the one the text
        names), else the body that adopted the resolution: any of those given."""
        return queryset.filter(reduce(or_, (due_to_body(body) for body in value)))

    def filter_session(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        parsed = session_parse(value)
        if parsed is None:
            return queryset.none()
        code, number = parsed
        # A session the calendar lacks ("CSW-61") still finds what the text says is due at it.
        queryset = queryset.filter(
            Q(due_session__number=number) | Q(due_session=None, due_session_number=number)
        )
        if not code:
            return queryset
        return queryset.filter(
            Q(due_session__body__code=code) | Q(due_session=None, due_body__code=code)
        )

    def filter_status(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        return queryset.filter(Q(progress__in=value) | Q(review_status__in=value))

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(title__icontains=value)
            | Q(quote__icontains=value)
            | Q(mandate__resolution__symbol__icontains=value)
            | Q(mandate__resolution__title__icontains=value)
        )


class ListPageFilter(DeliverableFilter):
    """The list pages' and their CSV's filters: the API's, and how many months ahead the
    upcoming list and the timeline reach (the pages apply it; here it is checked, so a
    bad value answers 400 with the reason as any bad filter does)."""

    months = MonthsFilter(label=_("Months ahead"), method="filter_months")

    def filter_months(self, queryset: QuerySet, name: str, value: int | None) -> QuerySet:
        return queryset  # the window is the list's own (pages._scoped, pages.timeline)


def _body_filter(**kwargs) -> BodyFilter:
    """`body`: a body by its code ("HRC", any case; repeated, any of them), checked as the
    deliverables' (an unknown code is an error naming the codes), on every list of the API."""
    return BodyFilter(
        label=_("Body"),
        queryset=Body.objects.all(),
        to_field_name="code",
        help_text=_('a body\'s code, "HRC" (any case); repeated, any of them'),
        **kwargs,
    )


class SessionListFilter(OneValueEachFilterSet):
    """The API's session calendar: `body` as on the deliverables; `body__code` stays for
    the links and scripts written before `body` was accepted here (any case too)."""

    body = _body_filter(field_name="body")
    body__code = django_filters.CharFilter(field_name="body__code", lookup_expr="iexact")

    class Meta:
        model = Session
        fields = ["body__code", "number", "dates_status"]
        form = OneValueEachForm


class ResolutionListFilter(OneValueEachFilterSet):
    """The API's resolutions: `body` is the body that adopted the text; `symbol` in any
    case, as `?resolution=` on the deliverables; `status` repeatable, any of them."""

    body = _body_filter(field_name="body")
    symbol = django_filters.CharFilter(field_name="symbol", lookup_expr="iexact")
    status = OneOrMoreChoiceFilter(
        label=_("Status"),
        choices=Resolution.Status.choices,
        field_name="status",
        help_text=_("repeated, any of them"),
    )

    class Meta:
        model = Resolution
        fields = ["symbol", "status"]
        form = OneValueEachForm
