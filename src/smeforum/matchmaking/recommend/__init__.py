"""Partner recommendations for B2B matchmaking: pure Python and numpy, no Django.

``index = build_index(profiles)`` once per edition; ``recommend(index, profile_id, top=10)``
ranks the organisations one participant should meet, each with its score (0..1) and reasons
as codes and parameters (``reasons.describe`` words them in English);
``recommend_all(index, top=10, spread=True)`` does it for everyone, spreading exposure by
capacity. See docs/matchmaking.md, "Recommendations".
"""

from .index import Index, build_index
from .model import (
    KINDS,
    PARTNERSHIPS,
    InvalidProfilesError,
    Opportunity,
    Profile,
    Reason,
    Recommendation,
    complementary,
)
from .reasons import REASONS, describe, describe_all
from .search import recommend
from .spread import exposure_counts, gini, recommend_all
from .validation import validate

__all__ = [
    "KINDS",
    "PARTNERSHIPS",
    "REASONS",
    "Index",
    "InvalidProfilesError",
    "Opportunity",
    "Profile",
    "Reason",
    "Recommendation",
    "build_index",
    "complementary",
    "describe",
    "describe_all",
    "exposure_counts",
    "gini",
    "recommend",
    "recommend_all",
    "validate",
]
