"""A person's changes to a resolution's own values (its header: title, adoption date...).

What a person sets on the resolution's page they own (``edited_fields``): a new version of
the text never overwrites it, and what the text then reads otherwise is proposed
(`ingest._header_update`), for a person to accept or dismiss here, as for deliverables.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from mandates.models import Body, ProposedChange, Resolution, Session

from .deliverables import proposals_waiting_locked, proposed_date, proposed_session_key
from .history_batch import change_reason
from .ingest import HEADER_FIELDS


def resolution_mark_edited(*, resolution: Resolution, fields: Iterable[str]) -> None:
    """A person set these fields on the resolution (in memory; the caller saves): those
    a new version of the text reads (`HEADER_FIELDS`) are theirs now."""
    owned = set(fields) & set(HEADER_FIELDS)
    if owned - set(resolution.edited_fields):
        resolution.edited_fields = sorted(set(resolution.edited_fields) | owned)


@dataclass
class InvalidProposal:
    """A resolution's proposal whose value the resolution's form would refuse, and why."""

    change: ProposedChange
    why: str


@dataclass
class ResolutionProposalsSettled:
    """What accepting or dismissing a resolution's proposals did: how many it settled,
    the fields "Accept" cannot apply (set on the resolution's page), the values the
    resolution would refuse (one a person typed on the proposal's page), how many of
    those selected were settled already."""

    count: int = 0
    refused: set[str] = field(default_factory=set)
    invalid: list[InvalidProposal] = field(default_factory=list)
    already_settled: int = 0


def _header_value(change: ProposedChange) -> tuple[bool, object]:
    """(whether it can be applied, the value) of a header value a text proposes, as
    `ingest.value_shown` wrote it ("-" for none, a session as "GA 80")."""
    text, name = change.new_value, change.field
    empty = text == "-"
    if name in ("title", "number", "agenda_item", "committee_report", "special_session"):
        return True, "" if empty else text
    if name == "adopted_on":
        return proposed_date(text)
    if name == "body":
        body = Body.objects.filter(code=text).first()
        return body is not None, body
    if name == "session":
        if empty:
            return True, None
        code, number = proposed_session_key(text)
        if number is None:
            return False, None
        session = Session.objects.filter(body__code=code, number=number).first()
        return session is not None, session
    return False, None  # the vote: set on the resolution's page


def _refusal(resolution: Resolution, name: str, value: object) -> str | None:
    """Why the resolution would refuse ``value`` for the field ``name``, as its own form
    says it (the field's validation, the model's constraints: a special session "S41",
    a number too long), or None: saved, the database would refuse it with an error page."""
    others = [other.name for other in Resolution._meta.fields if other.name != name]
    kept = getattr(resolution, name)
    setattr(resolution, name, value)
    try:
        resolution.full_clean(exclude=others, validate_unique=False)
    except ValidationError as error:
        return " ".join(error.messages)
    finally:
        setattr(resolution, name, kept)
    return None


def resolution_proposal_refusal(change: ProposedChange) -> str | None:
    """Why "Accept" could not apply this value a person typed for a resolution's own
    value (None if it could, or if the field is set on the resolution's page anyway)."""
    if change.resolution is None or change.field not in HEADER_FIELDS or change.field == "vote":
        return None
    ok, value = _header_value(change)
    if not ok:
        return _(
            "Not a value this field takes, written as new versions write it (a date as "
            "2025-04-03, a body as HRC, a session as HRC 58, “-” for none)."
        )
    return _refusal(change.resolution, change.field, value)


@transaction.atomic
def resolution_proposals_accept(*, changes: QuerySet[ProposedChange]) -> ResolutionProposalsSettled:
    """A person accepts what new versions of texts read for resolutions' own values (the
    resolution proposals among ``changes``): the value replaces the one kept, as the
    person's own, and the history says which proposal was accepted."""
    waiting, already_settled = proposals_waiting_locked(changes, "resolution")
    settled = ResolutionProposalsSettled(already_settled=already_settled)
    for change in waiting:
        ok, value = _header_value(change)
        if not ok:
            settled.refused.add(change.field)
            continue
        resolution = change.resolution
        assert resolution is not None
        why = _refusal(resolution, change.field, value)
        if why is not None:
            settled.invalid.append(InvalidProposal(change=change, why=why))
            continue
        setattr(resolution, change.field, value)
        resolution_mark_edited(resolution=resolution, fields=[change.field])
        said = f"{change.field_label} {change.new_value}"
        if change.old_value:
            said += " " + _("(was %s)") % change.old_value
        resolution._change_reason = change_reason(_("Proposed change accepted: %s") % said)
        resolution.save()
        del resolution._change_reason
        change.resolved = True
        change.save(update_fields=["resolved"])
        settled.count += 1
    return settled


@transaction.atomic
def resolution_proposals_dismiss(
    *, changes: QuerySet[ProposedChange]
) -> ResolutionProposalsSettled:
    """A person keeps the resolution's current values: the proposals among ``changes``
    are settled, and that value is not proposed again by a later version."""
    waiting, already_settled = proposals_waiting_locked(changes, "resolution")
    ProposedChange.objects.filter(pk__in=[change.pk for change in waiting]).update(resolved=True)
    return ResolutionProposalsSettled(count=len(waiting), already_settled=already_settled)
