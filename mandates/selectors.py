"""Reads: the querysets pages, the API, exports and feeds share."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TypeVar

from django.db.models import Count, Expression, Min, Q, QuerySet

from .models import (
    BY_DUE_DATE,
    CLOSED_PROGRESS,
    TEXT_ORDER,
    Actor,
    Body,
    Consideration,
    Contact,
    Deliverable,
    DeliverableQuerySet,
    FeedToken,
    Paragraph,
    Resolution,
    ReviewStatus,
    Session,
    superseded_draft,
)

DeliverableT = TypeVar("DeliverableT", bound=Deliverable)  # Deliverable or its review proxy
QS = TypeVar("QS", bound=QuerySet)


def deliverable_list() -> DeliverableQuerySet:
    """Deliverables with what every list shows, in a constant number of queries."""
    return Deliverable.objects.select_related(
        "mandate__resolution__body", "mandate__actor", "due_session__body", "due_body"
    ).order_by(*BY_DUE_DATE)


def deliverable_rows(*, columns: tuple[str | Expression, ...], pks: list[int]) -> list[tuple]:
    """Plain rows (values_list) of these deliverables, in no particular order: the API writes
    them without building model instances."""
    return list(Deliverable.objects.filter(pk__in=pks).order_by().values_list(*columns))


def deliverable_rows_of_resolutions(
    *, columns: tuple[str | Expression, ...], resolution_ids: list[int], user=None
) -> list[tuple]:
    """Plain rows of the deliverables of these resolutions that this person may see, as
    their text lists them (`TEXT_ORDER`, as `?resolution=` lists them)."""
    return list(
        Deliverable.objects.visible_to(user)
        .filter(mandate__resolution_id__in=resolution_ids)
        .order_by(*TEXT_ORDER)
        .values_list(*columns)
    )


def deliverable_list_for(*, user=None) -> QuerySet[Deliverable]:
    """What this person may see in lists: see `DeliverableQuerySet.visible_to`."""
    return deliverable_list().visible_to(user)


def progress_closed_asked(values: Iterable[str]) -> tuple[str, ...]:
    """The closed progress states (`CLOSED_PROGRESS`) among the ones a person filters by:
    a list of open work holds them only when asked ("what is already submitted?"), so the
    filter never answers "nothing" for them."""
    asked = set(values)
    return tuple(state for state in CLOSED_PROGRESS if state in asked)


def _open_or_asked(queryset: QS, closed_asked: Iterable[str]) -> QS:
    """Open deliverables, and those in the closed states a person asked for."""
    return queryset.exclude(progress__in=set(CLOSED_PROGRESS) - set(closed_asked))


def deliverable_list_upcoming(
    *, today: date, within_days: int, user=None, closed_asked: Iterable[str] = ()
) -> QuerySet[Deliverable]:
    """Open deliverables due from today up to `within_days` ahead (and those in the
    closed states `closed_asked`): the home page, its CSV and the timeline."""
    return _open_or_asked(
        deliverable_list_for(user=user).filter(
            due_date__gte=today, due_date__lte=today + timedelta(days=within_days)
        ),
        closed_asked,
    )


def deliverable_list_overdue(
    *, today: date, user=None, historic: bool = False
) -> QuerySet[Deliverable]:
    """Open deliverables past their date: those still chased, or (historic=True) those
    already long overdue when their resolution was ingested, which get no reminders."""
    return (
        deliverable_list_for(user=user)
        .filter(due_date__lt=today, is_historic=historic)
        .exclude(progress__in=CLOSED_PROGRESS)
    )


def deliverable_list_no_deadline(
    *, user=None, closed_asked: Iterable[str] = ()
) -> QuerySet[Deliverable]:
    """Open deliverables with no due date at all (no dated session, no printed date, no
    manual date): a compilation, consultations, and deadlines read as a session the calendar
    lacks ("at CSW 61", "at its next session"), which are also flagged for review; and
    those in the closed states `closed_asked`."""
    return _open_or_asked(
        deliverable_list_for(user=user).filter(due_date__isnull=True), closed_asked
    ).order_by(*BY_DUE_DATE)  # none has a date: by resolution and place in the text


def user_has_contact(*, user) -> bool:
    """Whether a contact is linked to this user: work is assigned to contacts, so without
    one "Assigned to me" and the private calendar stay empty (the pages say why)."""
    if user is None or not user.is_authenticated:
        return False
    return Contact.objects.filter(user=user).exists()


def deliverable_list_assigned_to(
    *, user, closed_asked: Iterable[str] = ()
) -> QuerySet[Deliverable]:
    """Open deliverables assigned to this person (through their contact), public or not,
    whatever their date, and those in the closed states `closed_asked`; those without a
    date last."""
    if user is None or not user.is_authenticated:
        return Deliverable.objects.none()
    return _open_or_asked(
        deliverable_list()
        .filter(assignees__user=user)
        .exclude(review_status=ReviewStatus.REJECTED),
        closed_asked,
    ).order_by(*BY_DUE_DATE)


def review_queue(deliverables: QuerySet[DeliverableT]) -> QuerySet[DeliverableT]:
    """What waits for a person's decision: flagged (the text is unclear) or merely proposed,
    never what was rejected or a superseded draft's (its adopted copy waits instead). The
    one filter of the admin's review queue and /review/."""
    return (
        deliverables.filter(Q(needs_review=True) | Q(review_status=ReviewStatus.PROPOSED))
        .exclude(review_status=ReviewStatus.REJECTED)
        .exclude(superseded_draft())
    )


def review_waiting(resolution_ids: Iterable[int]) -> dict[int, int]:
    """How many deliverables of each of these resolutions wait in the review queue (one
    query): what the import page's "review them" would show."""
    rows = (
        review_queue(Deliverable.objects.filter(mandate__resolution__in=set(resolution_ids)))
        .order_by()
        .values_list("mandate__resolution")
        .annotate(waiting=Count("pk"))
    )
    return dict(rows)


def deliverable_list_needs_review() -> QuerySet[Deliverable]:
    """The review queue, oldest first (as the admin's)."""
    return review_queue(deliverable_list()).order_by("created_at", "pk")


def due_day_list(*, deliverables: QuerySet[Deliverable]) -> list[tuple[date, int, str, str]]:
    """(due date, how many are due, title, kind) for each day something is due, counted in
    the database; title and kind are the only deliverable's on a day with one."""
    return list(
        deliverables.order_by("due_date")
        .values_list("due_date")
        .annotate(due=Count("pk"), first_title=Min("title"), first_kind=Min("kind"))
    )


def session_parse(value: str) -> tuple[str | None, int] | None:
    """ "HRC-65", "HRC 65", "hrc65" or "65" -> (body code or None, number)."""
    value = value.strip().replace(" ", "-")
    code, _, number = value.rpartition("-")
    if not code:
        letters = value.rstrip("0123456789")
        code, number = letters, value[len(letters) :]
    if not (number.isascii() and number.isdigit()):  # "³" is a digit int() refuses
        return None
    return (code.upper() or None), int(number)


def session_list() -> QuerySet[Session]:
    return Session.objects.select_related("body").order_by("start")


def session_get(*, code: str, number: int) -> Session | None:
    return session_list().filter(body__code__iexact=code, number=number).first()


def session_list_between(*, start: date, end: date) -> QuerySet[Session]:
    """Sessions that overlap the period, for the timeline."""
    return session_list().filter(end__gte=start, start__lte=end)


def body_list() -> QuerySet[Body]:
    return Body.objects.order_by("code")


def actor_get(*, pk: int) -> Actor | None:
    return Actor.objects.filter(pk=pk).first()


def resolution_get(*, symbol: str) -> Resolution | None:
    return (
        Resolution.objects.select_related("body", "session__body", "superseded_by")
        .filter(symbol=symbol)
        .first()
    )


def paragraph_list_operative(*, resolution: Resolution) -> QuerySet[Paragraph]:
    return resolution.paragraphs.filter(part=Paragraph.Part.OPERATIVE).order_by("position")


def deliverable_responsible(*, deliverable: Deliverable, contacts: Q) -> bool:
    """Whether one of these contacts (a filter on Contact) is among the people the
    deliverable's reminders and escalations go to: assigned to it, a responsible contact of
    its actor, or the actor's focal point. Someone taken off it is no longer, nor is an
    inactive contact (no reminder goes to it)."""
    responsible = Q(assigned_deliverables=deliverable)
    actor_id = deliverable.mandate.actor_id
    if actor_id is not None:
        responsible |= Q(actors=actor_id) | Q(focal_point_for=actor_id)
    return Contact.objects.filter(contacts, is_active=True).filter(responsible).exists()


def deliverable_get_for(*, uid, user=None, reader: Contact | None = None) -> Deliverable | None:
    """One deliverable if this person may see it: what `public()` shows for everyone;
    anything else for staff, and for the people responsible for it
    (`deliverable_responsible`): signed in (through their contact), or as the ``reader``
    an e-mail's signed link names (see `outgoing.deliverable_reader`). A link opens the
    page as long as its reader is responsible, as the person would see it signed in: taken
    off the deliverable, they no longer read it through an old e-mail."""
    deliverables = deliverable_list().select_related("mandate__paragraph").filter(uid=uid)
    deliverable = deliverables.public().first()
    if deliverable is not None:
        return deliverable
    signed_in = user is not None and user.is_authenticated
    if reader is None and not signed_in:
        return None
    deliverable = deliverables.first()
    if deliverable is None:
        return None
    if reader is not None and deliverable_responsible(
        deliverable=deliverable, contacts=Q(pk=reader.pk)
    ):
        return deliverable
    if not signed_in:
        return None
    if user.is_staff or deliverable_responsible(deliverable=deliverable, contacts=Q(user=user)):
        return deliverable
    return None


def deliverable_exists(*, uid) -> bool:
    return Deliverable.objects.filter(uid=uid).exists()


def deliverable_rejected(*, uid) -> bool:
    """Whether the deliverable at this address was rejected (it or its mandate)."""
    return (
        Deliverable.objects.filter(uid=uid)
        .filter(
            Q(review_status=ReviewStatus.REJECTED) | Q(mandate__review_status=ReviewStatus.REJECTED)
        )
        .exists()
    )


def consideration_list_for_resolution(*, resolution: Resolution, user=None):
    """When the body takes this resolution's question up again, as this person may see it."""
    return list(
        Consideration.objects.visible_to(user)
        .filter(resolution=resolution)
        .select_related("session__body", "body")
    )


def consideration_list_for_session(*, session: Session, user=None) -> list[Consideration]:
    """Questions taken up again at this session; for a flagged one, also when this session is
    only another reading of the text (the session page marks those)."""
    found = (
        Consideration.objects.visible_to(user)
        .filter(body=session.body)
        .select_related("resolution", "session__body", "body")
        .order_by("resolution__symbol")
    )
    return [
        item
        for item in found
        if item.session_id == session.pk or session.number in (item.alternatives or [])
    ]


def feed_token_list_active(*, user) -> QuerySet[FeedToken]:
    """The person's private calendar tokens that still work, newest first."""
    if user is None or not user.is_authenticated:
        return FeedToken.objects.none()
    return FeedToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")


def feed_token_get_own(
    *, user, pk: str | int | None, revoked_too: bool = False
) -> FeedToken | None:
    """One of the person's own private calendar tokens that still works (or, with
    ``revoked_too``, one that did); None for anyone else's, a revoked one or no such
    token."""
    if user is None or not user.is_authenticated or not str(pk or "").isdigit():
        return None
    own = FeedToken.objects.filter(user=user) if revoked_too else feed_token_list_active(user=user)
    return own.filter(pk=int(str(pk))).first()
