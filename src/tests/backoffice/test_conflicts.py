"""Optimistic locking: a second organiser's save never silently overwrites the first's."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from smeforum.audit.models import AuditEntry
from smeforum.forums.models import Edition
from tests.backoffice.forms import changeform_data
from tests.factories import EditionFactory, UserFactory

pytestmark = pytest.mark.integration


def _organiser(name: str) -> Client:
    client = Client()
    client.force_login(
        UserFactory(username=name, email=f"{name}@example.org", is_staff=True, is_superuser=True)
    )
    return client


def _opened(client: Client, edition: Edition):
    """The change page as an organiser opens it, and the version token it carries."""
    response = client.get(reverse("admin:forums_edition_change", args=[edition.pk]))
    token = re.search(r'name="_snapshot" value="([0-9a-f]+)"', response.content.decode())
    return response, token.group(1)


def test_second_organiser_save_is_refused_with_a_conflict_message(db):
    edition = EditionFactory(venue="Hall A")
    url = reverse("admin:forums_edition_change", args=[edition.pk])
    alice, bob = _organiser("alice"), _organiser("bob")
    page_a, token_a = _opened(alice, edition)
    page_b, token_b = _opened(bob, edition)

    first = alice.post(url, {**changeform_data(page_a, venue="Hall B"), "_snapshot": token_a})
    second = bob.post(url, {**changeform_data(page_b, venue="Hall C"), "_snapshot": token_b})

    assert first.status_code == 302
    assert second.status_code == 200
    assert "alice@example.org changed this record at" in second.content.decode()
    assert "Nothing was saved" in second.content.decode()
    assert Edition.objects.get(pk=edition.pk).venue == "Hall B"
    changes = AuditEntry.objects.filter(action="forums.edition.changed")
    assert [(e.actor_label, e.after["venue"]) for e in changes] == [("alice@example.org", "Hall B")]


def test_save_after_reloading_goes_through(db):
    edition = EditionFactory(venue="Hall A")
    url = reverse("admin:forums_edition_change", args=[edition.pk])
    alice, bob = _organiser("alice"), _organiser("bob")
    page_a, token_a = _opened(alice, edition)
    alice.post(url, {**changeform_data(page_a, venue="Hall B"), "_snapshot": token_a})

    page_b, token_b = _opened(bob, edition)  # Bob reloads and sees Hall B
    response = bob.post(url, {**changeform_data(page_b, venue="Hall C"), "_snapshot": token_b})

    assert response.status_code == 302
    assert Edition.objects.get(pk=edition.pk).venue == "Hall C"
