"""Matchmaking: profiles and opportunities (``profiles``), meeting requests, the edition's
request rules and the ratings of meetings (``requests``)."""

from smeforum.matchmaking.models.profiles import Opportunity, Profile, ProfileEdition
from smeforum.matchmaking.models.requests import MeetingRating, MeetingRequest, RequestPolicy

__all__ = [
    "MeetingRating",
    "MeetingRequest",
    "Opportunity",
    "Profile",
    "ProfileEdition",
    "RequestPolicy",
]
