"""The only writers of matchmaking data: profiles, their editions, opportunities, imports,
meeting requests and the ratings of meetings."""

from smeforum.matchmaking.domain.opportunities import (
    publish_opportunity,
    reject_opportunity,
    save_opportunity,
    submit_opportunity,
    withdraw_opportunity,
)
from smeforum.matchmaking.domain.profiles import confirm_profile_for_edition, save_profile
from smeforum.matchmaking.domain.ratings import rate_meeting
from smeforum.matchmaking.domain.requests import (
    accept_request,
    cancel_request,
    decline_request,
    meet_accepted_requests,
    send_request,
    set_request_policy,
    withdraw_request,
)

__all__ = [
    "accept_request",
    "cancel_request",
    "confirm_profile_for_edition",
    "decline_request",
    "meet_accepted_requests",
    "publish_opportunity",
    "rate_meeting",
    "reject_opportunity",
    "save_opportunity",
    "save_profile",
    "send_request",
    "set_request_policy",
    "submit_opportunity",
    "withdraw_opportunity",
    "withdraw_request",
]
