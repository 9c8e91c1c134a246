"""The only writers of matchmaking data: profiles, their editions, opportunities, imports."""

from smeforum.matchmaking.domain.opportunities import (
    publish_opportunity,
    reject_opportunity,
    save_opportunity,
    submit_opportunity,
    withdraw_opportunity,
)
from smeforum.matchmaking.domain.profiles import confirm_profile_for_edition, save_profile

__all__ = [
    "confirm_profile_for_edition",
    "publish_opportunity",
    "reject_opportunity",
    "save_opportunity",
    "save_profile",
    "submit_opportunity",
    "withdraw_opportunity",
]
