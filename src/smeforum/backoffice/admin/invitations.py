"""Invitations: an organiser invites a delegation lead, an organiser or a participant."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from smeforum.accounts.domain.invitations import (
    resend_invitation,
    revoke_invitation,
    send_invitation,
)
from smeforum.accounts.models import ORGANISER_PERMISSIONS, Invitation, OrganiserRole
from smeforum.backoffice.admin.mixins import DomainWriteAdmin


class InvitationForm(forms.ModelForm):
    permissions = forms.MultipleChoiceField(
        label=_("organiser permissions"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (name, OrganiserRole._meta.get_field(f"can_{name}").verbose_name)
            for name in ORGANISER_PERMISSIONS
        ],
        help_text=_("Only for organiser invitations."),
    )

    class Meta:
        model = Invitation
        fields = ("email", "role", "delegation", "series", "edition", "permissions", "person")


@admin.register(Invitation)
class InvitationAdmin(DomainWriteAdmin):
    """Sending is adding; a sent invitation is not edited but sent again or withdrawn."""

    form = InvitationForm
    domain_save = staticmethod(send_invitation)
    fk_select_related = {"edition": ("series",), "delegation": ("edition__series",)}
    actions = ("resend", "revoke")
    list_display = ("email", "role", "target", "state", "invited_by", "created_at", "expires_at")
    list_filter = ("role",)
    list_select_related = (
        "delegation__edition__series",
        "series",
        "edition__series",
        "person",
        "invited_by",
    )
    search_fields = ("email",)
    autocomplete_fields = ("delegation", "person")
    readonly_fields = ("state", "invited_by", "created_at", "expires_at", "accepted_at")

    @admin.display(description=_("for"))
    def target(self, obj: Invitation) -> str:
        return str(obj.delegation or obj.edition or obj.series or obj.person or "")

    @admin.display(description=_("state"))
    def state(self, obj: Invitation) -> str:
        return {
            "open": _("open"),
            "accepted": _("accepted"),
            "revoked": _("withdrawn"),
            "expired": _("expired"),
        }[obj.state]

    def get_fields(self, request, obj=None):
        if obj is None:
            return InvitationForm.Meta.fields
        return ("email", "role", "delegation", "series", "edition", "permissions", "person")

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return (*self.get_fields(request, obj), *self.readonly_fields)

    def _each(self, request, queryset, writer, done: str) -> None:
        count = 0
        for invitation in queryset:
            try:
                writer(invitation, actor=request.user)
            except ValidationError as exc:
                self.message_user(
                    request, f"{invitation}: {' '.join(exc.messages)}", messages.ERROR
                )
            else:
                count += 1
        self.message_user(request, done % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Send the selected invitations again (new link)"))
    def resend(self, request, queryset):
        self._each(request, queryset, resend_invitation, _("%(n)d invitations sent again."))

    @admin.action(description=_("Withdraw the selected invitations"))
    def revoke(self, request, queryset):
        self._each(request, queryset, revoke_invitation, _("%(n)d invitations withdrawn."))
