"""Users: Django's user admin, except that a user the History or a comment names is kept,
and a user who is a contact leaves with their contact settled (mandates/services/users.py)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ..services.users import (
    user_contact,
    user_contact_deactivate,
    user_contact_delete_blockers,
    user_contact_left,
    user_delete_blockers,
)
from .common import change_link, fragment

User = get_user_model()


class UserChangeForm(auth_forms.UserChangeForm):
    """Django's form, and for a user who is an active contact: make the contact inactive
    with the user (ticked: someone leaving stops getting reminders)."""

    contact_deactivate = forms.BooleanField(
        label=_("Make the contact inactive with the user"),
        required=False,
        initial=True,
        help_text=_(
            "When “active” is unticked, the contact is made inactive too: no reminders or "
            "digests go to it any more. Untick to keep it (the person stays responsible)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contact = user_contact(user=self.instance)
        # only offered while both are active: a later save of an inactive user must not
        # undo the choice to keep the contact
        if contact is None or not contact.is_active or not self.instance.is_active:
            self.fields.pop("contact_deactivate", None)


def _deliverable_links(left) -> str:
    return fragment("_list.html", items=[change_link(d) for d in left.open_deliverables])


class UserAdmin(auth_admin.UserAdmin):
    form = UserChangeForm

    def get_fieldsets(self, request, obj=None):
        """The user's contact, when they are one: its state and open deliverables, and
        (while it is active) the choice to make it inactive with the user."""
        fieldsets = list(super().get_fieldsets(request, obj))
        contact = user_contact(user=obj) if obj is not None else None
        if contact is not None:
            offered = contact.is_active and obj.is_active
            fields = ["linked_contact"] + (["contact_deactivate"] if offered else [])
            fieldsets.append((_("Contact"), {"fields": fields}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "linked_contact"]

    @admin.display(description=_("contact"))
    def linked_contact(self, obj):
        left = user_contact_left(user=obj)
        if left is None:
            return "-"
        state = _("active") if left.contact.is_active else _("inactive")
        head = format_html("{} ({})", change_link(left.contact), state)
        if not left.open_deliverables:
            return format_html("{}<br>{}", head, _("No open deliverables assigned."))
        return format_html(
            "{}<br>{}{}",
            head,
            _("Open deliverables assigned (reassign them when the person leaves):"),
            _deliverable_links(left),
        )

    def save_model(self, request, obj, form, change):
        """A user made inactive takes their contact along (unless the person unticked
        that), and the page says what still waits for reassignment."""
        super().save_model(request, obj, form, change)
        if not change or obj.is_active or "is_active" not in form.changed_data:
            return  # only when "active" was just unticked
        left = user_contact_left(user=obj)
        if left is None:
            return
        if form.cleaned_data.get("contact_deactivate"):
            if user_contact_deactivate(user=obj) is not None:
                left.contact.is_active = False
                self.message_user(
                    request,
                    format_html(
                        _("The contact {} is inactive too: no reminders or digests go to it."),
                        change_link(left.contact),
                    ),
                    messages.SUCCESS,
                )
        elif left.contact.is_active:
            self.message_user(
                request,
                format_html(
                    _(
                        "The contact {} stays active: reminders and digests still go to {}. "
                        "Untick its “active” when the person no longer answers for its work."
                    ),
                    change_link(left.contact),
                    left.contact.email,
                ),
                messages.WARNING,
            )
        waiting = left.waiting()
        if waiting:
            self.message_user(
                request,
                format_html(
                    "{}{}",
                    format_html_join(" ", "{}", ((line,) for line in waiting)),
                    _deliverable_links(left) if left.open_deliverables else "",
                ),
                messages.WARNING,
            )

    def get_deleted_objects(self, objs, request):
        """Django's list of what a delete takes along, except that a user with recorded
        changes or comments is not deleted: the page says why and offers making the user
        inactive (mandates/services/users.py); nor is a user whose contact is still active
        or assigned to open deliverables: the page links the contact and lists the
        deliverables to reassign. Serves the delete page and "delete selected"."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        reasons: list = []
        for user in objs:
            blockers = user_delete_blockers(user=user)
            contact_blockers = user_contact_delete_blockers(user=user)
            reasons += blockers
            for sentence, left in contact_blockers:
                reasons.append(sentence)
                if left.open_deliverables:
                    reasons.append([change_link(d) for d in left.open_deliverables])
                reasons.append(
                    change_link(
                        left.contact,
                        _("Open the contact %(name)s to untick “active”")
                        % {"name": left.contact.name},
                    )
                )
            if blockers or contact_blockers:
                untick = _("Open %(name)s to untick “active”") % {"name": user.get_username()}
                reasons.append(change_link(user, untick))
        return deleted, counts, perms_needed, reasons or protected


admin.site.unregister(User)
admin.site.register(User, UserAdmin)
