"""Who sees what: roles of a user and querysets scoped to them. Every list of private records
goes through these, so it can never include another delegation's or edition's rows."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.db.models import Q, QuerySet

from smeforum.accounts.models import ApiToken, DelegationLead, OrganiserRole, PersonAccount
from smeforum.forums.models import Edition, ForumSeries, Session, SessionRole
from smeforum.orgs.models import Person
from smeforum.participants.models import Delegation, Registration


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def organiser_roles(user, edition: Edition) -> QuerySet[OrganiserRole]:
    """The user's organiser roles covering ``edition`` (series-wide or for that edition)."""
    if not _is_user(user):
        return OrganiserRole.objects.none()
    covering = Q(edition__isnull=True)
    if edition.pk is not None:  # an edition being created is covered by series-wide roles only
        covering |= Q(edition_id=edition.pk)
    return OrganiserRole.objects.filter(user=user, series_id=edition.series_id).filter(covering)


def has_organiser_permission(user, edition: Edition, permission: str) -> bool:
    """Whether ``user`` is a platform admin or an organiser of ``edition`` with ``permission``."""
    if not _is_user(user):
        return False
    if user.is_superuser:
        return True
    return organiser_roles(user, edition).filter(**{f"can_{permission}": True}).exists()


def sees_all_registrations(user, edition: Edition) -> bool:
    """Organisers with the participants permission see every registration and its contacts."""
    return has_organiser_permission(user, edition, "participants")


def registrations_visible_to(user, edition: Edition) -> QuerySet[Registration]:
    """Organiser with ``participants``: all; delegation lead: their delegations' members;
    participant: their own; anonymous: none."""
    registrations = Registration.objects.filter(edition=edition)
    if not _is_user(user):
        return registrations.none()
    if sees_all_registrations(user, edition):
        return registrations
    return registrations.filter(
        Q(delegation__leads__user=user) | Q(person__account__user=user)
    ).distinct()


def delegations_visible_to(user, edition: Edition) -> QuerySet[Delegation]:
    """Organiser with ``participants`` or ``delegations``: all; delegation lead: theirs;
    participant: the delegation they belong to; anonymous: none."""
    delegations = Delegation.objects.filter(edition=edition)
    if not _is_user(user):
        return delegations.none()
    if sees_all_registrations(user, edition) or has_organiser_permission(
        user, edition, "delegations"
    ):
        return delegations
    return delegations.filter(
        Q(leads__user=user) | Q(members__person__account__user=user)
    ).distinct()


def delegations_led_by(user, edition: Edition) -> QuerySet[Delegation]:
    """The delegations of ``edition`` that ``user`` leads."""
    if not _is_user(user):
        return Delegation.objects.none()
    return Delegation.objects.filter(edition=edition, leads__user=user).order_by("id")


def leads_delegation(user, delegation: Delegation) -> bool:
    if not _is_user(user) or delegation is None:
        return False
    return DelegationLead.objects.filter(user=user, delegation=delegation).exists()


def organisation_id_of(user) -> int | None:
    """The organisation of the person ``user``'s login is linked to (``None``: no person, or a
    person of no organisation)."""
    if not _is_user(user):
        return None
    return (
        PersonAccount.objects.filter(user=user)
        .values_list("person__organisation_id", flat=True)
        .first()
    )


def is_person_of(user, person_id: int) -> bool:
    """Whether ``user``'s login is linked to the person ``person_id``."""
    if not _is_user(user):
        return False
    return PersonAccount.objects.filter(user=user, person_id=person_id).exists()


def roles_of(user) -> dict:
    """Everything ``user`` may act as: for ``/api/v1/me`` and the like."""
    if not _is_user(user):
        return {"organiser": [], "delegation_lead": [], "person": None}
    account = getattr(user, "person_account", None)
    return {
        "organiser": list(
            OrganiserRole.objects.filter(user=user).select_related("series", "edition")
        ),
        "delegation_lead": list(
            DelegationLead.objects.filter(user=user).select_related("delegation__edition__series")
        ),
        "person": account.person if account is not None else None,
    }


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


# --- the back office -----------------------------------------------------------------------


def may_enter_back_office(user) -> bool:
    """Who enters the back office: active platform admins (superusers) and active users holding
    any organiser role. Delegation leads and participants do not (they have their own pages);
    what an organiser sees inside follows their named permissions (``accounts.rules``)."""
    if not _is_user(user):
        return False
    return user.is_superuser or OrganiserRole.objects.filter(user=user).exists()


def _roles_with(user, permissions: tuple[str, ...]) -> QuerySet[OrganiserRole]:
    """The user's roles holding any of ``permissions`` (every role when none is named)."""
    roles = OrganiserRole.objects.filter(user=user)
    if permissions:
        any_flag = Q()
        for name in permissions:
            any_flag |= Q(**{f"can_{name}": True})
        roles = roles.filter(any_flag)
    return roles


def holds_organiser_permission(user, *permissions: str) -> bool:
    """Whether ``user`` holds any of ``permissions`` (any role when none is named) on any
    edition or series: the back office's "may they see this list at all"."""
    if not _is_user(user):
        return False
    return _roles_with(user, permissions).exists()


def editions_with_permission(user, *permissions: str) -> QuerySet[Edition]:
    """The editions where ``user`` holds any of ``permissions`` (any role when none is named):
    every edition of a series-wide role's series and each edition-scoped role's edition.
    Platform admins: every edition."""
    if not _is_user(user):
        return Edition.objects.none()
    if user.is_superuser:
        return Edition.objects.all()
    roles = _roles_with(user, permissions)
    return Edition.objects.filter(
        Q(series_id__in=roles.filter(edition__isnull=True).values("series_id"))
        | Q(pk__in=roles.filter(edition__isnull=False).values("edition_id"))
    )


def series_with_permission(user, *permissions: str) -> QuerySet[ForumSeries]:
    """The series where ``user`` holds a series-wide role with any of ``permissions`` (any
    series-wide role when none is named). Platform admins: every series."""
    if not _is_user(user):
        return ForumSeries.objects.none()
    if user.is_superuser:
        return ForumSeries.objects.all()
    roles = _roles_with(user, permissions).filter(edition__isnull=True)
    return ForumSeries.objects.filter(pk__in=roles.values("series_id"))


#: The organiser permissions whose work involves people: registering them, forming
#: delegations, naming speakers.
PEOPLE_PERMISSIONS = ("participants", "delegations", "programme")


def people_visible_to(user) -> QuerySet[Person]:
    """People an organiser works with: those registered at or speaking at an edition where the
    user has ``participants``, ``delegations`` or ``programme``, and people not yet placed at
    any edition (just added, about to be registered). Platform admins: everyone."""
    if not _is_user(user):
        return Person.objects.none()
    if user.is_superuser:
        return Person.objects.all()
    if not holds_organiser_permission(user, *PEOPLE_PERMISSIONS):
        return Person.objects.none()
    editions = editions_with_permission(user, *PEOPLE_PERMISSIONS)
    registered = Registration.objects.values("person_id")
    speaking = SessionRole.objects.values("person_id")
    return Person.objects.filter(
        Q(pk__in=registered.filter(edition__in=editions))
        | Q(pk__in=speaking.filter(session__edition__in=editions))
        | (~Q(pk__in=registered) & ~Q(pk__in=speaking))
    )


def manages_personal_data_of(user, person: Person) -> bool:
    """Platform admins, and organisers with ``participants`` on an edition where ``person`` is
    registered, may download or erase the person's personal data."""
    if not _is_user(user):
        return False
    if user.is_superuser:
        return True
    editions = editions_with_permission(user, "participants")
    return Registration.objects.filter(person=person, edition__in=editions).exists()


def is_organiser_staff(user) -> bool:
    """Staff, and everyone who enters the back office (platform admins, organiser teams):
    their sessions time out when idle and need two-factor authentication."""
    return _is_user(user) and (user.is_staff or may_enter_back_office(user))


def has_totp(user) -> bool:
    """Whether ``user`` has turned on TOTP two-factor authentication."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


# --- across editions: for the API's detail and write operations on one object -----------------


def in_editions_with_permission(user, permission: str, path: str = "edition") -> Q:
    """A filter on ``<path>`` (an Edition relation) for the editions ``user`` organises with
    ``permission`` (everything for a platform admin, nothing for others)."""
    if not _is_user(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q(**{f"{path}__isnull": False})
    found = Q(pk__in=[])
    roles = OrganiserRole.objects.filter(user=user, **{f"can_{permission}": True})
    for series_id, edition_id in roles.values_list("series_id", "edition_id"):
        if edition_id is None:
            found |= Q(**{f"{path}__series_id": series_id})
        else:
            found |= Q(**{f"{path}_id": edition_id})
    return found


def any_registrations_visible_to(user) -> QuerySet[Registration]:
    """Every registration ``user`` may see, in any edition: see registrations_visible_to."""
    if not _is_user(user):
        return Registration.objects.none()
    scope = (
        in_editions_with_permission(user, "participants")
        | Q(delegation__leads__user=user)
        | Q(person__account__user=user)
    )
    return Registration.objects.filter(
        pk__in=Registration.objects.filter(scope).values("pk")
    ).select_related("edition__series", "person__organisation", "delegation")


def any_delegations_visible_to(user) -> QuerySet[Delegation]:
    """Every delegation ``user`` may see, in any edition (see :func:`delegations_visible_to`)."""
    if not _is_user(user):
        return Delegation.objects.none()
    scope = (
        in_editions_with_permission(user, "participants")
        | in_editions_with_permission(user, "delegations")
        | Q(leads__user=user)
        | Q(members__person__account__user=user)
    )
    return Delegation.objects.filter(
        pk__in=Delegation.objects.filter(scope).values("pk")
    ).select_related("edition__series", "head")


def people_nameable_by(user) -> QuerySet[Person]:
    """People ``user`` may name in a write: the people registered to editions they organise
    with the participants permission, the members of delegations they lead, themselves."""
    if not _is_user(user):
        return Person.objects.none()
    if user.is_superuser:
        return Person.objects.all()
    scope = (
        in_editions_with_permission(user, "participants", path="registrations__edition")
        | Q(registrations__delegation__leads__user=user)
        | Q(account__user=user)
    )
    return Person.objects.filter(pk__in=Person.objects.filter(scope).values("pk"))


def sessions_visible_to(user) -> QuerySet[Session]:
    """Sessions of published editions, and those of editions ``user`` programmes."""
    scope = Q(edition__is_published=True) | in_editions_with_permission(user, "programme")
    return Session.objects.filter(scope)


def editions_visible_to(user) -> QuerySet[Edition]:
    """Published editions, those ``user`` organises in any role, and those of the delegations
    they lead."""
    if not _is_user(user):
        return Edition.objects.filter(is_published=True)
    if user.is_superuser:
        return Edition.objects.all()
    roles = OrganiserRole.objects.filter(user=user).values_list("series_id", "edition_id")
    scope = Q(is_published=True) | Q(delegations__leads__user=user)
    for series_id, edition_id in roles:
        scope |= Q(pk=edition_id) if edition_id else Q(series_id=series_id)
    return Edition.objects.filter(pk__in=Edition.objects.filter(scope).values("pk"))
