"""The pages staff and mandate holders read: what is due, by session, actor and resolution.

Thin views: the querysets come from selectors, the filters from DeliverableFilter (the same
as the API's), the evidence from highlight and the chart from timeline. Every page runs a
constant number of queries, whatever the number of deliverables.
"""

from __future__ import annotations

import calendar
import uuid
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseBadRequest, QueryDict
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from . import selectors
from .api_params import query_params_problems
from .exports import deliverables_csv_response
from .filters import DEFAULT_MONTHS, ListPageFilter, MonthsField
from .highlight import deliverable_evidence, paragraphs_with_evidence
from .models import CLOSED_PROGRESS, Actor, Deliverable, ReviewStatus
from .services import feeds, outgoing
from .timeline import timeline_layout
from .views import deliverable_reader_of, private_to_reader, reader_not_responsible

# The fields of DeliverableFilter that the list pages offer (the URL accepts them all);
# `status` (progress or review, older links) is shown only to a link that uses it.
FORM_FIELDS = ("body", "actor", "progress", "review", "kind", "assignee", "mine", "q")
SCOPES = ("upcoming", "overdue", "review", "no_deadline", "mine", "all")
# Rows per page of a list (as the API's): a page renders well under 300 ms whatever the total.
PAGE_SIZE = 50
# Filter values a list can never hold, not offered on its form (the address still takes
# them, and the page says why it lists nothing): no list shows rejected deliverables
# (`visible_to`), and the overdue list holds open work only. The other lists hold the
# closed progress states when the Progress filter asks for them (`_closed_asked`).
_REJECTED = {"review": {ReviewStatus.REJECTED.value}}
NEVER_LISTED: dict[str, dict[str, set[str]]] = {
    "upcoming": _REJECTED,
    "overdue": {**_REJECTED, "progress": set(CLOSED_PROGRESS)},
    "review": _REJECTED,
    "no_deadline": _REJECTED,
    "mine": _REJECTED,
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _months(request) -> int:
    """The Upcoming window in months, from ?months= (`MonthsField`: 1 to 60), else 6; a bad
    value is refused with the reason by the filters (`ListPageFilter`), the page lists
    nothing."""
    try:
        return MonthsField(required=False).clean(request.GET.get("months")) or DEFAULT_MONTHS
    except ValidationError:
        return DEFAULT_MONTHS


def _wants_historic(request) -> bool:
    """?historic=1: the overdue deliverables that are historic instead of those chased."""
    return request.GET.get("historic", "").lower() in {"1", "true", "yes", "on"}


def _is_staff(user) -> bool:
    return user.is_authenticated and user.is_staff


def _closed_asked(request) -> tuple[str, ...]:
    """The closed progress states the visitor filters by (Progress, or the older Status):
    the lists of open work hold those too, rather than answering "nothing"."""
    return selectors.progress_closed_asked(
        [*request.GET.getlist("progress"), *request.GET.getlist("status")]
    )


def _scoped(request, scope: str):
    """The queryset behind a list page, before the visitor's filters; the CSV export and
    the timeline use the same function, so a page, its export and its timeline always
    hold the same deliverables."""
    today = timezone.localdate()
    if scope == "upcoming":
        end = add_months(today, _months(request))
        return selectors.deliverable_list_upcoming(
            today=today,
            within_days=(end - today).days,
            user=request.user,
            closed_asked=_closed_asked(request),
        )
    if scope == "overdue":
        return selectors.deliverable_list_overdue(
            today=today, user=request.user, historic=_wants_historic(request)
        )
    if scope == "review":
        if not _is_staff(request.user):
            raise PermissionDenied
        return selectors.deliverable_list_needs_review()
    if scope == "no_deadline":
        return selectors.deliverable_list_no_deadline(
            user=request.user, closed_asked=_closed_asked(request)
        )
    if scope == "mine":
        return selectors.deliverable_list_assigned_to(
            user=request.user, closed_asked=_closed_asked(request)
        )
    return selectors.deliverable_list_for(user=request.user)


def _filters(request, queryset) -> ListPageFilter:
    """The visitor's filters; the request decides which ones a person is offered."""
    return ListPageFilter(request.GET, queryset=queryset, request=request)


def _shown(filterset: ListPageFilter) -> tuple[str, ...]:
    """The filters the form shows: FORM_FIELDS, and `status` when the address uses it (a
    bookmark of before Progress and Review), so what filters the list is on the form."""
    if not filterset.data.get("status"):
        return FORM_FIELDS
    return (*FORM_FIELDS[:2], "status", *FORM_FIELDS[2:])


def _form_fields(filterset: ListPageFilter, *, scope: str) -> list:
    """The form's fields, offering no value this list can never hold (`NEVER_LISTED`)."""
    form = filterset.form
    for name, never in NEVER_LISTED.get(scope, {}).items():
        field = form.fields.get(name)
        if field is not None:
            asked = set(filterset.data.getlist(name))  # shown when asked: what filters it
            field.widget.choices = [
                (value, label)
                for value, label in field.choices
                if value not in never or value in asked
            ]
    return [form[name] for name in _shown(filterset) if name in form.fields]


def _filter_notes(request, scope: str) -> dict:
    """What the page says of a filter value it lists apart or cannot list: the closed
    states it lists because they are asked for; closed states on the overdue list, which
    never holds them (their CSV of all deliverables does); rejected deliverables, which no
    page lists (staff find them in the admin)."""
    progress = dict(Deliverable.Progress.choices)
    closed = [str(progress[state]) for state in _closed_asked(request)]
    notes: dict = {}
    if closed and scope == "overdue":
        query = request.GET.copy()
        for name in ("page", "historic", "months"):
            query.pop(name, None)
        query["scope"] = "all"
        notes["closed_not_listed"] = closed
        notes["closed_export_query"] = _export_query(query).urlencode()
    elif closed and scope != "review":
        notes["closed_listed"] = closed
    asked_review = {*request.GET.getlist("review"), *request.GET.getlist("status")}
    if ReviewStatus.REJECTED in asked_review:
        notes["rejected_asked"] = True
    return notes


def _by_session(deliverables, totals: dict[int | None, int]) -> list[tuple[object, list, int]]:
    """Group deliverables (already in due-date order) by due session, in order of first
    appearance, with each session's total over every page; those without a session last."""
    groups: dict[int | None, tuple[object, list]] = {}
    for item in deliverables:
        groups.setdefault(item.due_session_id, (item.due_session, []))[1].append(item)
    without = groups.pop(None, None)
    ordered = [*groups.items(), *([(None, without)] if without else [])]
    return [(session, items, totals.get(key, len(items))) for key, (session, items) in ordered]


def _session_totals(queryset) -> dict[int | None, int]:
    """How many deliverables each due session has in the whole list (one query)."""
    return dict(queryset.order_by().values_list("due_session").annotate(total=Count("pk")))


def _for_display(deliverables) -> list:
    """Give each row its links and labels once (as plan_pages._for_display): per-row `url`
    tags and `get_*_display` calls cost more than the rest of a list's row."""
    blank = uuid.UUID(int=0)
    deliverable_url = reverse("mandates:deliverable", args=[blank])
    actor_url = reverse("mandates:actor", args=[0])
    review_url = reverse("admin:mandates_deliverablereview_change", args=[0])
    resolution_urls: dict[str, str] = {}
    session_urls: dict[int, str] = {}
    kinds = {value: str(label) for value, label in Deliverable.Kind.choices}
    relations = {value: str(label) for value, label in Deliverable.Relation.choices}
    for item in deliverables:
        mandate = item.mandate
        symbol = mandate.resolution.symbol
        if symbol not in resolution_urls:
            resolution_urls[symbol] = reverse("mandates:resolution", args=[symbol])
        session = item.due_session
        if session is not None and session.pk not in session_urls:
            session_urls[session.pk] = reverse(
                "mandates:session", args=[session.body.code, session.number]
            )
        item.url = deliverable_url.replace(str(blank), str(item.uid))
        item.resolution_url = resolution_urls[symbol]
        item.actor_url = actor_url.replace("/0/", f"/{mandate.actor_id}/")
        item.session_url = session_urls.get(item.due_session_id, "")
        item.review_url = review_url.replace("/0/", f"/{item.pk}/")
        item.label = item.title or kinds.get(item.kind, item.kind)
        item.relation_label = relations.get(item.due_relation, "")
    return deliverables


def _actor_in_table(filterset: ListPageFilter) -> Actor | None:
    """The Actor the list is filtered by, for its feed's link: none for the name of an
    actor outside the table (which has no feed)."""
    actor = filterset.form.cleaned_data.get("actor")
    return actor if isinstance(actor, Actor) else None


def _filter_errors(filterset: ListPageFilter) -> list[str]:
    """Why the filters in the URL are invalid, for the fields the form does not show
    (the form shows its own fields' errors beside them)."""
    form = filterset.form
    return [
        f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        if name not in _shown(filterset)
        for error in errors
    ]


def _filtered(filterset: ListPageFilter):
    """The deliverables and the HTTP status: an invalid filter (an unknown actor, a bad
    date) lists nothing and answers 400, rather than silently listing everything."""
    if not filterset.is_valid():
        return filterset.queryset.none(), 400
    return filterset.qs, 200


def _paginated(request, queryset) -> tuple[list, dict]:
    """One page of the list (?page=, PAGE_SIZE rows) and what _list_pages.html shows of it:
    the count, the rows shown, and the other parameters (the filters) its links keep."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    navigation = {
        "page": page,
        "query": query.urlencode(),
        "count": page.paginator.count,
        "first": page.start_index(),
        "last": page.end_index(),
    }
    return list(page.object_list), navigation


def _one(values: list | None):
    """The only value of a repeatable filter, else None."""
    return values[0] if values and len(values) == 1 else None


def _list_page(
    request, *, scope: str, template: str, grouped: bool = False, others=None, **context
):
    """A filtered list page: the filter form, one page of deliverables, the CSV export link;
    `others_count`: how many of `others` (a related list) the same filters keep."""
    filterset = _filters(request, _scoped(request, scope))
    queryset, status = _filtered(filterset)
    if others is not None:
        context["others_count"] = filterset.filter_queryset(others).count() if status == 200 else 0
    deliverables, pagination = _paginated(request, queryset)
    _for_display(deliverables)
    export_query = _export_query(request.GET)
    export_query["scope"] = scope
    if grouped:
        context["groups"] = _by_session(deliverables, _session_totals(queryset))
    return render(
        request,
        template,
        {
            "filterset": filterset,
            "form_fields": _form_fields(filterset, scope=scope),
            **_filter_notes(request, scope),
            "deliverables": deliverables,
            "pagination": pagination,
            "current": scope,
            "export_query": export_query.urlencode(),
            "filter_errors": _filter_errors(filterset),
            # The valid fields' values, even when another field is invalid; a feed is
            # offered for one body (`body` is repeatable, any of them).
            "selected_body": _one(filterset.form.cleaned_data.get("body")),
            "selected_actor": _actor_in_table(filterset),
            "today": timezone.localdate(),
            **context,
        },
        status=status,
    )


@require_safe
def upcoming(request):
    """What is due in the next months (6 unless ?months=), grouped by session."""
    months = _months(request)
    return _list_page(
        request,
        scope="upcoming",
        template="mandates/upcoming.html",
        grouped=True,
        months=months,
        window_end=add_months(timezone.localdate(), months),
        feed_tokens=list(selectors.feed_token_list_active(user=request.user)[:1]),
    )


@require_safe
def overdue(request):
    """Deliverables whose due date has passed and that are not submitted or closed; the
    historic ones (long overdue when ingested, never reminded) apart, behind ?historic=1,
    each list saying how many the other holds with the same filters."""
    historic = _wants_historic(request)
    others = selectors.deliverable_list_overdue(
        today=timezone.localdate(), user=request.user, historic=not historic
    )
    switch = request.GET.copy()
    switch.pop("page", None)
    if historic:
        switch.pop("historic", None)
    else:
        switch["historic"] = "1"
    return _list_page(
        request,
        scope="overdue",
        template="mandates/overdue.html",
        others=others,
        historic=historic,
        others_query=switch.urlencode(),
    )


@require_safe
@login_required
def review(request):
    """Deliverables waiting for a person's decision (staff only)."""
    if not request.user.is_staff:
        raise PermissionDenied
    return _list_page(request, scope="review", template="mandates/review.html")


@require_safe
def no_deadline(request):
    """Deliverables with no deadline (a compilation, consultations): still owed, and easy to
    forget without a date."""
    return _list_page(request, scope="no_deadline", template="mandates/no_deadline.html")


@require_safe
@login_required
def assigned_to_me(request):
    """Everything open assigned to the person, whatever its date (or none)."""
    return _list_page(
        request,
        scope="mine",
        template="mandates/mine.html",
        no_contact=not selectors.user_has_contact(user=request.user),
    )


#: What /export.csv reads: the list pages' filters, which list (`scope`) and, for the
#: overdue one, `historic`; any other parameter answers 400, as the API's addresses do.
EXPORT_PARAMS = frozenset({*ListPageFilter.base_filters, "scope", "historic"})


def _export_query(query: QueryDict) -> QueryDict:
    """A list's address as its export takes it: the parameters the export reads (the
    page's own, `page`, and any other the list page let through, left out)."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if name in EXPORT_PARAMS:
            kept.setlist(name, values)
    return kept


def _refused(message: str, *, status: int = 400) -> HttpResponse:
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    if status == 401:
        response["WWW-Authenticate"] = "Token"
    return response


def _token_reader(request) -> HttpResponse | None:
    """`Authorization: Token <key>`, as the API takes it: the export is then that person's
    (a nightly job gets what they get signed in, staff columns included). A bad token, or
    one sent as Bearer, answers 401 as the API does; without the header, or with another
    scheme (a proxy's Basic), the export is the session's, or the public one."""
    scheme = get_authorization_header(request).split()[:1]
    if scheme and scheme[0].lower() == b"bearer":
        return _refused(_("Give the API token as: Authorization: Token <key>"), status=401)
    try:
        found = TokenAuthentication().authenticate(request)
    except AuthenticationFailed as error:
        return _refused(str(error.detail), status=401)
    if found is not None:
        request.user = found[0]
    return None


@require_safe
def export_csv(request):
    """The list a page shows, with the same filters, as CSV: ?scope=upcoming|overdue|review.
    Signed in, or with an API token (`_token_reader`); an unknown parameter, or `scope` or
    a one-value filter given twice, answers 400 rather than the list unfiltered."""
    refused = _token_reader(request)
    if refused is not None:
        return refused
    response = _export_csv(request)
    patch_vary_headers(response, ["Authorization"])
    return response


def _export_csv(request):
    problems = query_params_problems(
        request.GET, path=request.path, accepted=set(EXPORT_PARAMS), once={"scope", "historic"}
    )
    if problems:
        return _refused(
            "\n".join([_("Invalid parameters:"), *(m for ms in problems.values() for m in ms)])
        )
    scope = request.GET.get("scope", "all")
    if scope not in SCOPES:
        return HttpResponseBadRequest(
            _("Unknown scope %(scope)r: use one of %(scopes)s.")
            % {"scope": scope, "scopes": ", ".join(SCOPES)},
            content_type="text/plain; charset=utf-8",
        )
    if scope == "mine" and not request.user.is_authenticated:
        return HttpResponseBadRequest(
            _("scope=mine lists the deliverables assigned to you: sign in first."),
            content_type="text/plain; charset=utf-8",
        )
    filterset = _filters(request, _scoped(request, scope))
    if not filterset.is_valid():
        errors = [
            str(error) if name == "__all__" else f"{name}: {error}"
            for name, errors in filterset.form.errors.items()
            for error in errors
        ]
        return HttpResponseBadRequest(
            "\n".join([_("Invalid filters:"), *errors]), content_type="text/plain; charset=utf-8"
        )
    return deliverables_csv_response(
        filterset.qs,
        filename=f"deliverables-{scope}.csv",
        # E-mail addresses of the people responsible are for staff only.
        personal_data=_is_staff(request.user),
        max_rows=settings.EXPORT_MAX_ROWS,
    )


@require_safe
def session_detail(request, code: str, number: int):
    """Everything due for one session, with its dates and whether they are estimated."""
    session = selectors.session_get(code=code, number=number)
    if session is None:
        raise Http404(_("No such session"))
    deliverables, pagination = _paginated(
        request, selectors.deliverable_list_for(user=request.user).filter(due_session=session)
    )
    return render(
        request,
        "mandates/session.html",
        {
            "session": session,
            "parts": list(session.parts.order_by("start", "kind")),
            "deliverables": _for_display(deliverables),
            "pagination": pagination,
            "considerations": selectors.consideration_list_for_session(
                session=session, user=request.user
            ),
            "export_query": f"session={session.body.code}-{session.number}",
            "today": timezone.localdate(),
        },
    )


@require_safe
def actor_detail(request, pk: int):
    """What one actor is asked to deliver."""
    actor = selectors.actor_get(pk=pk)
    if actor is None:
        raise Http404(_("No such actor"))
    deliverables, pagination = _paginated(
        request, selectors.deliverable_list_for(user=request.user).filter(mandate__actor=actor)
    )
    return render(
        request,
        "mandates/actor.html",
        {
            "actor": actor,
            "deliverables": _for_display(deliverables),
            "pagination": pagination,
            "export_query": urlencode({"actor": actor.name}),
            "today": timezone.localdate(),
        },
    )


@require_safe
def deliverable_detail(request, uid):
    """One deliverable: deadline, status, evidence in its paragraph, calendar file."""
    reader = deliverable_reader_of(request, uid)
    deliverable = selectors.deliverable_get_for(uid=uid, user=request.user, reader=reader)
    if deliverable is None:
        refused = reader_not_responsible(request, uid, reader)
        if refused is not None:
            return refused
        raise Http404(_("No such deliverable"))
    response = render(
        request,
        "mandates/deliverable.html",
        {
            "deliverable": deliverable,
            "evidence": deliverable_evidence(deliverable),
            "today": timezone.localdate(),
            # no calendar file (it answers 410 Gone) and no reminders for a rejected one
            "rejected": ReviewStatus.REJECTED
            in (deliverable.review_status, deliverable.mandate.review_status),
            # the calendar file opens for the same reader (the item may not be public)
            "reader_query": (
                f"?{outgoing.READER_PARAMETER}={request.GET[outgoing.READER_PARAMETER]}"
                if reader
                else ""
            ),
        },
    )
    if reader is not None:
        private_to_reader(response)
    return response


@require_safe
def resolution_detail(request, symbol: str):
    """The operative paragraphs of a resolution, each deliverable's evidence marked."""
    resolution = selectors.resolution_get(symbol=symbol)
    if resolution is None:
        raise Http404(_("No such resolution"))
    deliverables = list(
        selectors.deliverable_list_for(user=request.user)
        .filter(mandate__resolution=resolution)
        .order_by("position", "pk")
    )
    paragraphs = selectors.paragraph_list_operative(resolution=resolution)
    return render(
        request,
        "mandates/resolution.html",
        {
            "resolution": resolution,
            # a deliverable the text no longer asks for has no paragraph of this version:
            # its old number may now be another request's
            "blocks": paragraphs_with_evidence(
                paragraphs, [d for d in deliverables if not d.no_longer_in_text]
            ),
            "dropped": [d for d in deliverables if d.no_longer_in_text],
            "deliverables": deliverables,
            "considerations": selectors.consideration_list_for_resolution(
                resolution=resolution, user=request.user
            ),
            "today": timezone.localdate(),
        },
    )


def _due_days(queryset) -> list[tuple[date, int, str]]:
    """What each day's marker says: the deliverable's title (or kind), or how many are due."""
    kinds = dict(Deliverable.Kind.choices)
    return [
        (
            day,
            due,
            (title or str(kinds.get(kind, kind)))
            if due == 1
            else ngettext("%(count)d deliverable", "%(count)d deliverables", due) % {"count": due},
        )
        for day, due, title, kind in selectors.due_day_list(deliverables=queryset)
    ]


@require_safe
def timeline(request):
    """The home page's list on a date axis (an inline SVG), for ?months= ahead: the same
    deliverables for the same filters (`_scoped`, "upcoming"), one dot per due date
    (counted in the database), and the deliverables a page at a time."""
    today = timezone.localdate()
    months = _months(request)
    start, end = today, add_months(today, months)
    filterset = _filters(request, _scoped(request, "upcoming"))
    queryset, status = _filtered(filterset)
    deliverables, pagination = _paginated(request, queryset)
    _for_display(deliverables)
    chart = timeline_layout(
        sessions=selectors.session_list_between(start=start, end=end),
        days=_due_days(queryset),
        start=start,
        end=end,
        today=today,
    )
    return render(
        request,
        "mandates/timeline.html",
        {
            "chart": chart,
            "deliverables": deliverables,
            "pagination": pagination,
            "months": months,
            "filterset": filterset,
            "form_fields": _form_fields(filterset, scope="upcoming"),
            **_filter_notes(request, "upcoming"),
            "filter_errors": _filter_errors(filterset),
            "today": today,
        },
        status=status,
    )


@require_safe
def calendars(request):
    """Every calendar one can subscribe to, and the person's private one."""
    return render(
        request,
        "mandates/calendars.html",
        {
            "bodies": selectors.body_list(),
            "feed_tokens": list(selectors.feed_token_list_active(user=request.user)),
            "no_contact": request.user.is_authenticated
            and not selectors.user_has_contact(user=request.user),
        },
    )


@require_POST
def private_calendar(request):
    """A person's own private calendar link, from /calendars/: create it (their contact
    linked: the feed lists what is assigned to it), replace it with a new one or revoke
    it; then back to the page, which shows the link. The admin's *Feed tokens* do the same
    for staff (and more)."""
    calendars_url = reverse("mandates:calendars")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('mandates:login')}?{urlencode({'next': calendars_url})}")
    action = request.POST.get("action")
    if action == "create":
        if not selectors.user_has_contact(user=request.user):
            raise PermissionDenied(  # the 403 page: "the permission this needs: ..."
                _(
                    "a contact linked to your user, whose assigned deliverables the "
                    "calendar lists (ask an administrator to link yours)"
                )
            )
        _token, created = feeds.feed_token_create_own(user=request.user, label=_("my calendar"))
        messages.success(
            request,
            _("Your private calendar link is below: subscribe to it in your calendar app.")
            if created
            else _("You already have a private calendar link: it is below."),
        )
    elif action in ("replace", "revoke"):
        feed_token = selectors.feed_token_get_own(
            user=request.user, pk=request.POST.get("token"), revoked_too=True
        )
        if feed_token is None:
            raise Http404(_("No such calendar link"))
        if action == "replace" and feeds.feed_token_rotate(feed_token=feed_token):
            said = _(
                "Your private calendar link was replaced: the old one no longer works, and "
                "calendars subscribed to it drop its events. Subscribe to the new link below."
            )
        elif action == "revoke" and feeds.feed_token_revoke(feed_token=feed_token):
            said = _(
                "Your private calendar link was revoked: it no longer works, and calendars "
                "subscribed to it drop its events."
            )
        else:  # done already: a second click, another tab
            said = _(
                "This calendar link was already replaced or revoked (in another tab or "
                "window?): the link that works now, if any, is below."
            )
        messages.success(request, said)
    else:
        return HttpResponseBadRequest(_("Create, replace or revoke: nothing else."))
    return redirect(f"{calendars_url}#private-heading")


@require_safe
def due_date_rules(request):
    """How session deadlines become dates: each body's rules, which due dates link to."""
    from .services.schedule import due_date_rule_describe

    bodies = selectors.body_list().prefetch_related("due_date_rules")
    return render(
        request,
        "mandates/due_date_rules.html",
        {
            "bodies": [
                (
                    body,
                    [
                        (rule, due_date_rule_describe(rule=rule, body=body))
                        for rule in body.due_date_rules.all()
                    ],
                )
                for body in bodies
            ]
        },
    )


def csrf_failure(request, reason: str = ""):
    """A form sent with a missing or stale CSRF token (settings.CSRF_FAILURE_VIEW): the
    site's page saying the form expired and what to do, instead of Django's bare one."""
    context = {"reason": reason, "no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)
