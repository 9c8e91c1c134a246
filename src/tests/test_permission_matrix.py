"""The permission matrix: every route of the project × every kind of caller → the HTTP status.

The table below is the specification. Two meta-tests keep it complete: a route (or API
operation) found by walking the URL resolver / the OpenAPI schema without a row fails the suite
naming it, and a row for a route that no longer exists fails too. Each (route, caller) cell is
one test id. Pages are opened with the session (``force_login``), the API with a bearer token:
read operations (``API``) with a read-scoped one, write operations (``WRITES``) with a
write-scoped one, sending the body of ``WRITE_BODIES``; every cell runs in its own transaction,
rolled back after it.

The admin's routes are reduced to its index and, per registered model, the changelist, the add
view and one change view (of the model's first object); its other routes (login, logout,
password change, history, delete, autocomplete, ...) follow the same ``admin_view`` guard.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import transaction
from django.middleware.csrf import _get_new_csrf_string
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from smeforum.api.urls import api
from smeforum.audit.domain import snapshot
from smeforum.audit.models import AuditEntry
from smeforum.matchmaking.models import MeetingRequest, Opportunity
from smeforum.participants.models import Registration
from tests.matrix_world import B_NAMES, CALLERS, MatrixWorld, build_matrix_world

pytestmark = pytest.mark.integration

# Callers, in this order, in every row:
#   anonymous, participant, lead of delegation A, lead of delegation B,
#   organiser without the permission (series-wide role with every flag off), organiser with it
#   (series-wide, every flag on; neither organiser is staff: holding a role is what opens the
#   back office), platform admin (superuser, staff).
ALL_200 = (200,) * 7
ALL_404 = (404,) * 7
PERSONAL = (401, 200, 200, 200, 200, 200, 200)  # any signed-in caller, scoped to what they see
SIGNED_IN = (302, 200, 200, 200, 200, 200, 200)  # pages: anonymous callers go to sign in
SIGNED_OUT_ONLY = (200, 302, 302, 302, 302, 302, 302)


def back_office(without: int, with_: int, admin: int = 200) -> tuple[int, ...]:
    """Anonymous callers, participants and delegation leads do not enter the back office: they
    are sent to the admin login. Organisers enter; what they get follows their permissions."""
    return (302, 302, 302, 302, without, with_, admin)


DELEGATION_A = (302, 404, 200, 404, 404, 200, 200)
# An invitation's page opens without signing in: the link is the credential (here: a bad one).
INVITATION_LINK = ALL_404
DELEGATION_A_WRITE = (302, 404, 405, 404, 404, 405, 405)
# The participant's organisation's pages (matchmaking profile, opportunities): only a caller
# linked to a person of the organisation; the others are not linked to a person (404).
OWN_ORGANISATION = (302, 200, 404, 404, 404, 404, 404)
OWN_ORGANISATION_WRITE = (302, 405, 404, 404, 404, 404, 404)

# --- Django routes (outside the admin), by "namespace:name" -----------------------------------
PAGES: dict[str, tuple[int, ...]] = {
    "set_language": (302,) * 7,  # a GET just redirects back
    "api-v1:openapi-json": ALL_200,
    "api-v1:openapi-view": ALL_200,
    "api-v1:api-root": ALL_404,  # ninja's root route: nothing is served at /api/v1/
    "public:home": ALL_200,
    "public:countries": ALL_200,
    "public:country": ALL_200,
    "public:series": ALL_200,
    "public:edition": ALL_200,
    "public:session": ALL_200,
    "public:opportunities": ALL_200,
    "public:opportunity": ALL_200,  # the world's published opportunity
    "public:series_results": ALL_200,
    "public:edition_results": ALL_200,
    "public:series_factsheet": ALL_200,
    "public:edition_factsheet": ALL_200,
    "public:series_factsheet_pdf": ALL_200,
    "public:edition_factsheet_pdf": ALL_200,
    # The series has an unpublished edition: its outcomes are downloadable per edition only.
    "public:series_outcomes_download": ALL_404,
    "public:edition_outcomes_download": ALL_200,
    # Every organiser enters (the one without permissions sees editions and reference data).
    "admin:index": back_office(200, 200),
    "admin_login_redirect": (302,) * 7,  # the back office signs in on the accounts pages
    # --- accounts (django-allauth); signed-in callers are sent on from the sign-in pages
    "portal:invitation": INVITATION_LINK,
    "account_login": SIGNED_OUT_ONLY,
    "account_signup": SIGNED_OUT_ONLY,
    "account_logout": (302, 200, 200, 200, 200, 200, 200),  # a confirmation form; POST signs out
    "account_inactive": ALL_200,
    "account_email": SIGNED_IN,
    "account_email_verification_sent": ALL_200,
    "account_confirm_email": ALL_200,  # an unknown key shows "invalid or expired"
    "account_change_password": SIGNED_IN,
    "account_set_password": (302,) * 7,  # everyone here has a password: on to "change"
    "account_reset_password": ALL_200,
    "account_reset_password_done": ALL_200,
    "account_reset_password_from_key": ALL_200,  # a wrong key shows "bad token"
    "account_reset_password_from_key_done": ALL_200,
    "account_confirm_login_code": (302,) * 7,  # nothing pending: back to sign in
    "account_reauthenticate": SIGNED_IN,
    "account_request_reauthentication_code": (302,) * 7,
    "account_confirm_reauthentication_code": (302,) * 7,
    "mfa_index": SIGNED_IN,
    # Turning on TOTP or making recovery codes first asks for the password again (reauthenticate).
    "mfa_activate_totp": (302,) * 7,
    "mfa_deactivate_totp": (302, 404, 404, 404, 404, 404, 404),  # nobody has TOTP yet
    "mfa_authenticate": (302,) * 7,  # nothing pending
    "mfa_reauthenticate": (302,) * 7,
    "mfa_generate_recovery_codes": (302,) * 7,
    "mfa_view_recovery_codes": (302, 404, 404, 404, 404, 404, 404),
    "mfa_download_recovery_codes": (302, 404, 404, 404, 404, 404, 404),
    # The self-service pages (smeforum.portal): anonymous callers are sent to the login page.
    "portal:dashboard": SIGNED_IN,
    "portal:tokens": SIGNED_IN,
    # Only a caller linked to a person has a profile and personal data.
    "portal:profile": (302, 200, 404, 404, 404, 404, 404),
    "portal:personal_data": (302, 200, 404, 404, 404, 404, 404),
    # The participant's B2B meetings: only a caller linked to a person has an agenda; the
    # calendar file is of the B2B session the participant attends (and has a meeting in).
    # Nobody else attends it, so nobody else gets it, organisers and admins included (they
    # print agendas in the back office): 404, never 403.
    "portal:agenda": (302, 200, 404, 404, 404, 404, 404),
    "portal:agenda_ics": (302, 200, 404, 404, 404, 404, 404),
    # The participant's recommended partners: only a caller linked to a person has them.
    "portal:recommendations": (302, 200, 404, 404, 404, 404, 404),
    # The participant's meeting requests, likewise.
    "portal:requests": (302, 200, 404, 404, 404, 404, 404),
    # The participant's organisation's matchmaking profile and opportunities (the world's
    # published one is theirs); another organisation's opportunity is never revealed.
    "portal:matchmaking_profile": OWN_ORGANISATION,
    "portal:opportunities": OWN_ORGANISATION,
    "portal:opportunity_new": OWN_ORGANISATION,
    "portal:opportunity": OWN_ORGANISATION,
    # POST-only writes opened with GET: 405 where the caller may write, else 404.
    "portal:opportunity_submit": OWN_ORGANISATION_WRITE,
    "portal:opportunity_withdraw": OWN_ORGANISATION_WRITE,
    # Their POST-only writes opened with GET: 405 where the caller may write, else 404. The
    # world's request was sent to the participant's organisation: it answers, calls off and
    # rates it; only its sender could withdraw it. Nobody else sees it (organisers and admins
    # included: they read requests in the back office).
    "portal:request_send": (302, 405, 404, 404, 404, 404, 404),
    "portal:request_accept": (302, 405, 404, 404, 404, 404, 404),
    "portal:request_decline": (302, 405, 404, 404, 404, 404, 404),
    "portal:request_withdraw": (302, 404, 404, 404, 404, 404, 404),
    "portal:request_cancel": (302, 405, 404, 404, 404, 404, 404),
    "portal:request_rate": (302, 405, 404, 404, 404, 404, 404),
    # Delegation A's page: its lead and organisers with the permission; never revealed to others.
    "portal:delegation": DELEGATION_A,
    # POST-only writes opened with GET: 405 where the caller may write, else 404.
    "portal:delegation_head": DELEGATION_A_WRITE,
    "portal:member_status": DELEGATION_A_WRITE,
    # The B2B schedule pages (backoffice/schedule/): organisers with ``matchmaking``.
    **{
        f"admin:scheduling_b2bsession_{page}": back_office(403, 200)
        for page in (
            "board",
            "setup",
            "progress",
            "attendees",
            "add_meeting",
            "meeting",
            "import",
            "import_template",
            "agendas_pdf",
            "table_plan_pdf",
        )
    },
    # POST-only writes opened with GET: 405 where the caller may write, else 403.
    **{
        f"admin:scheduling_b2bsession_{page}": back_office(403, 405, 405)
        for page in (
            "solve",
            "move",
            "unplace",
            "fix",
            "cancel",
            "take_requests",
            "publish_agendas",
            "remind_agendas",
        )
    },
    # Outcomes traced to B2B meetings (backoffice/admin/outcome_trace.py): organisers with
    # ``outcomes``; the one without the permission gets 403.
    "admin:outcomes_outcome_trace": back_office(403, 200),
    # An edition's overview of meeting requests (and ratings): organisers with ``matchmaking``.
    "admin:matchmaking_requestpolicy_overview": back_office(403, 200),
    # Lead A's token: only lead A may revoke it.
    "portal:token_revoke": (302, 404, 405, 404, 404, 404, 404),
}

# --- The admin: per registered model, (changelist, add, change) ----------------------------------
# Platform admin only: both organisers get 403.
_PLATFORM = (back_office(403, 403),) * 3
_PLATFORM_READ_ONLY = (back_office(403, 403), back_office(403, 403, 403), back_office(403, 403))
# The organiser's job (every flag on, series-wide): the one without permissions gets 403.
_THEIR_JOB = (back_office(403, 200),) * 3
# Read by every organiser, changed by platform admins (reference data).
_READ_BY_ORGANISERS = (back_office(200, 200), back_office(403, 403), back_office(200, 200))
ADMIN_MODELS: dict[str, tuple[tuple[int, ...], ...]] = {
    "auth.group": _PLATFORM,
    "auth.user": _PLATFORM,
    "axes.accessattempt": _PLATFORM_READ_ONLY,
    "axes.accesslog": _PLATFORM_READ_ONLY,
    "axes.accessfailurelog": _PLATFORM_READ_ONLY,
    "django_tasks_database.dbtaskresult": _PLATFORM_READ_ONLY,
    "account.emailaddress": _PLATFORM,
    "mfa.authenticator": _PLATFORM,
    "accounts.invitation": _PLATFORM,
    "accounts.organiserrole": _PLATFORM,
    "accounts.delegationlead": _PLATFORM,
    "accounts.personaccount": _PLATFORM,
    "accounts.apitoken": _PLATFORM_READ_ONLY,
    "audit.auditentry": _PLATFORM_READ_ONLY,
    # Series: seen by series-wide organisers, changed by platform admins.
    "forums.forumseries": _READ_BY_ORGANISERS,
    # Editions: seen by every organiser of them; added and changed with ``publish``.
    "forums.edition": (back_office(200, 200), back_office(403, 200), back_office(200, 200)),
    "forums.session": _THEIR_JOB,
    "forums.reportedfigure": _THEIR_JOB,
    # Manual rates: read with ``outcomes``, recorded by platform admins.
    "money.manualrate": (back_office(403, 200), back_office(403, 403), back_office(403, 200)),
    # Organisations are public records: every organiser sees them; writers add them.
    "orgs.organisation": (back_office(200, 200), back_office(403, 200), back_office(200, 200)),
    "orgs.person": _THEIR_JOB,
    "outcomes.outcome": _THEIR_JOB,
    "participants.registration": _THEIR_JOB,
    "participants.delegation": _THEIR_JOB,
    "scheduling.b2bsession": _THEIR_JOB,
    # Attendees are added on the B2B session's attendees page, meetings and runs are changed on
    # its board: no add view for anyone; meetings and runs are only read here.
    "scheduling.attendee": (
        back_office(403, 200),
        back_office(403, 403, 403),
        back_office(403, 200),
    ),
    "scheduling.meeting": (
        back_office(403, 200),
        back_office(403, 403, 403),
        back_office(403, 200),
    ),
    "scheduling.schedulerun": (
        back_office(403, 200),
        back_office(403, 403, 403),
        back_office(403, 200),
    ),
    # Matchmaking: organisers with ``matchmaking`` on the editions looking after the record.
    "matchmaking.profile": _THEIR_JOB,
    "matchmaking.opportunity": _THEIR_JOB,
    "matchmaking.requestpolicy": _THEIR_JOB,
    # Requests and ratings are made on the portal: only read here, by organisers with
    # ``matchmaking`` (ratings are for organisers only); no add view for anyone.
    "matchmaking.meetingrequest": (
        back_office(403, 200),
        back_office(403, 403, 403),
        back_office(403, 200),
    ),
    "matchmaking.meetingrating": (
        back_office(403, 200),
        back_office(403, 403, 403),
        back_office(403, 200),
    ),
    "reference.source": _READ_BY_ORGANISERS,
    "reference.city": _READ_BY_ORGANISERS,
    "reference.sector": (
        back_office(200, 200),
        back_office(403, 403, 403),
        back_office(200, 200),
    ),
    "reference.mechanism": _READ_BY_ORGANISERS,
    "reference.outcomekind": _READ_BY_ORGANISERS,
    "reference.cooperationfield": _READ_BY_ORGANISERS,
}
ADMIN_VIEWS = ("changelist", "add", "change")

# --- The ninja API, by "METHOD path template" ----------------------------------------------------
API: dict[str, tuple[int, ...]] = {
    "GET /api/v1/series": ALL_200,
    "GET /api/v1/series/{slug}/editions": ALL_200,
    "GET /api/v1/me": PERSONAL,
    # Only a caller linked to a person has personal data; the others get 404.
    "GET /api/v1/me/data": (401, 200, 404, 404, 404, 404, 404),
    "GET /api/v1/editions/{series}/{number}/registrations": PERSONAL,
    "GET /api/v1/editions/{series}/{number}/delegations": PERSONAL,
    "GET /api/v1/countries": ALL_200,
    "GET /api/v1/countries/{code}": ALL_200,
    "GET /api/v1/cities": ALL_200,
    "GET /api/v1/cities/{city_id}": ALL_200,
    "GET /api/v1/organisations": ALL_200,
    "GET /api/v1/organisations/{organisation_id}": ALL_200,
    "GET /api/v1/editions/{series}/{number}/sessions": ALL_200,
    "GET /api/v1/sessions/{session_id}": ALL_200,
    "GET /api/v1/series/{slug}/figures": ALL_200,
    "GET /api/v1/series/{slug}/outcomes": ALL_200,
    "GET /api/v1/outcomes/{outcome_id}": ALL_200,
    "GET /api/v1/people": PERSONAL,
    "GET /api/v1/figures/{figure_id}": ALL_200,
    "GET /api/v1/me/tokens": PERSONAL,
    # One registration and one delegation of delegation A, visible to its lead and organisers
    # with the participants permission only: everyone else gets 404, never 403.
    "GET /api/v1/registrations/{registration_id}": (401, 404, 200, 404, 404, 200, 200),
    "GET /api/v1/delegations/{delegation_id}": (401, 404, 200, 404, 404, 200, 200),
    # The B2B schedule (people, organisations, who meets whom): organisers with the
    # matchmaking permission and platform admins; everyone else gets 404, never 403.
    "GET /api/v1/b2b-sessions/{b2b_id}/schedule": (401, 404, 404, 404, 404, 200, 200),
    # The caller's own B2B meetings: only a caller linked to a person has an agenda.
    "GET /api/v1/me/agenda": (401, 200, 404, 404, 404, 404, 404),
    # Matchmaking of the caller's organisation: only a caller linked to a person (of an
    # organisation) has one; the participant's organisation is confirmed for the edition.
    "GET /api/v1/me/matchmaking/profile": (401, 200, 404, 404, 404, 404, 404),
    "GET /api/v1/me/opportunities": (401, 200, 404, 404, 404, 404, 404),
    "GET /api/v1/me/opportunities/{opportunity_id}": (401, 200, 404, 404, 404, 404, 404),
    "GET /api/v1/me/recommendations": (401, 200, 404, 404, 404, 404, 404),
    "GET /api/v1/me/requests": (401, 200, 404, 404, 404, 404, 404),
    # The public marketplace of the published edition.
    "GET /api/v1/editions/{series}/{number}/opportunities": ALL_200,
    # Who asked whom, per organisation: organisers with the matchmaking permission and
    # platform admins; everyone else gets 404, never 403.
    "GET /api/v1/editions/{series}/{number}/matchmaking/overview": (
        401,
        404,
        404,
        404,
        404,
        200,
        200,
    ),
    # Moderation and ratings (api/resources_moderation.py), likewise.
    "GET /api/v1/editions/{series}/{number}/opportunities/moderation": (
        401,
        404,
        404,
        404,
        404,
        200,
        200,
    ),
    "GET /api/v1/editions/{series}/{number}/matchmaking/ratings": (
        401,
        404,
        404,
        404,
        404,
        200,
        200,
    ),
}

# --- write operations: statuses, and the request each caller sends (with a write token) -------
#
# Each cell runs in its own transaction, rolled back after it, so every caller meets the same
# world. The path values are those of ``_url`` (delegation A's objects, the participant's
# token). Read tokens, CSRF and the other delegation's ids are checked by the tests below.
WRITES: dict[str, tuple[int, ...]] = {
    # Leads register into their own delegation; organisers with participants anywhere.
    "POST /api/v1/editions/{series}/{number}/registrations": (401, 403, 201, 201, 403, 201, 201),
    "PATCH /api/v1/registrations/{registration_id}": (401, 404, 200, 404, 404, 200, 200),
    "DELETE /api/v1/registrations/{registration_id}": (401, 404, 200, 404, 404, 200, 200),
    "POST /api/v1/editions/{series}/{number}/delegations": (401, 403, 403, 403, 403, 201, 201),
    # Renaming: the lead of A sees A but may change only its head.
    "PATCH /api/v1/delegations/{delegation_id}": (401, 404, 403, 404, 404, 200, 200),
    "POST /api/v1/editions/{series}/{number}/sessions": (401, 403, 403, 403, 403, 201, 201),
    "PATCH /api/v1/sessions/{session_id}": (401, 403, 403, 403, 403, 200, 200),
    "DELETE /api/v1/sessions/{session_id}": (401, 403, 403, 403, 403, 204, 204),
    "POST /api/v1/series/{slug}/outcomes": (401, 403, 403, 403, 403, 201, 201),
    "PATCH /api/v1/outcomes/{outcome_id}": (401, 403, 403, 403, 403, 200, 200),
    "POST /api/v1/me/tokens": (401, 201, 201, 201, 201, 201, 201),
    # The participant's token: its owner revokes it, anyone else is told it does not exist.
    "DELETE /api/v1/me/tokens/{token_id}": (401, 204, 404, 404, 404, 404, 404),
    # Matchmaking: the participant's organisation's own records; callers linked to no person
    # have none (404). Its opportunity is published: submitting it again is refused by the
    # rules (409), past the access checks.
    "PUT /api/v1/me/matchmaking/profile": (401, 200, 404, 404, 404, 404, 404),
    "POST /api/v1/me/opportunities": (401, 201, 404, 404, 404, 404, 404),
    "PUT /api/v1/me/opportunities/{opportunity_id}": (401, 200, 404, 404, 404, 404, 404),
    "POST /api/v1/me/opportunities/{opportunity_id}/submit": (401, 409, 404, 404, 404, 404, 404),
    "POST /api/v1/me/opportunities/{opportunity_id}/withdraw": (401, 200, 404, 404, 404, 404, 404),
    # Moderating the participant's published opportunity: organisers with matchmaking and
    # admins reject it (200) and cannot publish it again (409); anyone else: 404.
    "POST /api/v1/opportunities/{opportunity_id}/publish": (401, 404, 404, 404, 404, 409, 409),
    "POST /api/v1/opportunities/{opportunity_id}/reject": (401, 404, 404, 404, 404, 200, 200),
    # The open request another organisation sent the participant's: asking back accepts it
    # (mutual, 201); the participant answers it, may not withdraw it (only its sender may:
    # 403) and cannot call it off while it is open (409).
    "POST /api/v1/me/requests": (401, 201, 404, 404, 404, 404, 404),
    "POST /api/v1/me/requests/{request_id}/accept": (401, 200, 404, 404, 404, 404, 404),
    "POST /api/v1/me/requests/{request_id}/decline": (401, 200, 404, 404, 404, 404, 404),
    "POST /api/v1/me/requests/{request_id}/withdraw": (401, 403, 404, 404, 404, 404, 404),
    "POST /api/v1/me/requests/{request_id}/cancel": (401, 409, 404, 404, 404, 404, 404),
    # The participant's placed meeting (over: the edition was in 2024).
    "PUT /api/v1/me/meetings/{meeting_id}/rating": (401, 200, 404, 404, 404, 404, 404),
}


#: The JSON body each caller sends to each write operation (``None``: no body), made from the
#: world. Every row of ``WRITES`` needs one (checked below).
WRITE_BODIES: dict[str, Callable[[MatrixWorld], dict] | None] = {
    "POST /api/v1/editions/{series}/{number}/registrations": lambda w: {
        "person": {"name": "Nina New"},
        "category": "enterprise",
    },
    "PATCH /api/v1/registrations/{registration_id}": lambda w: {"status": "attended"},
    "DELETE /api/v1/registrations/{registration_id}": None,
    "POST /api/v1/editions/{series}/{number}/delegations": lambda w: {
        "kind": "country",
        "name_en": "Delegation Gamma",
        "country": "PL",
    },
    "PATCH /api/v1/delegations/{delegation_id}": lambda w: {"name_en": "Delegation Alpha 2"},
    "POST /api/v1/editions/{series}/{number}/sessions": lambda w: {
        "kind": "keynote",
        "title_en": "Keynote forum",
        "day": w.public.edition.start_date.isoformat(),
    },
    "PATCH /api/v1/sessions/{session_id}": lambda w: {"room": "Hall B"},
    "DELETE /api/v1/sessions/{session_id}": None,
    "POST /api/v1/series/{slug}/outcomes": lambda w: {
        "kind": w.public.outcome.kind.slug,
        "title": "New project",
        "edition": w.public.edition.number,
    },
    "PATCH /api/v1/outcomes/{outcome_id}": lambda w: {"status": "under_way"},
    "POST /api/v1/me/tokens": lambda w: {"name": "ci", "scope": "read"},
    "DELETE /api/v1/me/tokens/{token_id}": None,
    "PUT /api/v1/me/matchmaking/profile": lambda w: {"description_en": "We make cables."},
    "POST /api/v1/me/opportunities": lambda w: _opportunity_body(w),
    "PUT /api/v1/me/opportunities/{opportunity_id}": lambda w: _opportunity_body(w),
    "POST /api/v1/me/opportunities/{opportunity_id}/submit": None,
    "POST /api/v1/me/opportunities/{opportunity_id}/withdraw": None,
    "POST /api/v1/opportunities/{opportunity_id}/publish": None,
    "POST /api/v1/opportunities/{opportunity_id}/reject": lambda w: {"note": "Too vague"},
    "POST /api/v1/me/requests": lambda w: {
        "edition": w.public.edition.pk,
        "receiver_id": MeetingRequest.objects.get(pk=w.request_id).sender_id,
    },
    "POST /api/v1/me/requests/{request_id}/accept": None,
    "POST /api/v1/me/requests/{request_id}/decline": lambda w: {"reason": "Not this time"},
    "POST /api/v1/me/requests/{request_id}/withdraw": None,
    "POST /api/v1/me/requests/{request_id}/cancel": None,
    "PUT /api/v1/me/meetings/{meeting_id}/rating": lambda w: {"value": "informative"},
}


def _opportunity_body(world) -> dict:
    return {
        "kind": "business_offer",
        "title": "Distributors wanted",
        "language": "en",
        "edition_id": world.public.edition.pk,
    }


def write_body(world, key: str) -> dict | None:
    make = WRITE_BODIES[key]
    return make(world) if make is not None else None


# Cells known to be wrong today: (route key, caller) -> reason. Each becomes a strict xfail.
KNOWN_BUGS: dict[tuple[str, str], str] = {}


# Model admins that add pages of their own (``get_urls``): those pages need rows too.
CUSTOM_ADMIN_PREFIXES = (
    "scheduling_b2bsession_",
    "outcomes_outcome_trace",
    "matchmaking_requestpolicy_",
)
STANDARD_ADMIN_SUFFIXES = ("_changelist", "_add", "_change", "_delete", "_history")


def _admin_key(label: str, view: str) -> str:
    return f"admin:{label.replace('.', '_')}_{view}"


def matrix() -> dict[str, tuple[int, ...]]:
    rows = dict(PAGES)
    for label, statuses in ADMIN_MODELS.items():
        for view, expected in zip(ADMIN_VIEWS, statuses, strict=True):
            rows[_admin_key(label, view)] = expected
    rows.update(API)
    rows.update(WRITES)
    return rows


# --- discovery -------------------------------------------------------------------------------


def _api_templates() -> set[str]:
    return {
        f"{method.upper()} {path}"
        for path, operations in api.get_openapi_schema()["paths"].items()
        for method in operations
    }


def _walk(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            yield prefix + str(pattern.pattern), namespace, pattern.name


def discovered_routes() -> set[str]:
    """Every route key the project serves: Django routes as "namespace:name" (the admin reduced
    as described above), API operations as "METHOD path template"."""
    api_paths = {template.split(" ", 1)[1] for template in _api_templates()}
    found: set[str] = set()
    for route, namespace, name in _walk(get_resolver().url_patterns):
        if namespace == "admin":
            if (
                name
                and name.startswith(CUSTOM_ADMIN_PREFIXES)
                and not name.endswith(STANDARD_ADMIN_SUFFIXES)
            ):
                found.add(f"admin:{name}")  # a model admin's own pages (get_urls)
            continue  # the standard ones are derived from the admin's registry below
        as_template = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
        if namespace == "api-v1" and as_template in api_paths:
            continue  # an API operation, listed from the OpenAPI schema
        found.add(f"{namespace}:{name or route}" if namespace else name or route)
    found.add("admin:index")
    for model in admin.site._registry:
        found.update(_admin_key(model._meta.label_lower, view) for view in ADMIN_VIEWS)
    return found | _api_templates()


def test_every_route_has_a_matrix_row():
    missing = sorted(discovered_routes() - matrix().keys())

    assert not missing, f"Routes without a permission-matrix row: {missing}"


def test_the_matrix_has_no_rows_for_routes_that_are_gone():
    stale = sorted(matrix().keys() - discovered_routes())

    assert not stale, f"Permission-matrix rows for routes that no longer exist: {stale}"


def test_every_row_names_every_caller():
    assert all(len(row) == len(CALLERS) for row in matrix().values())


# --- the world -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the whole module, rolled back at its end; each test's own transaction
    (the ``db`` fixture) nests inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_matrix_world()
        transaction.set_rollback(True)


def _url(world, key: str) -> str:
    public = world.public
    values = {
        "series": public.series.slug,
        "slug": public.series.slug,
        "number": public.edition.number,
        "pk": public.session.pk,
        "code": "PL",
        "fmt": "csv",
        "city_id": public.warsaw.pk,
        "organisation_id": public.alpha.pk,
        "session_id": public.session.pk,
        "outcome_id": public.outcome.pk,
        "figure_id": public.figure.pk,
        "registration_id": world.registrations["a1"].pk,
        "delegation_id": world.delegation_a.pk,
        "b2b_id": world.b2b.pk,
        "edition_id": public.edition.pk,
        "meeting_id": world.b2b.meetings.order_by("pk").first().pk,
        "token_id": world.token_ids["participant"],
        "request_id": world.request_id,
        "key": "not-a-key",
        "token": "not-a-token",
        "uidb36": "zz",
    }
    published = Opportunity.objects.get(status=Opportunity.Status.PUBLISHED)
    values["opportunity_id"] = published.pk
    if key == "public:opportunity":
        values["pk"] = published.pk
    if key.endswith("/rating"):  # the participant's own meeting
        values["meeting_id"] = world.b2b.meetings.get(
            parties__attendee__registration=world.registrations["own"]
        ).pk
    if key.startswith("portal:"):
        values["token_id"] = world.token_ids["lead_a"]  # the portal rows: lead A revokes
    if key.startswith("portal:opportunity"):  # the participant's organisation's opportunity
        values["opportunity_id"] = Opportunity.objects.get(status=Opportunity.Status.PUBLISHED).pk
    if _is_api(key):
        return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), key.split(" ", 1)[1])
    if key.endswith("_change") and key.startswith("admin:"):
        model = next(
            m for m in admin.site._registry if _admin_key(m._meta.label_lower, "change") == key
        )
        first = model._default_manager.order_by("pk").first()
        assert first is not None, f"the matrix world has no {model._meta.label} to open"
        return reverse(key, args=[first.pk])
    route = next(
        route
        for route, namespace, name in _walk(get_resolver().url_patterns)
        if (f"{namespace}:{name}" if namespace else name) == key
    )
    names = re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
    kwargs = {name: values[name] for name in names}
    return reverse(key, kwargs=kwargs)


def _is_api(key: str) -> bool:
    return key.split(" ", 1)[0] in {"GET", "POST", "PATCH", "PUT", "DELETE"}


def _cells():
    for key, row in matrix().items():
        for caller, expected in zip(CALLERS, row, strict=True):
            reason = KNOWN_BUGS.get((key, caller))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(key, caller, expected, marks=marks, id=f"{key}|{caller}")


def _get(client, world, caller: str, url: str, *, api_call: bool):
    headers = {}
    if caller != "anonymous":
        if api_call:
            headers["Authorization"] = f"Bearer {world.tokens[caller]}"
        else:
            client.force_login(world.users[caller])
    return client.get(url, headers=headers)


def _write(client, world, caller: str, key: str, *, token: str | None = None):
    method, _path = key.split(" ", 1)
    headers = {}
    if token is None and caller != "anonymous":
        token = world.write_tokens[caller]
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    body = write_body(world, key)
    return client.generic(
        method,
        _url(world, key),
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers=headers,
    )


def test_every_write_operation_has_a_request_and_nothing_else_does():
    assert set(WRITE_BODIES) == set(WRITES)
    assert not any(key.startswith("GET ") for key in WRITES)
    assert all(key.startswith("GET ") for key in API)


@pytest.mark.parametrize(("key", "caller", "expected"), list(_cells()))
def test_cell(client, db, world, key, caller, expected):
    if key in WRITES:
        response = _write(client, world, caller, key)
        assert response.status_code == expected, f"{caller} {key}: {response.content[:300]}"
        return
    url = _url(world, key)

    response = _get(client, world, caller, url, api_call=key.startswith("GET "))

    assert response.status_code == expected, f"{caller} GET {url}"
    if response.status_code == 302 and key.startswith("admin:"):
        assert response["Location"].startswith(reverse("admin:login"))
    if response.status_code == 302 and key.startswith("portal:"):
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


# --- no peeking at the other delegation ---------------------------------------------------------

SCOPED = (
    "GET /api/v1/editions/{series}/{number}/registrations",
    "GET /api/v1/editions/{series}/{number}/delegations",
    "GET /api/v1/people",
    "GET /api/v1/me",
)


@pytest.mark.parametrize("key", SCOPED)
def test_lead_of_a_sees_nothing_of_b(client, db, world, key):
    response = _get(client, world, "lead_a", _url(world, key), api_call=True)

    assert response.status_code == 200
    body = response.content.decode()
    for name in B_NAMES:
        assert name not in body
    if key.endswith("/registrations"):
        ids = [row["id"] for row in response.json()]
        expected = sorted(world.registrations[r].id for r in ("a1", "a2"))
        assert ids == expected
    if key.endswith("/delegations"):
        assert [row["id"] for row in response.json()] == [world.delegation_a.id]
    if key.endswith("/people"):
        assert [row["name"] for row in response.json()["items"]] == []


@pytest.mark.parametrize("key", SCOPED[:2])
def test_lead_of_b_sees_nothing_of_a(client, db, world, key):
    response = _get(client, world, "lead_b", _url(world, key), api_call=True)

    body = response.content.decode()
    assert response.status_code == 200
    for name in ("Ana Alpha", "Adam Alpha", "Delegation Alpha", "Petra Participant"):
        assert name not in body


# --- writes: read tokens, CSRF, the other delegation's ids ---------------------------------------


@pytest.mark.parametrize("key", sorted(WRITES))
def test_a_read_token_cannot_write(client, db, world, key):
    before = AuditEntry.objects.count()

    response = _write(client, world, "platform_admin", key, token=world.tokens["platform_admin"])

    assert response.status_code == 403
    assert response.json() == {
        "detail": "This token may only read; writing needs a token with the write scope.",
        "field": None,
    }
    assert AuditEntry.objects.count() == before


def _session_write(world, key: str, *, csrf: bool):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["platform_admin"])
    headers = {}
    if csrf:
        secret = _get_new_csrf_string()
        client.cookies[settings.CSRF_COOKIE_NAME] = secret
        headers["X-CSRFToken"] = secret
    body = write_body(world, key)
    method = key.split(" ", 1)[0]
    return client.generic(
        method,
        _url(world, key),
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers=headers,
    )


@pytest.mark.parametrize("key", sorted(WRITES))
def test_a_session_write_needs_the_csrf_token(db, world, key):
    before = AuditEntry.objects.count()

    refused = _session_write(world, key, csrf=False)

    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("CSRF check failed")
    assert AuditEntry.objects.count() == before
    accepted = _session_write(world, key, csrf=True)
    assert accepted.status_code == WRITES[key][CALLERS.index("platform_admin")]


def _b_state(world) -> list:
    rows = [world.registrations["b1"], world.registrations["b2"], world.delegation_b]
    return [snapshot(type(row).objects.get(pk=row.pk)) for row in rows]


B_WRITES = {
    "PATCH registration of B": (
        "PATCH",
        lambda w: f"/api/v1/registrations/{w.registrations['b1'].pk}",
        {"status": "cancelled", "delegation_id": None},
    ),
    "withdraw registration of B": (
        "DELETE",
        lambda w: f"/api/v1/registrations/{w.registrations['b1'].pk}",
        None,
    ),
    "move A's member into B": (
        "PATCH",
        lambda w: f"/api/v1/registrations/{w.registrations['a1'].pk}",
        lambda w: {"delegation_id": w.delegation_b.pk},
    ),
    "PATCH delegation B's head": (
        "PATCH",
        lambda w: f"/api/v1/delegations/{w.delegation_b.pk}",
        lambda w: {"head_id": w.registrations["b1"].person_id},
    ),
    "register into B": (
        "POST",
        lambda w: (
            f"/api/v1/editions/{w.public.series.slug}/{w.public.edition.number}/registrations"
        ),
        lambda w: {
            "person": {"name": "Eve"},
            "category": "media",
            "delegation_id": w.delegation_b.pk,
        },
    ),
    "register B's member again": (
        "POST",
        lambda w: (
            f"/api/v1/editions/{w.public.series.slug}/{w.public.edition.number}/registrations"
        ),
        lambda w: {"person_id": w.registrations["b1"].person_id, "category": "media"},
    ),
}


@pytest.mark.parametrize("name", sorted(B_WRITES))
def test_lead_of_a_cannot_write_to_b(client, db, world, name):
    method, url, body = B_WRITES[name]
    body = body(world) if callable(body) else body
    before = _b_state(world)
    registrations = Registration.objects.count()

    response = client.generic(
        method,
        url(world),
        data=json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers={"Authorization": f"Bearer {world.write_tokens['lead_a']}"},
    )

    assert response.status_code == 404, response.content
    assert response.json()["detail"] == "Not found."
    assert _b_state(world) == before
    assert Registration.objects.count() == registrations
