"""Users: Django's user admin, except that a user the History or a comment names is kept."""

from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..services.users import user_delete_blockers
from .common import change_link

User = get_user_model()


class UserAdmin(auth_admin.UserAdmin):
    def get_deleted_objects(self, objs, request):
        """Django's list of what a delete takes along, except that a user with recorded
        changes or comments is not deleted: the page says why and offers making the user
        inactive (mandates/services/users.py). Serves the delete page and "delete selected"."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        reasons: list = []
        for user in objs:
            blockers = user_delete_blockers(user=user)
            if blockers:
                reasons += blockers
                untick = _("Open %(name)s to untick “active”") % {"name": user.get_username()}
                reasons.append(change_link(user, untick))
        return deleted, counts, perms_needed, reasons or protected


admin.site.unregister(User)
admin.site.register(User, UserAdmin)
