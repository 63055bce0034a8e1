"""Admin for the session planner's data: word limits per kind of document and the planning
policy (the weekly limit per unit). Registered by mandates/admin/__init__.py."""

from django.contrib import admin

from .. import models


@admin.register(models.WordLimit)
class WordLimitAdmin(admin.ModelAdmin):
    """Word limits of documents: the planner multiplies them into the words to process."""

    list_display = ["kind", "actor_kind", "words", "note"]
    list_editable = ["words"]
    list_filter = ["kind", "actor_kind"]


@admin.register(models.PlanningPolicy)
class PlanningPolicyAdmin(admin.ModelAdmin):
    """One row: how many documents a unit can submit in a week, how many sessions ahead."""

    list_display = ["__str__", "documents_per_unit_per_week", "sessions_ahead"]

    def has_add_permission(self, request):
        return not models.PlanningPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
