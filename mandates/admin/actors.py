"""Who acts and who is reminded: actors, their aliases, contacts."""

from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import models
from .common import calendar_links


@admin.register(models.Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "user", "is_unit", "delivery", "is_active"]
    list_filter = ["is_unit", "delivery", "is_active"]
    search_fields = ["name", "email", "user__username"]
    autocomplete_fields = ["user"]


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
