"""The tables of Mandate Tracker. Business rules live in mandates/services/."""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mandates.extraction.actors import ACTOR_KINDS, OTHER_KIND

# Ten weeks: the UN "10-4-6" rule for pre-session documents.
DEFAULT_LEAD_TIME_DAYS = 70

# A special ("S-41") or emergency special ("ES-11") session, as the extractor names it: the
# form `Resolution.special_session` holds (its validator and its database constraint).
SPECIAL_SESSION_PATTERN = r"\AE?S-[1-9][0-9]{0,2}\Z"


class Body(models.Model):
    """An organ whose sessions deadlines refer to (HRC, GA, ECOSOC, SC...)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=200)
    default_lead_time_days = models.PositiveIntegerField(
        _("default lead time (days)"),
        default=DEFAULT_LEAD_TIME_DAYS,
        help_text=_("How long before a session opens its documents are due."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.code


class SessionDates(models.Model):
    """What a session and each of its parts state alike: their dates and how sure those
    are, whether they meet on them (`status`: cancelled, or postponed to dates not
    announced), where the dates come from and the SEQUENCE of their calendar event. A
    field one of them states otherwise (a session's status explains itself, a part's
    dates are announced by default) is this one with other options (`field_as`)."""

    class DatesStatus(models.TextChoices):
        HELD = "held", _("held")
        ANNOUNCED = "announced", _("announced")
        ESTIMATED = "estimated", _("estimated")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        POSTPONED = "postponed", _("postponed")
        CANCELLED = "cancelled", _("cancelled")

    start = models.DateField(_("opens"))
    end = models.DateField(_("closes"))
    dates_status = models.CharField(
        _("dates"),
        max_length=16,
        choices=DatesStatus.choices,
        default=DatesStatus.ESTIMATED,
        help_text=_(
            "Held: it took place on these dates. Announced: official dates (the daily task "
            "marks a session held once they are past). Estimated: a guess from the body's "
            "pattern, past or not, until someone confirms the dates or loads them."
        ),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    source = models.CharField(_("source of the dates"), max_length=500, blank=True)
    sequence = models.PositiveIntegerField(
        _("calendar SEQUENCE"),
        default=0,
        help_text=_("Rises each time the dates or the status change."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    @classmethod
    def field_as(cls, name: str, **options: Any) -> models.Field:
        """This model's field `name`, with these options changed (the field stated once)."""
        field = cls._meta.get_field(name)
        assert isinstance(field, models.Field)
        _name, _path, args, kwargs = field.deconstruct()
        return type(field)(*args, **{**kwargs, **options})

    @property
    def is_estimated(self) -> bool:
        return self.dates_status == self.DatesStatus.ESTIMATED

    @property
    def called_off(self) -> bool:
        """Cancelled or postponed: it will not meet on its dates."""
        return self.status != self.Status.SCHEDULED


class Session(SessionDates):
    """A numbered regular session of a body, with dates that may still be estimated, and
    whether it meets on them (`status`: cancelled, or postponed to dates not announced)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="sessions")
    number = models.PositiveIntegerField(_("number"))
    main_part_end = models.DateField(
        _("main part closes"),
        null=True,
        blank=True,
        help_text=_("General Assembly: end of the main part (September-December)."),
    )
    status = SessionDates.field_as(
        "status",
        help_text=_(
            "Cancelled, or postponed with no new dates yet: the due dates counted from its "
            "dates will not hold, and its open deliverables are flagged for a person to "
            "decide (another session, a date set by hand, or deferred or cancelled)."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["body__code", "number"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="session_unique_body_number"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="session_end_after_start",
                violation_error_message=_("A session cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body.code} {self.number}"

    @property
    def opening_estimated(self) -> bool:
        """Its opening day is still an estimate: one that has come is the day it opened, as
        far as the calendar knows (staff move a session that did not), so only its close
        is estimated then, until a person confirms its dates or loads them."""
        return self.is_estimated and self.start > timezone.localdate()

    @property
    def has_closed(self) -> bool:
        """It has taken place: its last day is past and it was not cancelled or postponed.
        Whatever its dates' status: past, estimated dates stay estimated (a guess), and
        only announced ones become held (`schedule.sessions_mark_held`)."""
        return not self.called_off and self.end is not None and self.end < timezone.localdate()

    @property
    def estimated_label(self) -> str:
        """What of its dates is estimated, for the pages and e-mails: "" when none is."""
        if not self.is_estimated:
            return ""
        if self.opening_estimated:
            return str(_("estimated dates"))
        if self.has_closed:
            return str(_("closed; its dates estimated, not the official ones"))
        return str(_("opened; closing date estimated"))

    def day_status_display(self, day: date) -> str:
        """The status of one of its dates (a due date's anchor): "estimated" only while it
        is still one (an estimated opening day that has come is past, "opened")."""
        if self.is_estimated and day == self.start and not self.opening_estimated:
            return str(_("opened"))
        return str(self.get_dates_status_display())


class SessionPart(SessionDates):
    """A part of a session apart from its regular run: a resumed part (the Assembly's
    resumed session, a Council session suspended and resumed) or an organizational
    meeting. Known by its session, kind and opening day."""

    class Kind(models.TextChoices):
        RESUMED = "resumed", _("resumed part")
        ORGANIZATIONAL = "organizational", _("organizational meeting")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="parts", verbose_name=_("session")
    )
    kind = models.CharField(_("part"), max_length=16, choices=Kind.choices)
    dates_status = SessionDates.field_as("dates_status", default=SessionDates.DatesStatus.ANNOUNCED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "start", "kind"]
        verbose_name = _("session part")
        verbose_name_plural = _("session parts")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "kind", "start"], name="session_part_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="session_part_end_after_start",
                violation_error_message=_("A session part cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.get_kind_display()} ({self.start:%d %b %Y})"

    def clean(self) -> None:
        """A resumed part resumes a session that has opened."""
        cached = SessionPart.session.is_cached(self)  # an inline's part of a new session
        session = self.session if cached or self.session_id else None
        if (
            self.kind == self.Kind.RESUMED
            and session is not None
            and self.start is not None
            and session.start is not None
            and self.start <= session.start
        ):
            raise ValidationError(
                {
                    "start": _("A resumed part opens after its session opens (%(day)s).")
                    % {"day": session.start.isoformat()}
                }
            )


class RemovedSessionPart(models.Model):
    """A session part deleted (on its session's admin page, its own, by a script): the
    session calendar keeps its event, cancelled (STATUS:CANCELLED, the same UID, a higher
    SEQUENCE), for `feeds.CANCELLED_KEPT_DAYS`, since Outlook and Google keep an event
    that merely leaves a feed. Written by `feeds.session_part_removed` (a `post_delete`
    receiver connected in apps.py); it goes with its session."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="removed_parts", verbose_name=_("session")
    )
    part_id = models.PositiveBigIntegerField(_("part"), unique=True)  # its event's UID
    kind = models.CharField(_("part"), max_length=16, choices=SessionPart.Kind.choices)
    start = models.DateField(_("opens"))
    end = models.DateField(_("closes"))
    sequence = models.PositiveIntegerField(_("calendar SEQUENCE"))
    removed_at = models.DateTimeField(_("removed"), db_index=True)

    class Meta:
        verbose_name = _("removed session part")
        verbose_name_plural = _("removed session parts")

    def __str__(self) -> str:
        return f"{self.session} {self.get_kind_display()} ({self.start:%d %b %Y}), removed"


def session_parts_changed(sender, *, instance, **kwargs) -> None:
    """`post_save` and `post_delete` of a session part (connected in apps.py): whoever
    adds, changes or deletes it (the session's admin page, `sessions_load`, a script), the
    session's `updated_at` moves, so the session calendar's stamp, and a page of the
    session opened before, see the change."""
    Session.objects.filter(pk=instance.session_id).update(updated_at=timezone.now())


class Resolution(models.Model):
    """A resolution (or its draft, an L document) as read by the extractor, with its file."""

    class Status(models.TextChoices):
        ADOPTED = "adopted", _("adopted")
        DRAFT = "draft", _("draft")
        SUPERSEDED = "superseded", _("draft superseded by its adopted text or a revision")

    symbol = models.CharField(_("symbol"), max_length=64, unique=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.ADOPTED,
        db_index=True,
        help_text=_(
            "A draft (L document) is superseded when its adopted text, or a revision of it "
            "(L.5/Rev.1), is ingested."
        ),
    )
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="drafts",
        verbose_name=_("superseded by"),
        help_text=_(
            "The adopted resolution, or the draft's later revision, that took over this "
            "draft's deliverables."
        ),
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="resolutions")
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="resolutions", null=True, blank=True
    )
    special_session = models.CharField(
        _("special session"),
        max_length=8,
        blank=True,
        validators=[
            RegexValidator(
                SPECIAL_SESSION_PATTERN,
                _('A special session is written "S-41" (emergency special: "ES-11").'),
            )
        ],
        help_text=_(
            'The special session that adopted the text ("S-41", emergency special "ES-11"), '
            "numbered apart from the regular sessions; blank for a regular session's text."
        ),
    )
    number = models.CharField(_("number"), max_length=32, blank=True)
    title = models.TextField(_("title"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    agenda_item = models.CharField(_("agenda item"), max_length=64, blank=True)
    committee_report = models.CharField(_("committee report"), max_length=64, blank=True)
    vote = models.JSONField(_("vote"), null=True, blank=True)
    text = models.TextField(_("clean text"), blank=True)
    source_file = models.FileField(_("original file"), upload_to="resolutions/%Y/", blank=True)
    source_name = models.CharField(_("file name"), max_length=255, blank=True)
    checksum = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True, db_index=True)
    extractor_version = models.CharField(_("extractor version"), max_length=32, blank=True)
    extraction = models.JSONField(_("extraction result"), default=dict, blank=True)
    warnings = models.JSONField(_("extraction warnings"), default=list, blank=True)
    # Like a deliverable's: what a person set on the resolution's page (its title...) a new
    # version of the text never overwrites; what the text reads otherwise is proposed.
    edited_fields = models.JSONField(
        _("fields edited by a person"),
        default=list,
        blank=True,
        help_text=_("Ingesting a new version of the text never overwrites these."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["text", "extraction", "edited_fields"])
    _change_reason: str  # set before a save: the reason its history record gives

    class Meta:
        ordering = ["-adopted_on", "symbol"]
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        constraints = [
            models.CheckConstraint(
                condition=Q(special_session="") | Q(special_session__regex=SPECIAL_SESSION_PATTERN),
                name="resolution_special_session_form",
                violation_error_message=_(
                    'A special session is written "S-41" (emergency special: "ES-11").'
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.symbol

    @property
    def session_label(self) -> str:
        """The session that adopted the text, as staff name it (`session_label`)."""
        if self.session_id is not None:
            return str(self.session)
        return session_label(self.body.code, None, self.special_session)


def session_label(body_code: str, number: int | None, special_session: str) -> str:
    """A resolution's session from plain values: "HRC 41" for a regular session, "HRC S-41"
    for a special one, "" when the text names none (pages, admin and exports say it so)."""
    adopted_at = number if number is not None else special_session
    return f"{body_code} {adopted_at}" if adopted_at else ""


class Paragraph(models.Model):
    """A preambular or operative paragraph (or sub-paragraph) of a resolution."""

    class Part(models.TextChoices):
        PREAMBLE = "preamble", _("preamble")
        OPERATIVE = "operative", _("operative")

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="paragraphs")
    part = models.CharField(_("part"), max_length=16, choices=Part.choices)
    position = models.PositiveIntegerField(_("position"))
    number = models.CharField(_("number"), max_length=32, blank=True, help_text=_('"35" or "7(h)"'))
    verb = models.CharField(_("verb"), max_length=100, blank=True)
    text = models.TextField(_("text"))
    span_start = models.PositiveIntegerField(_("starts at"), null=True, blank=True)
    span_end = models.PositiveIntegerField(_("ends at"), null=True, blank=True)

    class Meta:
        ordering = ["resolution", "position"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "position"], name="paragraph_unique_position"
            ),
        ]

    def __str__(self) -> str:
        label = self.number or self.verb or self.part
        return f"{self.resolution.symbol} {label}"


class HistoryByContact(models.Model):
    """What the history records of contacts and deliverables add to simple-history's:
    the contact who made the change from a link in an e-mail they were sent (stopping
    reminders), who is no user of the admin (`history_user` empty). Set from the saved
    instance's `_history_contact` (`history_contact_record`)."""

    history_contact = models.ForeignKey(
        "mandates.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by contact, from an e-mail link"),
    )

    class Meta:
        abstract = True


def history_contact_record(sender, *, instance, history_instance, **kwargs) -> None:
    """simple-history's `pre_create_historical_record`: the contact the change was made
    for, on the records of models with `HistoryByContact` (connected in apps.py)."""
    if isinstance(history_instance, HistoryByContact):
        history_instance.history_contact = getattr(instance, "_history_contact", None)


class Contact(models.Model):
    """A person or named unit that can be made responsible and receive reminders."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("each reminder as it falls due")
        DIGEST = "digest", _("weekly digest")
        NONE = "none", _("no reminders (opted out)")

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact",
    )
    is_unit = models.BooleanField(_("named unit"), default=False)
    delivery = models.CharField(
        _("reminder delivery"), max_length=16, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    is_active = models.BooleanField(_("active"), default=True)
    # Set when the mail server refused the address for good (services.contacts.
    # contact_undeliverable_mark); no reminder or digest is decided or sent to it until
    # staff change the address or clear the mark.
    undeliverable_since = models.DateTimeField(
        _("address refused since"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When the mail server refused this address for good (a 5xx reply naming the "
            "mailbox): no reminders or digests go to it until the address is changed or "
            "the mark is cleared."
        ),
    )
    undeliverable_error = models.TextField(_("mail server's refusal"), blank=True, editable=False)
    # The admin's page refuses a save from a page opened before it (`StaleEditGuard`).
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    # Who asked for a digest or stopped every reminder, and when (the e-mail link or staff).
    history = HistoricalRecords(excluded_fields=["updated_at"], bases=[HistoryByContact])
    _change_reason: str  # set before a save: the reason its history record gives
    _history_contact: Contact  # set before a save made from this contact's e-mail link

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [models.UniqueConstraint(fields=["email"], name="contact_unique_email")]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class Actor(models.Model):
    """Who is asked to act: an official, an office, a body, a mechanism, States..."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    # The extractor's vocabulary (mandates/extraction/actors.py): one set of kinds everywhere.
    kind = models.CharField(
        _("kind"), max_length=32, choices=list(ACTOR_KINDS.items()), default=OTHER_KIND
    )
    package_entry = models.JSONField(
        _("as the packaged actor table last gave it"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "Kind and aliases from mandates/extraction/data/actors.json at the last "
            "actors_sync; empty for actors staff added. A value that differs from it was "
            "edited by staff and is never overwritten."
        ),
    )
    contacts = models.ManyToManyField(
        Contact, blank=True, related_name="actors", verbose_name=_("responsible contacts")
    )
    focal_point = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="focal_point_for",
        verbose_name=_("focal point for escalations"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])
    _change_reason: str  # set before a save: the reason its history record gives

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")

    def __str__(self) -> str:
        return self.name


class ActorAlias(models.Model):
    """A way texts name an actor ("the Office", "United Nations High Commissioner ...")."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=255, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("actor alias")
        verbose_name_plural = _("actor aliases")

    def __str__(self) -> str:
        return self.alias


class ReviewStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    CONFIRMED = "confirmed", _("confirmed")
    REJECTED = "rejected", _("rejected")


# A proposal nobody reviewed yet, as every reader is told: the pages' badge
# (templates/mandates/_status.html), the e-mails' "Review:" line and the feeds' description.
PROPOSED_NOT_REVIEWED = _("proposed, not yet reviewed")


def review_shown(review_status: str) -> str:
    """A review status as e-mails and feeds print it after "Review: ": a proposal says that
    nobody reviewed it yet (`PROPOSED_NOT_REVIEWED`), the others their label."""
    if review_status == ReviewStatus.PROPOSED:
        return str(PROPOSED_NOT_REVIEWED)
    return str(ReviewStatus(review_status).label)


def shown_publicly() -> Q:
    """The one rule for what anyone may see, logged in or not: what staff confirmed and
    kept public. With the setting PUBLIC_SHOWS_PROPOSALS, unreviewed proposals too (never
    rejected ones). Deliverables and considerations follow it alike."""
    if settings.PUBLIC_SHOWS_PROPOSALS:
        return Q(is_public=True) & ~Q(review_status=ReviewStatus.REJECTED)
    return Q(is_public=True, review_status=ReviewStatus.CONFIRMED)


def _is_staff(user) -> bool:
    return user is not None and user.is_authenticated and user.is_staff


def superseded_draft() -> Q:
    """A deliverable of a draft the adopted text superseded (see `DeliverableQuerySet.current`)."""
    return Q(
        progress=Deliverable.Progress.SUPERSEDED,
        mandate__resolution__status=Resolution.Status.SUPERSEDED,
    )


def _public_deliverable() -> Q:
    """What `public()` shows, as one condition (`visible_to` adds to it). Not what the text
    no longer asks for: a deliverable a new version dropped, or one of a superseded draft
    that the adopted text dropped, stays for the people who worked on it until they decide,
    but is nobody else's news."""
    return (
        shown_publicly()
        & ~Q(mandate__review_status=ReviewStatus.REJECTED)
        & ~Q(no_longer_in_text=True)
        & ~Q(mandate__resolution__status=Resolution.Status.SUPERSEDED)
    )


def public_deliverable() -> Q:
    """What `public()` shows of current deliverables, as one condition on the row and its
    mandate and resolution (no subquery): a column saying whether anyone may see it."""
    return _public_deliverable()


class DeliverableQuerySet(models.QuerySet):
    """The one definition of who sees which deliverable (pages, API, exports and feeds)."""

    def current(self) -> DeliverableQuerySet:
        """Without the deliverables of a draft the adopted text superseded: the adopted
        resolution's own deliverable took over their decisions and calendar UID, so
        listing both would show one task twice."""
        return self.exclude(superseded_draft())

    def public(self) -> DeliverableQuerySet:
        """What anyone may see: see `shown_publicly`; never the deliverables of a
        rejected mandate or a superseded draft."""
        return self.current().filter(_public_deliverable())

    def visible_to(self, user) -> DeliverableQuerySet:
        """What this person may see in lists: staff see every current deliverable not
        rejected (proposals and non-public ones included); a person signed in also what is
        assigned to them (as their private feed shows it; a deliverable's page also opens
        to its actor's contacts and focal point, `selectors.deliverable_get_for`); everyone
        else what `public()` shows."""
        if _is_staff(user):
            return self.current().exclude(review_status=ReviewStatus.REJECTED)
        if user is None or not user.is_authenticated:
            return self.public()
        assigned = Deliverable.assignees.through.objects.filter(contact__user=user).values(
            "deliverable_id"
        )
        return self.current().filter(
            _public_deliverable() | (Q(pk__in=assigned) & ~Q(review_status=ReviewStatus.REJECTED))
        )


class Mandate(models.Model):
    """One request in one operative paragraph, addressed to one actor."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="mandates")
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.SET_NULL, null=True, blank=True, related_name="mandates"
    )
    paragraph_label = models.CharField(_("paragraph"), max_length=32, help_text=_('"35" or "7(h)"'))
    verb = models.CharField(_("verb"), max_length=100, blank=True)
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, null=True, blank=True, related_name="mandates"
    )
    actor_text = models.CharField(_("actor as printed"), max_length=500, blank=True)
    actor_name = models.CharField(
        _("actor as the extractor names it"),
        max_length=500,
        blank=True,
        help_text=_(
            "The extractor's name for an actor not in the Actor table (e.g. \"UNCTAD "
            'secretariat"); empty when the actor is an Actor row.'
        ),
    )
    partners = models.ManyToManyField(
        Actor, blank=True, related_name="partner_mandates", verbose_name=_("partners")
    )
    quote = models.TextField(_("evidence quote"), blank=True)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    review_status = models.CharField(
        _("review"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PROPOSED
    )
    needs_review = models.BooleanField(_("needs review"), default=False)
    review_reasons = models.JSONField(_("review reasons"), default=list, blank=True)
    position = models.PositiveIntegerField(_("position in the extraction"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["resolution", "position"]
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")

    def __str__(self) -> str:
        return f"{self.resolution.symbol} para. {self.paragraph_label}: {self.actor or self.actor_text}"


class Deliverable(models.Model):
    """What a mandate produces, for whom, by when; the unit staff track and calendars show."""

    class Kind(models.TextChoices):
        REPORT = "report", _("report")
        ORAL_UPDATE = "oral update", _("oral update")
        MEETING = "meeting", _("meeting")
        PANEL = "panel", _("panel")
        SEMINAR = "seminar", _("seminar")
        CONSULTATION = "consultation", _("consultation")
        STUDY = "study", _("study")
        COMPILATION = "compilation", _("compilation")
        OTHER = "other", _("other")

    class Relation(models.TextChoices):
        AT = "at", _("at")
        BEFORE = "before", _("before")
        BY = "by", _("by")

    class Progress(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        SUBMITTED = "submitted", _("submitted")
        ISSUED = "issued", _("issued")
        DEFERRED = "deferred", _("deferred")
        NOT_DELIVERABLE = "not_deliverable", _("not deliverable")
        CANCELLED = "cancelled", _("cancelled")
        SUPERSEDED = "superseded", _("superseded")

    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="deliverables")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REPORT)
    count = models.PositiveIntegerField(_("how many"), default=1)
    title = models.CharField(_("title"), max_length=500, blank=True)
    due_session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deliverables",
        verbose_name=_("due session"),
    )
    due_relation = models.CharField(
        _("relation to the session"), max_length=8, choices=Relation.choices, blank=True
    )
    # The deadline as the text gives it, kept even when the calendar has no such session
    # (CSW 61, a working group's session) or no number is printed ("at its next session").
    due_body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("due body as read"),
        help_text=_("The body whose session the text names."),
    )
    due_session_number = models.PositiveIntegerField(
        _("due session number as read"),
        null=True,
        blank=True,
        help_text=_('Empty with a relation: "at its next session", no number printed.'),
    )
    stated_due_date = models.DateField(
        _("date printed in the text"),
        null=True,
        blank=True,
        help_text=_('A full date the text itself gives, e.g. "by 31 May 2026"; empty if none.'),
    )
    computed_due_date = models.DateField(_("computed due date"), null=True, blank=True)
    manual_due_date = models.DateField(
        _("manual due date"), null=True, blank=True, help_text=_("Overrides the computed date.")
    )
    due_date = models.DateField(
        _("due date"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Manual date, else the printed date, else the computed date."),
    )
    alternatives = models.JSONField(_("other readings"), default=list, blank=True)
    recurring = models.CharField(_("recurring"), max_length=32, blank=True)
    recurs_until = models.ForeignKey(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recurs until"),
        help_text=_("The last session a recurring deliverable is owed for (its mandate ends)."),
    )
    review_status = models.CharField(
        _("review"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PROPOSED
    )
    needs_review = models.BooleanField(_("needs review"), default=False, db_index=True)
    review_reasons = models.JSONField(_("review reasons"), default=list, blank=True)
    no_longer_in_text = models.BooleanField(
        _("no longer in the text"),
        default=False,
        db_index=True,
        help_text=_(
            "A new version of the resolution no longer asks for it; kept because a person "
            "worked on it. Decide whether it is still owed."
        ),
    )
    progress = models.CharField(
        _("progress"), max_length=16, choices=Progress.choices, default=Progress.PLANNED
    )
    fulfilled_by = models.CharField(
        _("fulfilling document"), max_length=64, blank=True, help_text=_("e.g. A/HRC/59/36")
    )
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("renews"),
    )
    draft = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_versions",
        verbose_name=_("from the draft"),
        help_text=_("The draft resolution's deliverable whose decisions this one carried over."),
    )
    assignees = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="assigned_deliverables",
        verbose_name=_("assigned to"),
        help_text=_("Overrides the actor's responsible contacts."),
    )
    reminder_opt_outs = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="muted_deliverables",
        verbose_name=_("no reminders for"),
    )
    is_public = models.BooleanField(_("in public feeds"), default=True)
    is_historic = models.BooleanField(
        _("historic (no reminders)"),
        default=False,
        help_text=_(
            "Already long overdue when its resolution was ingested: no reminders or digests. "
            "Untick to have it reminded. A due date today or later is never historic: a "
            "date that moves there clears it."
        ),
    )
    quote = models.TextField(_("evidence quote"), blank=True)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    edited_fields = models.JSONField(
        _("fields edited by a person"),
        default=list,
        blank=True,
        help_text=_("Ingesting a new version of the text never overwrites these."),
    )
    sequence = models.PositiveIntegerField(_("calendar SEQUENCE"), default=0)
    position = models.PositiveIntegerField(_("position in the extraction"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True, db_index=True)
    # Assignments and opt-outs are decisions too: the history keeps who was assigned, and
    # who stopped its reminders, when.
    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        m2m_fields=[assignees, reminder_opt_outs],
        bases=[HistoryByContact],
    )
    # Set before a save, read by django-simple-history: the reason its history record
    # gives, or no record at all for that save; the contact who made it from an e-mail link.
    _change_reason: str
    skip_history_when_saving: bool
    _history_contact: Contact

    objects = DeliverableQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="deliverable_count_positive"),
        ]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} ({self.mandate})"

    @property
    def due_next_session(self) -> bool:
        """ "At its next (first subsequent...) session" (see `due_next_session`)."""
        return due_next_session(
            body_id=self.due_body_id,
            number=self.due_session_number,
            relation=self.due_relation,
            stated_due_date=self.stated_due_date,
        )

    @property
    def due_session_as_read(self) -> str:
        """The due session as the text gives it (see `due_session_text`)."""
        return due_session_text(
            body_code=self.due_body.code if self.due_body is not None else None,
            number=self.due_session_number,
            relation=self.due_relation,
            stated_due_date=self.stated_due_date,
        )

    @property
    def due_session_not_in_calendar(self) -> bool:
        """A session was read (numbered or "next") that the calendar cannot date yet."""
        return due_session_undated(
            session_id=self.due_session_id,
            body_id=self.due_body_id,
            number=self.due_session_number,
            relation=self.due_relation,
            stated_due_date=self.stated_due_date,
        )

    @property
    def due_date_estimated(self) -> bool:
        """The due date counts from a session date that is still an estimate: its close
        (a date after the opening: what is held there), or an opening that has not come."""
        session = self.due_session
        if session is None or self.manual_due_date or self.stated_due_date:
            return False
        if self.due_date is not None and self.due_date > session.start:
            return session.is_estimated
        return session.opening_estimated

    @property
    def body_due_to(self) -> Body:
        """The body the deliverable is due to (see `due_to_body`)."""
        if self.due_session is not None:
            return self.due_session.body
        return self.due_body or self.mandate.resolution.body


def _link_str(text: object, one: str, other: str):
    """A `__str__` for a many-to-many link row Django creates, so delete pages and history
    name both ends ("Bob <bob@un.org> assigned to Report on ...") instead of
    "Deliverable_assignees object (5)"."""

    def __str__(link) -> str:
        return str(text) % {"one": getattr(link, one), "other": getattr(link, other)}

    return __str__


# The link rows' models are created by Django; only their names are given here.
Deliverable.assignees.through.__str__ = _link_str(  # type: ignore[method-assign]
    _("%(one)s assigned to “%(other)s”"), "contact", "deliverable"
)
Deliverable.reminder_opt_outs.through.__str__ = _link_str(  # type: ignore[method-assign]
    _("%(one)s gets no reminders for “%(other)s”"), "contact", "deliverable"
)
Actor.contacts.through.__str__ = _link_str(  # type: ignore[method-assign]
    _("%(one)s responsible for %(other)s"), "contact", "actor"
)


def deliverable_people_changed(sender, *, instance, action, reverse, pk_set, **kwargs) -> None:
    """`m2m_changed` of a deliverable's assignees and "no reminders for" (connected in
    apps.py): whoever changes them (an e-mail's opt-out link, a bulk action, ingest, the
    contact's side of the relation), the deliverable's `updated_at` moves, so an admin page
    opened before is refused as stale (`StaleEditGuard`) rather than putting back the
    people it was opened with."""
    if action == "pre_clear":  # the ids are gone after the clear
        side = "contact_id" if reverse else "deliverable_id"
        ids = set(
            sender.objects.filter(**{side: instance.pk}).values_list("deliverable_id", flat=True)
        )
    elif action in ("post_add", "post_remove") and pk_set:
        ids = set(pk_set) if reverse else {instance.pk}
    else:
        return
    if not ids:
        return
    now = timezone.now()
    Deliverable.objects.filter(pk__in=ids).update(updated_at=now)
    if not reverse:
        instance.updated_at = now


def actor_aliases_changed(sender, *, instance, **kwargs) -> None:
    """`pre_save` and `post_delete` of an alias (connected in apps.py): whoever adds,
    changes, moves or deletes it (the alias's own admin page, the actor's inline, a
    script), the actor's `updated_at` moves, and the former actor's when it moves, so an
    actor page opened before is refused as stale (`StaleEditGuard`) rather than putting
    back the aliases it was opened with. (`bulk_create` sends no signal: `actors_sync`
    saves the actor after it.)"""
    ids = {instance.actor_id}
    if instance.pk is not None:  # the actor it had, should it move to another
        ids.update(sender.objects.filter(pk=instance.pk).values_list("actor_id", flat=True))
    Actor.objects.filter(pk__in=ids).update(updated_at=timezone.now())


def due_next_session(
    *, body_id: object, number: int | None, relation: str | None, stated_due_date: date | None
) -> bool:
    """ "At its next (first subsequent...) session": a body and a relation, and neither a
    session number nor a date ("a report to the Assembly by 31 May 2027" is due to the
    Assembly by that date, not at its next session). On plain values, for rows too."""
    return bool(body_id and number is None and relation and stated_due_date is None)


def due_session_text(
    *, body_code: str | None, number: int | None, relation: str, stated_due_date: date | None
) -> str:
    """The due session as the text gives it: "at CSW 61", "at the next session of CSW",
    "to GA (no session named)"; empty when the text names no body. On plain values, so the
    feeds can use it on rows."""
    if body_code is None:
        return ""
    if number is not None:
        return f"{relation or 'at'} {body_code} {number}"
    if due_next_session(
        body_id=body_code, number=number, relation=relation, stated_due_date=stated_due_date
    ):
        return f"{relation} the next session of {body_code}"
    return f"to {body_code} (no session named)"


def due_session_undated(
    *,
    session_id: int | None,
    body_id: int | None,
    number: int | None,
    relation: str,
    stated_due_date: date | None,
) -> bool:
    """A session was read, numbered or "the next session" (a body and a relation), that
    the calendar cannot date yet."""
    return session_id is None and (
        number is not None
        or due_next_session(
            body_id=body_id, number=number, relation=relation, stated_due_date=stated_due_date
        )
    )


def due_to_body(body: Body | int) -> Q:
    """Deliverables due to this body: its calendar session's body, else the body the text
    names for a session not yet dated, else (no body named) the body that adopted the
    resolution. Body feeds and the body filter of lists use this one rule."""
    return (
        Q(due_session__body=body)
        | Q(due_session=None, due_body=body)
        | Q(due_session=None, due_body=None, mandate__resolution__body=body)
    )


# The progress states, grouped once for every part that asks (tests/test_house_rules.py).
# Delivered: feeds say so ("Submitted: ..."), the planner counts the item done.
DONE_PROGRESS = (Deliverable.Progress.SUBMITTED, Deliverable.Progress.ISSUED)
# Nothing is owed at all: feeds show the item cancelled, plans leave it out.
NOT_OWED_PROGRESS = (
    Deliverable.Progress.NOT_DELIVERABLE,
    Deliverable.Progress.CANCELLED,
    Deliverable.Progress.SUPERSEDED,
)
# Progress after which nothing is owed any more: no reminders, not overdue.
CLOSED_PROGRESS = DONE_PROGRESS + NOT_OWED_PROGRESS


class ByteOrder(Func):
    """Text compared character code by character code, on every database: PostgreSQL's
    "C" collation (a database's own, en_US for one, ignores the "/" and "." of a symbol
    at first), SQLite's default."""

    template = "%(expressions)s"

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template='%(expressions)s COLLATE "C"', **extra_context
        )


#: The order of deliverables by due date: every list and its CSV, the timeline, the API,
#: the feeds and the weekly digest. Undated last (SQLite puts NULLs first, PostgreSQL
#: last); the same day by the session they are due at (the one opening first; a date of
#: its own, printed or set by hand, after those of a session), then the resolution, the
#: place of the request in its text, and the primary key, so that nothing is left to the
#: order rows were made in and pages never overlap or skip.
BY_DUE_DATE = (
    F("due_date").asc(nulls_last=True),
    F("due_session__start").asc(nulls_last=True),
    F("due_session__body__code").asc(nulls_last=True),
    F("due_session__number").asc(nulls_last=True),
    ByteOrder("mandate__resolution__symbol").asc(),
    F("mandate__position").asc(),
    F("position").asc(),
    F("pk").asc(),
)

#: One resolution's deliverables as its text lists them (a list filtered by `resolution`,
#: in the API, the pages and their CSV, and a resolution's own `deliverables`): the
#: mandate's place in the text (paragraph 2 before 10), then the deliverable's place in
#: it; the primary key last, so pages never overlap or skip a row.
TEXT_ORDER = (
    F("mandate__resolution_id").asc(),
    F("mandate__position").asc(),
    F("position").asc(),
    F("pk").asc(),
)

#: The last change of anything a deliverable's JSON shows: the row, its mandate
#: (paragraph, actor, words printed), its resolution (symbol, status), its actor (name)
#: and its calendar session (dates, status, parts: a part's change moves its session's).
#: What `?updated_after=` compares and the API gives as `updated`; a sync that follows it
#: misses no change of what it mirrors. Coalesce: SQLite's MAX() is NULL if one is.
DELIVERABLE_UPDATED = Greatest(
    "updated_at",
    "mandate__updated_at",
    "mandate__resolution__updated_at",
    Coalesce("mandate__actor__updated_at", "updated_at"),
    Coalesce("due_session__updated_at", "updated_at"),
)


def actor_shown(*, actor: str | None, actor_name: str, actor_text: str) -> str:
    """The actor's name as the lists, the API (`actor`), the CSV and the feeds'
    CATEGORIES show it: the Actor row's name (`actor`), else the extractor's name of an
    actor outside the table, else the words printed. On plain values, for rows too."""
    if actor is not None:
        return actor
    return actor_name or actor_text


def actor_shown_as(name: str, *, prefix: str = "mandate__") -> Q:
    """The rows whose actor is shown (`actor_shown`) as this name: an Actor of that name,
    or an actor outside the table the extractor named so (or printed so, unnamed)."""
    outside = Q(**{f"{prefix}actor__isnull": True}) & (
        Q(**{f"{prefix}actor_name": name})
        | Q(**{f"{prefix}actor_name": "", f"{prefix}actor_text": name})
    )
    return Q(**{f"{prefix}actor__name": name}) | outside


class DeliverableReview(Deliverable):
    """The review queue: deliverables waiting for a person's decision."""

    class Meta:
        proxy = True
        verbose_name = _("review queue item")
        verbose_name_plural = _("review queue")


class ProposedChange(models.Model):
    """A change a new version of a text proposes for a field a person already owns: a
    deliverable's, or a resolution's own (its title, adoption date...): one of the two."""

    deliverable = models.ForeignKey(
        Deliverable,
        on_delete=models.CASCADE,
        related_name="proposed_changes",
        null=True,
        blank=True,
    )
    resolution = models.ForeignKey(
        Resolution,
        on_delete=models.CASCADE,
        related_name="proposed_changes",
        null=True,
        blank=True,
        help_text=_("Set for a resolution's own field (its title...), instead of a deliverable."),
    )
    field = models.CharField(_("field"), max_length=64)
    old_value = models.TextField(_("value when proposed"), blank=True)
    new_value = models.TextField(_("value in the new text"), blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)
    # Resolved by ingest, not by a person: a later version said the kept value again or
    # proposed another value instead. Only a person's dismissal keeps a value from being
    # proposed again; one closed so is proposed again when a text says it again.
    closed_by_text = models.BooleanField(
        _("closed by a new version"),
        default=False,
        help_text=_(
            "Resolved when a later version of the text said the kept value again or "
            "proposed another value instead: nobody decided it."
        ),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(deliverable__isnull=False, resolution__isnull=True)
                | Q(deliverable__isnull=True, resolution__isnull=False),
                name="proposed_change_of_one_row",
                violation_error_message=_(
                    "A change is proposed for a deliverable or a resolution."
                ),
            ),
        ]

    def __str__(self) -> str:
        row = (
            self.deliverable_id
            if self.resolution_id is None
            else f"resolution {self.resolution_id}"
        )
        return f"{row}.{self.field}: {self.old_value!r} -> {self.new_value!r}"

    @property
    def field_label(self) -> str:
        if self.resolution_id is not None:
            return resolution_field_label(self.field)
        return deliverable_field_label(self.field)


def proposed_change_text(*, label: str, new: str, kept: str) -> str:
    """One proposal as people read it: "due session HRC 67 (kept HRC 66)" (the review
    reason ingest gives, and the feeds' line on a deliverable with proposals open)."""
    return f"{label} {new} (kept {kept})"


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name.replace("_", " ")
    return str(getattr(field, "verbose_name", name))


def deliverable_field_label(name: str) -> str:
    """A deliverable field as staff read it ("due session"; "no longer in the text")."""
    return _field_label(Deliverable, name)


def resolution_field_label(name: str) -> str:
    """A resolution field as its page names it ("adopted on")."""
    return _field_label(Resolution, name)


class ConsiderationQuerySet(models.QuerySet):
    def current(self) -> ConsiderationQuerySet:
        """Without a superseded draft's: the adopted text says when the body takes it up."""
        return self.exclude(resolution__status=Resolution.Status.SUPERSEDED)

    def public(self) -> ConsiderationQuerySet:
        return self.current().filter(shown_publicly())

    def visible_to(self, user) -> ConsiderationQuerySet:
        if _is_staff(user):
            return self.current().exclude(review_status=ReviewStatus.REJECTED)
        return self.public()


class Consideration(models.Model):
    """When the body takes the question up again: "Decides to continue its consideration of
    the question at its eighty-first session". Read like a deadline, flagged like one."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.CASCADE, related_name="considerations"
    )
    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    paragraph_label = models.CharField(_("paragraph"), max_length=32, blank=True)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="considerations",
        help_text=_('Blank: no session named ("remains seized of the matter").'),
    )
    alternatives = models.JSONField(
        _("other readings"), default=list, blank=True, help_text=_("Other session numbers.")
    )
    quote = models.TextField(_("evidence quote"), blank=True)
    review_status = models.CharField(
        _("review"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PROPOSED
    )
    needs_review = models.BooleanField(_("needs review"), default=False)
    review_reasons = models.JSONField(_("review reasons"), default=list, blank=True)
    is_public = models.BooleanField(_("public"), default=True)
    # The admin's pages refuse a save from a page opened before it (`StaleEditGuard`).
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ConsiderationQuerySet.as_manager()

    class Meta:
        ordering = ["resolution", "pk"]
        verbose_name = _("consideration")
        verbose_name_plural = _("considerations")

    def __str__(self) -> str:
        where = str(self.session) if self.session else f"{self.body.code}, no session named"
        return f"{self.resolution.symbol}: considered again at {where}"


def protect_unless_copied(collector, field, sub_objs, using) -> None:
    """`Comment.deliverable`'s on_delete: a person's note protects its deliverable
    (PROTECT); a copy of a draft's note on the adopted deliverable (`copied_from` set) goes
    with it (CASCADE), its original staying on the draft. Any delete (admin, a row, a
    queryset, a cascade) and the admin's delete pages see the same split."""
    copies = sub_objs.filter(copied_from__isnull=False)
    if copies:
        models.CASCADE(collector, field, copies, using)
    written = sub_objs.filter(copied_from__isnull=True)
    if written:
        models.PROTECT(collector, field, written, using)


class Comment(models.Model):
    """A note a person leaves on a deliverable."""

    # A person's note never disappears with a deliverable (`protect_unless_copied`);
    # ingest keeps any deliverable with comments, and deleting one in the admin says why
    # it cannot.
    deliverable = models.ForeignKey(
        Deliverable, on_delete=protect_unless_copied, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    # Set when an adopted text takes over its draft's decisions (services/drafts.py): this
    # comment repeats `copied_from`, which stays on the draft's deliverable. SET_NULL: once
    # the original is deleted, the copy is the only one left and becomes a note like any
    # other (it protects its deliverable, nothing deletes it for the person).
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="copies",
        verbose_name=_("copied from"),
        help_text=_("The comment on the draft's deliverable this one repeats."),
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]


class DueDateRule(models.Model):
    """How long before (or after) a session opens or closes a deliverable of a kind is due."""

    class Anchor(models.TextChoices):
        OPENING = "opening", _("session opens")
        # The General Assembly's documents go to its main part (September to December).
        CLOSING = "closing", _("session closes (its main part, if any)")
        # What is held at or during a session may happen until its last day: the
        # Assembly's session runs a year, resumed parts included.
        LAST_DAY = "last_day", _("last day of the session (resumed parts included)")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="due_date_rules")
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=Deliverable.Kind.choices,
        blank=True,
        help_text=_("Blank: any kind."),
    )
    relation = models.CharField(
        _("relation"),
        max_length=8,
        choices=Deliverable.Relation.choices,
        blank=True,
        help_text=_("Blank: any relation."),
    )
    anchor = models.CharField(
        _("counted from"), max_length=8, choices=Anchor.choices, default=Anchor.OPENING
    )
    lead_time_days = models.IntegerField(
        _("days before"),
        default=DEFAULT_LEAD_TIME_DAYS,
        help_text=_("0: the day itself; negative: after."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["body__code", "kind", "relation"]
        verbose_name = _("due-date rule")
        verbose_name_plural = _("due-date rules")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "relation"], name="due_date_rule_unique_body_kind_relation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body.code} {self.kind or 'any kind'} {self.relation or 'any'}: {self.lead_time_days} days"


class ReminderRule(models.Model):
    """One reminder offset: days before the due date when people hear about it."""

    days_before_due = models.PositiveIntegerField(_("days before the due date"), unique=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-days_before_due"]
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")

    def __str__(self) -> str:
        return f"{self.days_before_due} days before"


class ReminderPolicy(models.Model):
    """What happens once a deliverable is overdue (a single row, editable in the admin)."""

    overdue_every_days = models.PositiveIntegerField(
        _("remind every N days when overdue"), default=7
    )
    escalate_after_days_overdue = models.PositiveIntegerField(
        _("escalate to the focal point after N days overdue"), default=14
    )
    digest_horizon_days = models.PositiveIntegerField(
        _("weekly digest looks N days ahead"), default=60
    )
    historic_after_days_overdue = models.PositiveIntegerField(
        _("ingested deliverables more than N days overdue are historic"),
        default=90,
        help_text=_("Old resolutions: what was due long before it was ingested gets no reminders."),
    )

    class Meta:
        verbose_name = _("reminder policy")
        verbose_name_plural = _("reminder policy")

    def __str__(self) -> str:
        return str(_("Reminder policy"))


class OutgoingStatus(models.TextChoices):
    """Where an outgoing e-mail stands: queued -> sending -> sent, or failed / skipped."""

    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("skipped")


class OutgoingMailQuerySet(models.QuerySet):
    def stale(self, *, cutoff: datetime) -> OutgoingMailQuerySet:
        """Rows left queued (message lost) or sending (worker died) since before `cutoff`."""
        return self.filter(
            Q(status=OutgoingStatus.QUEUED, queued_at__lt=cutoff)
            | Q(status=OutgoingStatus.SENDING, claimed_at__lt=cutoff)
        )

    def claimable(self, *, cutoff: datetime) -> OutgoingMailQuerySet:
        """Rows a worker may take: queued, or claimed by a worker lost since before `cutoff`."""
        return self.filter(
            Q(status=OutgoingStatus.QUEUED)
            | Q(status=OutgoingStatus.SENDING, claimed_at__lt=cutoff)
        )


class OutgoingMail(models.Model):
    """What a reminder and a digest share: one e-mail that goes out once, its status and
    attempts (mandates/services/outgoing.py moves it along)."""

    Status = OutgoingStatus

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)
    queued_at = models.DateTimeField(
        _("queued"),
        default=timezone.now,
        help_text=_("When the sending was last handed to a worker."),
    )
    claimed_at = models.DateTimeField(
        _("claimed by a worker"),
        null=True,
        blank=True,
        help_text=_("A worker took the row to send it at this time."),
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    recipient_id: int  # each kind's recipient (a Contact), ReminderLog's and DigestLog's

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        abstract = True

    def take_claim(self, *, now: datetime) -> None:
        """A worker takes the row to send it: one more attempt; a lost worker's claim is noted."""
        if self.status == OutgoingStatus.SENDING:
            self.last_error = (
                f"took over a claim from {self.claimed_at:%Y-%m-%d %H:%M} (worker lost)"
            )
        self.status = OutgoingStatus.SENDING
        self.claimed_at = now
        self.attempts += 1


class ReminderLog(OutgoingMail):
    """One reminder decided for one recipient; its unique key makes it go out once."""

    # No index of its own: the unique key below begins with it and serves every look-up by
    # deliverable (one index less to write for each of the daily run's rows).
    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="reminders", db_index=False
    )
    # PROTECT: the log keeps saying whom each e-mail went to (a contact is made inactive).
    recipient = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="reminders")
    reminder = models.CharField(
        _("reminder"), max_length=32, help_text=_('"before:14", "overdue:7", "escalation:14"')
    )
    due_date = models.DateField(_("for due date"))

    class Meta:
        ordering = ["-decided_at"]
        verbose_name = _("reminder log entry")
        verbose_name_plural = _("reminder log")
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "recipient", "reminder", "due_date"],
                name="reminder_log_unique_key",
            ),
        ]
        indexes = [models.Index(fields=["status", "queued_at"], name="reminder_log_status_queued")]

    def __str__(self) -> str:
        return f"{self.reminder} for {self.deliverable_id} to {self.recipient_id}: {self.status}"


class DigestLog(OutgoingMail):
    """One weekly digest for one person; unique per person and week so it goes out once."""

    recipient = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="digests")
    week = models.DateField(_("week starting"), help_text=_("The Monday of the digest's week."))
    item_count = models.PositiveIntegerField(_("items"), default=0)

    class Meta:
        ordering = ["-week", "recipient"]
        verbose_name = _("digest log entry")
        verbose_name_plural = _("digest log")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "week"], name="digest_log_unique_key"),
        ]
        indexes = [models.Index(fields=["status", "queued_at"], name="digest_log_status_queued")]

    def __str__(self) -> str:
        return f"digest {self.week} to {self.recipient_id}: {self.status}"


def new_feed_token() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """The secret in a private calendar URL; calendar clients cannot log in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens"
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_feed_token, editable=False
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Made by its owner on /calendars/ (or a rotation of such a one): a person has at most
    # one of these working, whatever two requests at once do (`services.feeds`). The
    # admin's tokens, labelled, are not counted.
    self_service = models.BooleanField(
        _("made on /calendars/"),
        default=False,
        editable=False,
        help_text=_("Created by its owner from the calendars page: one working at a time."),
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(self_service=True, revoked_at__isnull=True),
                name="one_working_self_service_feed_token",
            )
        ]
        verbose_name = _("feed token")
        verbose_name_plural = _("feed tokens")

    def __str__(self) -> str:
        return f"{self.user} ({self.label or self.token[:6]}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class FeedState(models.Model):
    """What a calendar feed last served: its ETag (a hash of the body) and when the body last
    changed. Kept in the database, so Last-Modified never goes backwards (an item leaving a
    feed moves it on) and survives a lost or unreachable cache."""

    key = models.CharField(_("feed"), max_length=100, unique=True)
    stamp = models.CharField(
        _("version stamp"), max_length=64, help_text=_("Digest of what the body is made from.")
    )
    etag = models.CharField(_("ETag"), max_length=80)
    last_modified = models.DateTimeField(_("body last changed"))

    class Meta:
        verbose_name = _("feed state")
        verbose_name_plural = _("feed states")

    def __str__(self) -> str:
        return f"{self.key} {self.etag} {self.last_modified:%Y-%m-%d %H:%M:%S}"


class WordLimit(models.Model):
    """How many words a document of a kind may have, by who writes it (the planner sums
    them into the words a session's conference services must process)."""

    kind = models.CharField(_("kind"), max_length=16, choices=Deliverable.Kind.choices)
    actor_kind = models.CharField(
        _("actor kind"),
        max_length=32,
        choices=list(ACTOR_KINDS.items()),
        blank=True,
        help_text=_("Blank: any actor."),
    )
    words = models.PositiveIntegerField(_("word limit"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "actor_kind"]
        verbose_name = _("word limit")
        verbose_name_plural = _("word limits")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "actor_kind"], name="word_limit_unique_kind_actor_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}, {self.actor_kind or 'any actor'}: {self.words} words"


class PlanningPolicy(models.Model):
    """What the session planner warns about (a single row, editable in the admin)."""

    documents_per_unit_per_week = models.PositiveIntegerField(
        _("documents one unit can submit in a week"),
        default=2,
        help_text=_("The planner warns where a unit has more documents due in one week."),
    )
    sessions_ahead = models.PositiveIntegerField(
        _("sessions in the overview"), default=3, help_text=_("Next sessions shown per body.")
    )

    class Meta:
        verbose_name = _("planning policy")
        verbose_name_plural = _("planning policy")

    def __str__(self) -> str:
        return str(_("Planning policy"))
