"""The audit log and shipped NACE sectors cannot be written from the back office."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from smeforum.audit.domain import save_record
from smeforum.audit.models import AuditEntry
from smeforum.reference.models import Sector
from tests.factories import SourceFactory

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("model", [AuditEntry, Sector], ids=lambda m: m.__name__)
def test_permission_methods_refuse_every_write(staff_user, model):
    # Arrange
    request = RequestFactory().get("/")
    request.user = staff_user
    model_admin = admin.site._registry[model]

    # Act
    permissions = (
        model_admin.has_add_permission(request),
        model_admin.has_change_permission(request),
        model_admin.has_delete_permission(request),
        model_admin.has_view_permission(request),
    )

    # Assert
    assert permissions == (False, False, False, True)


def test_audit_entry_add_change_and_delete_urls_are_forbidden(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    entry = AuditEntry.objects.create(actor_label="someone", action="test.thing.created")

    add_url = reverse("admin:audit_auditentry_add")

    # Act
    changelist = client.get(reverse("admin:audit_auditentry_changelist"))
    statuses = (
        client.get(add_url).status_code,
        client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {}).status_code,
        client.post(
            reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code,
    )

    # Assert
    assert statuses == (403, 403, 403)
    assert add_url not in changelist.content.decode()
    assert AuditEntry.objects.filter(pk=entry.pk).exists() is True


def test_audit_entry_page_shows_changed_fields_with_before_and_after(client, staff_user):
    # Arrange
    client.force_login(staff_user)
    source = SourceFactory(publisher="Xinhua")
    source.publisher = "China Daily"
    save_record(source, actor=staff_user)
    entry = AuditEntry.objects.get()

    # Act
    response = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))

    # Assert
    assert response.status_code == 200
    assert entry.changed_fields() == ["publisher"]
    assert (
        "<tr><th>publisher</th><td>&quot;Xinhua&quot;</td><td>&quot;China Daily&quot;</td></tr>"
        in response.content.decode()
    )


def test_sector_add_url_is_forbidden(client, staff_user):
    # Arrange
    client.force_login(staff_user)

    # Act
    response = client.get(reverse("admin:reference_sector_add"))

    # Assert
    assert response.status_code == 403
