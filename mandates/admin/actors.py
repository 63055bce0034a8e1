"""Who acts and who is reminded: actors, their aliases, contacts."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import models
from ..services.actors import actor_name_owner, actor_titles_rename
from ..services.contacts import contact_delete_blockers, contact_undeliverable_clear
from .common import BidiControlGuard, HistoryAdmin, StaleEditGuard, calendar_links, change_link


class ContactForm(BidiControlGuard, StaleEditGuard):
    """A page opened before the contact stopped their reminders from an e-mail link, or
    before another person's save, is refused (`StaleEditGuard`): it would put back the
    delivery it was opened with."""

    bidi_guarded = ("name",)  # e-mails greet the contact by name

    def clean_email(self):
        """One mailbox, one contact: "Alice@Example.org" is "alice@example.org" (two
        contacts for one mailbox got every reminder twice)."""
        email = self.cleaned_data["email"]
        other = (
            models.Contact.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).first()
        )
        if other is not None:
            raise forms.ValidationError(
                _("%(email)s is already the address of %(name)s.")
                % {"email": other.email, "name": other.name}
            )
        return email


class AddressRefusedFilter(admin.SimpleListFilter):
    """Contacts whose address the mail server refused for good (`manage.py status` sends
    staff here)."""

    title = _("address refused")
    parameter_name = "address_refused"

    def lookups(self, request, model_admin):
        return [("yes", _("yes")), ("no", _("no"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(undeliverable_since__isnull=self.value() == "no")
        return queryset


@admin.register(models.Contact)
class ContactAdmin(HistoryAdmin):
    form = ContactForm
    list_display = ["name", "email", "user", "is_unit", "delivery", "is_active", "refused"]
    list_filter = ["is_unit", "delivery", "is_active", AddressRefusedFilter]
    search_fields = ["name", "email", "user__username"]
    autocomplete_fields = ["user"]
    # An address the mail server refused for good: set by sending, lifted by changing
    # the address or by the action (mandates/services/contacts.py).
    readonly_fields = ["undeliverable_since", "undeliverable_error"]
    actions = ["clear_undeliverable"]

    @admin.display(description=_("address refused"), ordering="undeliverable_since")
    def refused(self, obj: models.Contact) -> str:
        if obj.undeliverable_since is None:
            return ""
        return _("since %(day)s") % {"day": localtime(obj.undeliverable_since).strftime("%Y-%m-%d")}

    def save_model(self, request, obj, form, change):
        """A new address is worth trying: the mark of the refused one goes."""
        super().save_model(request, obj, form, change)
        if change and "email" in form.changed_data and obj.undeliverable_since is not None:
            contact_undeliverable_clear(
                contact=obj,
                reason=_("Address changed to %(email)s: the refusal mark cleared")
                % {"email": obj.email},
            )
            self.message_user(
                request,
                _(
                    "Reminders and digests go to %(email)s again. Its reminders that failed "
                    "can be retried in the reminder log (action: Retry)."
                )
                % {"email": obj.email},
                messages.INFO,
            )

    @admin.action(
        description=_("Clear the “address refused” mark (the mailbox works again)"),
        permissions=["change"],
    )
    def clear_undeliverable(self, request, queryset):
        cleared = [
            contact
            for contact in queryset.filter(undeliverable_since__isnull=False)
            if contact_undeliverable_clear(
                contact=contact, reason=_("Refusal mark cleared: the mailbox works again")
            )
        ]
        self.message_user(
            request,
            ngettext(
                "%(count)d contact gets reminders and digests again.",
                "%(count)d contacts get reminders and digests again.",
                len(cleared),
            )
            % {"count": len(cleared)},
            messages.SUCCESS,
        )

    # History as the deliverables' reads: "Who" names the contact who used an e-mail link.
    object_history_list_template = "admin/mandates/history_list.html"

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
                    reasons.append([change_link(deliverable) for deliverable in deliverables])
            if blockers:
                untick = _("Open %(name)s to untick “active”") % {"name": contact.name}
                reasons.append(change_link(contact, untick))
        # The blockers say in a sentence what the protected log rows would list one by one.
        return deleted, counts, perms_needed, reasons or protected


class _OneActorPerName(BidiControlGuard):
    """Refuses a name or alias another actor already answers to (in any case or spelling
    of dashes and quotes): ingest would give that actor's mandates to this one. A name
    reaches titles ("Report of ..."), so no direction controls either."""

    name_field = "alias"
    bidi_guarded = ("alias",)

    def _actor_id(self) -> int | None:
        return self.instance.actor_id

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get(self.name_field)
        if text:
            owner = actor_name_owner(text=text, exclude_actor_id=self._actor_id())
            if owner is not None:
                self.add_error(
                    self.name_field,
                    _("“%(text)s” already stands for %(owner)s: one name, one actor.")
                    % {"text": text, "owner": owner.name},
                )
        return cleaned


class ActorAliasForm(_OneActorPerName):
    def _actor_id(self) -> int | None:
        actor = self.cleaned_data.get("actor") if "actor" in self.fields else None
        return actor.pk if actor else self.instance.actor_id


class ActorAliasPageForm(ActorAliasForm, StaleEditGuard):
    """An alias's own page is versioned by its actor, whose version every change of its
    aliases moves (`models.actor_aliases_changed`): a page opened before another person
    changed the actor's aliases (on the actor's page or here) is refused rather than
    putting back the alias it was opened with. (The actor page's inline needs no guard of
    its own: `ActorForm` refuses the whole page.)"""

    def versioned(self):
        return self.instance.actor if self.instance.actor_id else None


class ActorForm(_OneActorPerName, StaleEditGuard):
    """A page opened before another person's save (or an `actors_sync`) is refused
    (`StaleEditGuard`): it would put back the responsible contacts, focal point and kind
    it was opened with."""

    name_field = "name"
    bidi_guarded = ("name",)

    def _actor_id(self) -> int | None:
        return self.instance.pk


class ActorAliasInline(admin.TabularInline):
    model = models.ActorAlias
    form = ActorAliasForm
    extra = 1


@admin.register(models.Actor)
class ActorAdmin(HistoryAdmin):
    form = ActorForm
    list_display = ["name", "kind", "focal_point", "calendar"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__alias"]
    autocomplete_fields = ["contacts", "focal_point"]
    inlines = [ActorAliasInline]

    def save_model(self, request, obj, form, change):
        """A rename reaches the titles ingest made naming the actor (not a person's)."""
        former = form.initial.get("name") if change and "name" in form.changed_data else None
        super().save_model(request, obj, form, change)
        if former:
            count = actor_titles_rename(actor=obj, former=former)
            if count:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d deliverable title now names %(name)s.",
                        "%(count)d deliverable titles now name %(name)s.",
                        count,
                    )
                    % {"count": count, "name": obj.name},
                    messages.INFO,
                )

    @admin.display(description=_("calendar"))
    def calendar(self, obj: models.Actor):
        return calendar_links(reverse("mandates:feed_actor", args=[obj.pk]))


@admin.register(models.ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    form = ActorAliasPageForm
    list_display = ["alias", "actor"]
    search_fields = ["alias", "actor__name"]
    autocomplete_fields = ["actor"]
