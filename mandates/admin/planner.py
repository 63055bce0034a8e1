"""Admin for the session planner's data: word limits per kind of document and the planning
policy (the weekly limit per unit). Registered by mandates/admin/__init__.py."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import models


@admin.register(models.WordLimit)
class WordLimitAdmin(admin.ModelAdmin):
    """Word limits of documents: the planner multiplies them into the words to process."""

    list_display = ["kind", "actor_kind", "words", "note"]
    list_editable = ["words"]
    list_filter = ["kind", "actor_kind"]


class PlanningPolicyForm(forms.ModelForm):
    """At least one session ahead: with none, the overview said that no coming session was
    in the calendar."""

    def clean_sessions_ahead(self):
        value = self.cleaned_data["sessions_ahead"]
        if value < 1:
            raise forms.ValidationError(_("Show at least one session per body."))
        return value


@admin.register(models.PlanningPolicy)
class PlanningPolicyAdmin(admin.ModelAdmin):
    """One row: how many documents a unit can submit in a week, how many sessions ahead."""

    form = PlanningPolicyForm

    list_display = ["__str__", "documents_per_unit_per_week", "sessions_ahead"]

    def has_add_permission(self, request):
        return not models.PlanningPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
