"""Users: who may be deleted.

The History of deliverables (and of every other recorded table) and the comments name the
person who made each change; deleting the user would blank those names (simple-history's
`history_user` and `Comment.author` are SET_NULL). A user with recorded changes or comments
is therefore kept and made inactive instead (they can no longer sign in), like a contact
people depend on (contacts.py). `user_delete_guard` refuses the delete whichever way it is
asked for (an admin page, the shell, a queryset).
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

from mandates.models import Comment


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


def user_delete_guard(sender, instance, **kwargs) -> None:
    """Connected to `pre_delete` of the user model (mandates/apps.py): refuses to delete a
    user whom the History or a comment names, so no way of deleting one blanks the name."""
    blockers = user_delete_blockers(user=instance)
    if blockers:
        raise ProtectedError(blockers[0], {instance})
