"""Who acts and who is reminded: actors, their aliases, contacts."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import models
from ..services.contacts import contact_delete_blockers
from .common import calendar_links


def _change_link(obj, label: str = "") -> SafeString:
    """A link to the object's admin page, labelled with the object unless told otherwise."""
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change"
    return format_html('<a href="{}">{}</a>', reverse(name, args=[obj.pk]), label or obj)


@admin.register(models.Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "user", "is_unit", "delivery", "is_active"]
    list_filter = ["is_unit", "delivery", "is_active"]
    search_fields = ["name", "email", "user__username"]
    autocomplete_fields = ["user"]

    def get_deleted_objects(self, objs, request):
        """Django's list of what a delete takes along, except that a contact responsible
        for open deliverables or with sent e-mails is not deleted: the page says why,
        lists the deliverables to reassign and offers marking the contact inactive
        (mandates/services/contacts.py). Serves the delete page and "delete selected"."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        reasons: list = []
        for contact in objs:
            blockers = contact_delete_blockers(contact=contact)
            for reason, deliverables in blockers:
                reasons.append(reason)
                if deliverables:
                    reasons.append([_change_link(deliverable) for deliverable in deliverables])
            if blockers:
                untick = _("Open %(name)s to untick “active”") % {"name": contact.name}
                reasons.append(_change_link(contact, untick))
        # The blockers say in a sentence what the protected log rows would list one by one.
        return deleted, counts, perms_needed, reasons or protected


class ActorAliasInline(admin.TabularInline):
    model = models.ActorAlias
    extra = 1


@admin.register(models.Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "focal_point", "calendar"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias"]
    autocomplete_fields = ["contacts", "focal_point"]
    inlines = [ActorAliasInline]

    @admin.display(description=_("calendar"))
    def calendar(self, obj: models.Actor):
        return calendar_links(reverse("mandates:feed_actor", args=[obj.pk]))


@admin.register(models.ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ["alias", "actor"]
    search_fields = ["alias", "actor__name"]
    autocomplete_fields = ["actor"]
