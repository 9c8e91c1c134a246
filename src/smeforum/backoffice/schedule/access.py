"""Who may open a B2B session's pages: one check for the board, the import and the printouts.

Platform admins, and organisers with ``matchmaking`` on the session's edition
(``scheduling.view_b2bsession``; ``change`` to write). Without the permission anywhere: 403. A
B2B session outside the editions where the user holds ``matchmaking``: 404, as the admin
answers for another edition's row.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from smeforum.accounts.queries import editions_with_permission
from smeforum.scheduling.models import B2BSession


def b2b_or_404(request, b2b_id: int, *, write: bool = False) -> B2BSession:
    """The B2B session ``b2b_id`` if the user may see it (``write``: change it)."""
    user = request.user
    permission = f"scheduling.{'change' if write else 'view'}_b2bsession"
    if not user.has_perm(permission):
        raise PermissionDenied
    sessions = B2BSession.objects.select_related("session__edition__series")
    if not user.is_superuser:
        sessions = sessions.filter(
            session__edition__in=editions_with_permission(user, "matchmaking")
        )
    b2b = sessions.filter(pk=b2b_id).first()
    if b2b is None:
        raise Http404(_("No such record in the editions you organise."))
    if not user.has_perm(permission, b2b):
        raise PermissionDenied
    return b2b
