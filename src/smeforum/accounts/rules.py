"""Object permissions, in one place: ``rules`` predicates per role and the permissions built
from them. Views, the admin and the API ask ``user.has_perm(name, obj)``.

``rules.apps.AutodiscoverRulesConfig`` imports this module at start-up.
"""

from __future__ import annotations

import rules

from smeforum.accounts import queries
from smeforum.forums.models import Edition, ForumSeries
from smeforum.participants.models import Delegation, Registration


def _edition_of(obj) -> Edition | None:
    if isinstance(obj, Edition):
        return obj
    if isinstance(obj, Registration | Delegation):
        return obj.edition
    return getattr(obj, "edition", None) if obj is not None else None


is_platform_admin = rules.is_superuser


def has_organiser_permission(permission: str) -> rules.Predicate:
    """A predicate: the user is an organiser of the object's series or edition with the named
    permission (``programme``, ``participants``, ...). A ``ForumSeries`` object needs a
    series-wide role."""

    @rules.predicate(name=f"has_organiser_permission:{permission}")
    def predicate(user, obj) -> bool:
        if obj is None or not user.is_authenticated:
            return False
        if isinstance(obj, ForumSeries):
            return obj.organiser_roles.filter(
                user=user, edition__isnull=True, **{f"can_{permission}": True}
            ).exists()
        edition = _edition_of(obj)
        if edition is None:
            # An object of the series between editions (an outcome): a series-wide role.
            series = getattr(obj, "series", None)
            return isinstance(series, ForumSeries) and predicate(user, series)
        return queries.organiser_roles(user, edition).filter(**{f"can_{permission}": True}).exists()

    return predicate


@rules.predicate
def is_organiser_of(user, obj) -> bool:
    """The user has any organiser role covering the object's edition (or the series)."""
    if obj is None or not user.is_authenticated:
        return False
    if isinstance(obj, ForumSeries):
        return obj.organiser_roles.filter(user=user).exists()
    edition = _edition_of(obj)
    return edition is not None and queries.organiser_roles(user, edition).exists()


@rules.predicate
def is_lead_of_delegation(user, obj) -> bool:
    """The user leads the delegation (or the delegation of the registration)."""
    delegation = obj.delegation if isinstance(obj, Registration) else obj
    if not isinstance(delegation, Delegation):
        return False
    return queries.leads_delegation(user, delegation)


@rules.predicate
def is_own_registration(user, obj) -> bool:
    if not isinstance(obj, Registration) or not user.is_authenticated:
        return False
    return queries.is_person_of(user, obj.person_id)


rules.add_perm(
    "participants.view_registration",
    is_platform_admin
    | has_organiser_permission("participants")
    | is_lead_of_delegation
    | is_own_registration,
)
rules.add_perm(
    "participants.change_registration",
    is_platform_admin | has_organiser_permission("participants") | is_lead_of_delegation,
)
# Registering someone to an edition (object: the Edition) or placing a registration in a
# delegation (object: the Delegation): a lead only into the delegation they lead.
rules.add_perm(
    "participants.add_registration",
    is_platform_admin | has_organiser_permission("participants") | is_lead_of_delegation,
)
rules.add_perm(
    "participants.view_delegation",
    is_platform_admin
    | has_organiser_permission("participants")
    | has_organiser_permission("delegations")
    | is_lead_of_delegation,
)
# Changing a delegation at all: for a lead, only its head (chosen among its members).
rules.add_perm(
    "participants.change_delegation",
    is_platform_admin | has_organiser_permission("delegations") | is_lead_of_delegation,
)
# Its name, kind, country, city and organisation; creating one (object: the Edition).
rules.add_perm(
    "participants.edit_delegation",
    is_platform_admin | has_organiser_permission("delegations"),
)
rules.add_perm(
    "participants.add_delegation",
    is_platform_admin | has_organiser_permission("delegations"),
)
rules.add_perm("forums.add_session", is_platform_admin | has_organiser_permission("programme"))
rules.add_perm("forums.change_session", is_platform_admin | has_organiser_permission("programme"))
rules.add_perm("forums.delete_session", is_platform_admin | has_organiser_permission("programme"))
rules.add_perm("forums.publish_edition", is_platform_admin | has_organiser_permission("publish"))
# Recording an outcome (object: its Edition, or the ForumSeries when between editions).
rules.add_perm("outcomes.add_outcome", is_platform_admin | has_organiser_permission("outcomes"))
rules.add_perm("outcomes.change_outcome", is_platform_admin | has_organiser_permission("outcomes"))
