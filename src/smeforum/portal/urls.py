from django.urls import path

from smeforum.portal import (
    account,
    agenda,
    delegations,
    invitations,
    matchmaking_profile,
    opportunities,
    recommendations,
    requests,
    tokens,
)

app_name = "portal"

urlpatterns = [
    path("", account.dashboard, name="dashboard"),
    path("profile/", account.profile, name="profile"),
    path("data.json", account.personal_data, name="personal_data"),
    path("agenda/", agenda.agenda, name="agenda"),
    path("agenda/<int:b2b_id>.ics", agenda.agenda_ics, name="agenda_ics"),
    path("recommendations/", recommendations.recommendations, name="recommendations"),
    path("requests/", requests.requests, name="requests"),
    path(
        "matchmaking/profile/",
        matchmaking_profile.matchmaking_profile,
        name="matchmaking_profile",
    ),
    path("matchmaking/opportunities/", opportunities.opportunity_list, name="opportunities"),
    path("matchmaking/opportunities/new/", opportunities.opportunity_new, name="opportunity_new"),
    path(
        "matchmaking/opportunities/<int:opportunity_id>/",
        opportunities.opportunity_edit,
        name="opportunity",
    ),
    path(
        "matchmaking/opportunities/<int:opportunity_id>/submit/",
        opportunities.opportunity_submit,
        name="opportunity_submit",
    ),
    path(
        "matchmaking/opportunities/<int:opportunity_id>/withdraw/",
        opportunities.opportunity_withdraw,
        name="opportunity_withdraw",
    ),
    path("requests/new/", recommendations.send, name="request_send"),
    path("requests/<int:request_id>/accept/", requests.accept, name="request_accept"),
    path("requests/<int:request_id>/decline/", requests.decline, name="request_decline"),
    path("requests/<int:request_id>/withdraw/", requests.withdraw, name="request_withdraw"),
    path("requests/<int:request_id>/cancel/", requests.cancel, name="request_cancel"),
    path("requests/<int:request_id>/rating/", requests.rate, name="request_rate"),
    path("delegations/<int:delegation_id>/", delegations.delegation_detail, name="delegation"),
    path("delegations/<int:delegation_id>/head/", delegations.set_head, name="delegation_head"),
    path(
        "delegations/<int:delegation_id>/members/<int:registration_id>/status/",
        delegations.change_status,
        name="member_status",
    ),
    path("invitation/<str:token>/", invitations.accept, name="invitation"),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/<int:token_id>/revoke/", tokens.revoke, name="token_revoke"),
]
