"""Background jobs of the accounts app (Django's Tasks API; a worker runs them)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from smeforum.accounts.domain.invitations import invitation_token
from smeforum.accounts.models import Invitation

#: The URL name of the page that accepts an invitation (served by the portal).
ACCEPT_URL_NAME = "portal:invitation"


def invitation_link(invitation: Invitation) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(ACCEPT_URL_NAME, kwargs={"token": invitation_token(invitation)})
    return settings.SMEFORUM_SITE_URL + path


@task()
def send_invitation_email(invitation_id: int) -> int:
    """Email the invitation's link, in English and Chinese. Returns the number of mails sent
    (0 when the invitation is no longer open)."""
    invitation = (
        Invitation.objects.select_related("delegation", "series", "edition__series", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or invitation.state != "open":
        return 0
    context = {"invitation": invitation, "link": invitation_link(invitation)}
    parts = []
    for language in ("en", "zh-hans"):
        with translation.override(language):
            parts.append(render_to_string("accounts/invitation_email.txt", context))
    with translation.override("en"):
        subject = _("You are invited to smeforum as %(role)s") % {
            "role": invitation.get_role_display()
        }
    prefix = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
    return send_mail(prefix + subject, "\n\n".join(parts), None, [invitation.email])
