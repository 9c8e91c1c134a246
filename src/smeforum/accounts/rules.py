"""Object permissions, in one place: ``rules`` predicates per role and the permissions built
from them. Views, the admin and the API ask ``user.has_perm(name, obj)``.

Asked without an object (``user.has_perm("forums.change_session")``), an organiser
permission means "anywhere": the back office uses that for its menus and lists, and scopes
their rows with ``accounts.queries.editions_with_permission`` and friends.

``rules.apps.AutodiscoverRulesConfig`` imports this module at start-up.
"""

from __future__ import annotations

import rules

from smeforum.accounts import queries
from smeforum.forums.models import Edition, ForumSeries, ReportedFigure
from smeforum.orgs.models import Person
from smeforum.participants.models import Delegation, Registration


def _edition_of(obj) -> Edition | None:
    if isinstance(obj, Edition):
        return obj
    if isinstance(obj, Registration | Delegation):
        return obj.edition
    if isinstance(obj, ReportedFigure):
        single = obj.first_edition_id and obj.first_edition_id == obj.last_edition_id
        return obj.first_edition if single else None
    if obj is not None and getattr(obj, "edition_id", None) is None and hasattr(obj, "session"):
        session = obj.session  # a session topic or role
        return session.edition if session is not None else None
    return getattr(obj, "edition", None) if obj is not None else None


def _series_scope(obj) -> ForumSeries | None:
    """The series of an object that covers a whole series (an outcome between editions, a
    series-wide reported figure): only a series-wide role reaches it."""
    if isinstance(obj, ForumSeries):
        return obj
    if getattr(obj, "series_id", None) is not None and _edition_of(obj) is None:
        return obj.series
    return None


is_platform_admin = rules.is_superuser


def has_organiser_permission(permission: str) -> rules.Predicate:
    """A predicate: the user is an organiser of the object's series or edition with the named
    permission (``programme``, ``participants``, ...). A ``ForumSeries`` object needs a
    series-wide role."""

    @rules.predicate(name=f"has_organiser_permission:{permission}")
    def predicate(user, obj=None) -> bool:
        if not user.is_authenticated or not user.is_active:
            return False
        if obj is None:
            return queries.holds_organiser_permission(user, permission)
        series = _series_scope(obj)
        if series is not None:
            return series.organiser_roles.filter(
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
def is_organiser_of(user, obj=None) -> bool:
    """The user has any organiser role covering the object's edition (or the series); without
    an object: any organiser role."""
    if not user.is_authenticated or not user.is_active:
        return False
    if obj is None:
        return queries.holds_organiser_permission(user)
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


@rules.predicate
def organises_matchmaking_of(user, obj=None) -> bool:
    """Matchmaking records (``smeforum.matchmaking``; not imported here, it comes later in the
    import direction) say which editions look after them with ``organiser_scope()``, a filter
    on editions: a profile, the editions it is confirmed for; an opportunity, its edition, or
    for an evergreen one any edition of its series or of its profile's confirmations. The user
    holds ``matchmaking`` on one of them. Without an object: anywhere. A new profile, confirmed
    nowhere yet, belongs to every organiser with ``matchmaking``."""
    if obj is None:
        return queries.holds_organiser_permission(user, "matchmaking")
    scope = getattr(obj, "organiser_scope", None)
    if scope is None:
        return False
    # An unsaved record (being added) answers by the editions it names.
    return queries.editions_with_permission(user, "matchmaking").filter(scope()).exists()


def _organisation_id(obj) -> int | None:
    if hasattr(obj, "organisation_id"):  # a matchmaking profile
        return obj.organisation_id
    profile = getattr(obj, "profile", None)  # an opportunity
    return getattr(profile, "organisation_id", None)


@rules.predicate
def is_own_matchmaking_record(user, obj=None) -> bool:
    """The profile (or the opportunity of the profile) of the organisation of the person the
    user's login is linked to: its people edit it on the portal."""
    if obj is None or not hasattr(obj, "organiser_scope"):
        return False
    organisation_id = _organisation_id(obj)
    return organisation_id is not None and queries.organisation_id_of(user) == organisation_id


def _request_side(obj, side: str) -> int | None:
    confirmation = getattr(obj, side, None)  # a meeting request's sender or receiver
    profile = getattr(confirmation, "profile", None)
    return getattr(profile, "organisation_id", None)


@rules.predicate
def is_request_sender(user, obj=None) -> bool:
    """A meeting request sent by the organisation of the user's person."""
    organisation_id = _request_side(obj, "sender")
    return organisation_id is not None and queries.organisation_id_of(user) == organisation_id


@rules.predicate
def is_request_receiver(user, obj=None) -> bool:
    """A meeting request sent to the organisation of the user's person."""
    organisation_id = _request_side(obj, "receiver")
    return organisation_id is not None and queries.organisation_id_of(user) == organisation_id


def holds_organiser_permission(*permissions: str) -> rules.Predicate:
    """A predicate for records that belong to no edition (reference data, organisations,
    exchange rates): the user holds any of ``permissions`` (any role when none is named) on
    any edition or series, whatever the object."""

    @rules.predicate(name=f"holds_organiser_permission:{','.join(permissions) or 'any'}")
    def predicate(user) -> bool:
        return queries.holds_organiser_permission(user, *permissions)

    return predicate


@rules.predicate
def is_series_organiser(user, obj=None) -> bool:
    """A series-wide organiser role (any permissions) on the series; without one: anywhere."""
    series = queries.series_with_permission(user)
    if obj is None:
        return series.exists()
    return isinstance(obj, ForumSeries) and series.filter(pk=obj.pk).exists()


@rules.predicate
def works_with_person(user, obj=None) -> bool:
    """The person is among those the organiser works with (``queries.people_visible_to``)."""
    if obj is None:
        return queries.holds_organiser_permission(user, *queries.PEOPLE_PERMISSIONS)
    return isinstance(obj, Person) and queries.people_visible_to(user).filter(pk=obj.pk).exists()


@rules.predicate
def manages_personal_data(user, obj=None) -> bool:
    """Organiser with ``participants`` on an edition where the person is registered."""
    if obj is None:
        return queries.holds_organiser_permission(user, "participants")
    return isinstance(obj, Person) and queries.manages_personal_data_of(user, obj)


def _crud(model: str, *, view, change, add=None, delete=None) -> None:
    """The view/add/change/delete permissions of ``app.model``: viewing follows changing too;
    adding and deleting default to changing."""
    app, name = model.split(".")
    rules.set_perm(f"{app}.view_{name}", view | change)
    rules.set_perm(f"{app}.change_{name}", change)
    rules.set_perm(f"{app}.add_{name}", add if add is not None else change)
    rules.set_perm(f"{app}.delete_{name}", delete if delete is not None else change)


programme = has_organiser_permission("programme")
outcomes = has_organiser_permission("outcomes")
publish = has_organiser_permission("publish")
participants = has_organiser_permission("participants")
delegations = has_organiser_permission("delegations")
matchmaking = has_organiser_permission("matchmaking")
admin_only = is_platform_admin

# The back office, model by model (see docs/architecture.md, "Permissions in the back office").
_crud(
    "forums.session",
    view=admin_only | programme | outcomes | publish,  # outcomes and figures name sessions
    change=admin_only | programme,
)
_crud("forums.reportedfigure", view=admin_only, change=admin_only | publish)
_crud(
    "forums.edition",
    view=admin_only | is_organiser_of,  # every team member sees the editions they work on
    change=admin_only | publish,
    delete=admin_only,
)
_crud(
    "forums.forumseries",
    view=admin_only | is_series_organiser,
    change=admin_only,
)
_crud("outcomes.outcome", view=admin_only, change=admin_only | outcomes)
_crud(
    "participants.registration",
    view=admin_only | participants | is_lead_of_delegation | is_own_registration,
    change=admin_only | participants | is_lead_of_delegation,
    # Registering someone (object: the Edition, or the Delegation they join): a lead only
    # into the delegation they lead; the back office asks without an object (no lead enters).
    add=admin_only | participants | is_lead_of_delegation,
    delete=admin_only | participants,
)
_crud(
    "participants.delegation",
    view=admin_only | participants | delegations | is_lead_of_delegation,
    change=admin_only | delegations | is_lead_of_delegation,
    add=admin_only | delegations,
    delete=admin_only | delegations,
)
# A delegation's name, kind, country, city and organisation (a lead changes only its head).
rules.add_perm("participants.edit_delegation", admin_only | delegations)
_crud("orgs.person", view=admin_only, change=admin_only | works_with_person, delete=admin_only)
_crud(
    "orgs.organisation",
    # Organisations are public records (the API lists them); every team member may pick one.
    view=admin_only | holds_organiser_permission(),
    change=admin_only | holds_organiser_permission("participants", "delegations", "outcomes"),
    delete=admin_only,
)
rules.add_perm("orgs.manage_personal_data", admin_only | manages_personal_data)
# Organisers with ``outcomes`` read the manual exchange rates (the amounts they enter are
# converted with them); only platform admins record or correct rates.
_crud(
    "money.manualrate", view=admin_only | holds_organiser_permission("outcomes"), change=admin_only
)
rules.add_perm("forums.publish_edition", admin_only | publish)
# B2B scheduling: set-up, meetings, solver runs and hand moves belong to ``matchmaking``.
for _model in ("b2bsession", "slot", "table", "attendee", "meeting", "schedulerun"):
    _crud(f"scheduling.{_model}", view=admin_only | matchmaking, change=admin_only | matchmaking)
# Matchmaking profiles and opportunities: organisers with ``matchmaking`` on the editions
# that look after them (see ``organises_matchmaking_of``); moderation too.
for _model in ("profile", "profileedition", "opportunity"):
    _crud(
        f"matchmaking.{_model}",
        view=admin_only | organises_matchmaking_of,
        change=admin_only | organises_matchmaking_of,
    )
rules.add_perm("matchmaking.moderate_opportunity", admin_only | organises_matchmaking_of)
# The organisation's own people (for the portal): they edit their profile and opportunities.
rules.add_perm("matchmaking.edit_own_profile", is_own_matchmaking_record)
rules.add_perm("matchmaking.edit_own_opportunity", is_own_matchmaking_record)
# Meeting requests: a confirmation's people send them and rate its meetings; the receiver
# answers, the sender withdraws, either side sees and calls off. Organisers with
# ``matchmaking`` read requests and ratings and set the edition's rules; nobody edits a
# request or a rating in the back office.
rules.add_perm("matchmaking.send_request", is_own_matchmaking_record)
rules.add_perm("matchmaking.rate_meeting", is_own_matchmaking_record)
rules.add_perm("matchmaking.see_request", is_request_sender | is_request_receiver)
rules.add_perm("matchmaking.answer_request", is_request_receiver)
rules.add_perm("matchmaking.withdraw_request", is_request_sender)
rules.add_perm("matchmaking.cancel_request", is_request_sender | is_request_receiver)
_crud(
    "matchmaking.requestpolicy",
    view=admin_only | organises_matchmaking_of,
    change=admin_only | organises_matchmaking_of,
)
for _model in ("meetingrequest", "meetingrating"):
    _crud(f"matchmaking.{_model}", view=admin_only | organises_matchmaking_of, change=admin_only)
# Reference data: every organiser reads it (their forms pick sources and cities); only
# platform admins change it.
for _model in ("source", "city", "sector", "mechanism", "outcomekind", "cooperationfield"):
    _crud(f"reference.{_model}", view=admin_only | holds_organiser_permission(), change=admin_only)
