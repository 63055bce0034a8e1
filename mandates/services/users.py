"""Users: who may be deleted, and their contact when they leave.

The History of deliverables (and of every other recorded table) and the comments name the
person who made each change; deleting the user would blank those names (simple-history's
`history_user` and `Comment.author` are SET_NULL). A user with recorded changes or comments
is therefore kept and made inactive instead (they can no longer sign in), like a contact
people depend on (contacts.py). `user_delete_guard` refuses the delete whichever way it is
asked for (an admin page, the shell, a queryset).

A user is often a contact too (`Contact.user`): the person reminders go to and whom
deliverables are assigned to. Someone leaving is both. Deleting the user would leave the
contact as it was, silently: still active, so reminders still go to the mailbox, and still
assigned to open deliverables nobody reassigned. A user whose contact is still active or
assigned to open deliverables is therefore kept too (`user_contact_delete_blockers`, with
the deliverables to reassign), and making the user inactive in the admin makes the contact
inactive with it unless the person unticks that (`user_contact_deactivate`), saying what
waits for reassignment (`user_contact_left`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalChanges

from mandates.models import Actor, Comment, Contact, Deliverable

from .contacts import contact_list_open_deliverables


def _history_models() -> list:
    """The history tables that record who (a many-to-many's own history rows do not)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
        and any(field.name == "history_user" for field in model._meta.fields)
    ]


def user_delete_blockers(*, user) -> list[str]:
    """Why this user may not be deleted, in a sentence that says what to do instead; empty
    when nothing recorded names them."""
    changes = sum(m.objects.filter(history_user=user).count() for m in _history_models())
    comments = Comment.objects.filter(author=user).count()
    if not changes and not comments:
        return []
    return [
        _(
            "%(name)s made %(changes)d recorded change(s) and wrote %(comments)d comment(s); "
            "the History and the comments must keep saying who: untick “active” instead, "
            "so %(name)s can no longer sign in."
        )
        % {"name": user.get_username(), "changes": changes, "comments": comments}
    ]


@dataclass
class ContactLeft:
    """A user's contact and what still relies on it: its open deliverables (to reassign)
    and the actors it is a responsible contact or the focal point of."""

    contact: Contact
    open_deliverables: list[Deliverable]
    actors: list[Actor]
    focal_point_for: list[Actor]

    def waiting(self) -> list[str]:
        """What a person must still do once the contact is inactive, in sentences."""
        name = self.contact.name
        lines = []
        if self.open_deliverables:
            lines.append(
                ngettext(
                    "%(name)s is still assigned to %(count)d open deliverable: reassign it "
                    "(until then its reminders go to the others assigned, else the actor's "
                    "contacts).",
                    "%(name)s is still assigned to %(count)d open deliverables: reassign "
                    "them (until then their reminders go to the others assigned, else the "
                    "actor's contacts).",
                    len(self.open_deliverables),
                )
                % {"name": name, "count": len(self.open_deliverables)}
            )
        if self.actors:
            lines.append(
                _("%(name)s is a responsible contact of %(actors)s: name another there.")
                % {"name": name, "actors": ", ".join(actor.name for actor in self.actors)}
            )
        if self.focal_point_for:
            lines.append(
                _("%(name)s is the focal point for escalations of %(actors)s: name another there.")
                % {
                    "name": name,
                    "actors": ", ".join(actor.name for actor in self.focal_point_for),
                }
            )
        return lines


def user_contact(*, user) -> Contact | None:
    """The contact this user is, if any."""
    if user.pk is None:
        return None
    return Contact.objects.filter(user=user).first()


def user_contact_left(*, user) -> ContactLeft | None:
    """The user's contact and what relies on it (None without a contact)."""
    contact = user_contact(user=user)
    if contact is None:
        return None
    return ContactLeft(
        contact=contact,
        open_deliverables=list(
            contact_list_open_deliverables(contact=contact)
            .select_related("mandate__resolution")
            .order_by("due_date", "pk")
        ),
        actors=list(contact.actors.order_by("name")),
        focal_point_for=list(contact.focal_point_for.order_by("name")),
    )


def user_contact_deactivate(*, user) -> Contact | None:
    """The user left: their contact is made inactive too, so no reminder or digest goes to
    it (its history says why). Returns the contact if it was active, else None."""
    contact = user_contact(user=user)
    if contact is None or not contact.is_active:
        return None
    contact.is_active = False
    contact._change_reason = _("Made inactive with its user %(user)s") % {
        "user": user.get_username()
    }
    contact.save(update_fields=["is_active", "updated_at"])
    del contact._change_reason
    return contact


def user_contact_delete_blockers(*, user) -> list[tuple[str, ContactLeft]]:
    """Why this user may not be deleted for their contact's sake, in a sentence that says
    what to do instead, with the contact and its open deliverables: a contact still active
    (reminders would still go to the person) or still assigned to open deliverables
    (nobody would reassign them). Empty without a contact, or once it is settled."""
    left = user_contact_left(user=user)
    if left is None or not (left.contact.is_active or left.open_deliverables):
        return []
    values = {
        "user": user.get_username(),
        "contact": left.contact,
        "count": len(left.open_deliverables),
    }
    if left.contact.is_active and left.open_deliverables:
        sentence = ngettext(
            "%(user)s is the contact %(contact)s, still active and assigned to %(count)d "
            "open deliverable: reassign it and mark the contact inactive first (or take the "
            "user off the contact if the person stays responsible).",
            "%(user)s is the contact %(contact)s, still active and assigned to %(count)d "
            "open deliverables: reassign them and mark the contact inactive first (or take "
            "the user off the contact if the person stays responsible).",
            len(left.open_deliverables),
        )
    elif left.contact.is_active:
        sentence = _(
            "%(user)s is the contact %(contact)s, still active: reminders and digests still "
            "go to it. Mark the contact inactive first (or take the user off the contact if "
            "the person stays responsible)."
        )
    else:
        sentence = ngettext(
            "%(user)s is the contact %(contact)s (inactive), still assigned to %(count)d "
            "open deliverable: reassign it first.",
            "%(user)s is the contact %(contact)s (inactive), still assigned to %(count)d "
            "open deliverables: reassign them first.",
            len(left.open_deliverables),
        )
    return [(sentence % values, left)]


def user_delete_guard(sender, instance, **kwargs) -> None:
    """Connected to `pre_delete` of the user model (mandates/apps.py): refuses to delete a
    user whom the History or a comment names, so no way of deleting one blanks the name,
    or whose contact is still active or assigned to open deliverables."""
    blockers = user_delete_blockers(user=instance) or [
        sentence for sentence, _left in user_contact_delete_blockers(user=instance)
    ]
    if blockers:
        raise ProtectedError(blockers[0], {instance})
