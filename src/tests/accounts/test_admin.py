"""The back office revokes API tokens through the domain, and grants roles through it."""

import pytest
from django.urls import reverse

from smeforum.accounts.domain.tokens import authenticate_api_token, create_api_token
from smeforum.accounts.models import OrganiserRole
from smeforum.audit.models import AuditEntry
from tests.factories import SeriesFactory, UserFactory

pytestmark = pytest.mark.integration


def test_revoke_action_revokes_the_selected_tokens(client, staff_user):
    client.force_login(staff_user)
    owner = UserFactory(username="script-owner")
    token, raw = create_api_token(owner, scope="write")
    _, kept_raw = create_api_token(owner, scope="read")

    response = client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "1 token revoked." in response.content.decode()
    assert (authenticate_api_token(raw), authenticate_api_token(kept_raw)) == (None, owner)
    entry = AuditEntry.objects.get(action="accounts.apitoken.revoked")
    assert (entry.object_id, entry.actor) == (str(token.pk), staff_user)


def test_granting_a_role_in_the_admin_is_audited(client, staff_user):
    client.force_login(staff_user)
    series = SeriesFactory()
    member = UserFactory(username="team-member")

    response = client.post(
        reverse("admin:accounts_organiserrole_add"),
        {"user": member.pk, "series": series.pk, "edition": "", "can_outcomes": "on"},
    )

    assert response.status_code == 302
    role = OrganiserRole.objects.get()
    assert (role.user, role.series, role.permissions) == (member, series, ["outcomes"])
    assert AuditEntry.objects.get(action="accounts.organiserrole.created").actor == staff_user
