"""What the admin's modules share: feed links, due-date and reading labels, session filters."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import models
from ..services import feeds, schedule
from ..services.deliverables import Reading


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
        return (
            queryset.filter(**{f"{self.parameter_name}_id": self.value()})
            if self.value()
            else queryset
        )


class DueSessionFilter(SessionFilter):
    title = _("due session")
    parameter_name = "due_session"
    related_name = "deliverables"


def text_list(texts: list[str]):
    """A list of sentences (review reasons, warnings) as a list people read, not JSON."""
    if not texts:
        return _("none")
    return format_html(
        "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((text,) for text in texts))
    )


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


def due_explanation_html(item: models.Deliverable):
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


def reading_choices(
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
