from smeforum.outcomes.models.outcomes import (
    Outcome,
    OutcomeAmount,
    OutcomeLink,
    OutcomeParty,
    OutcomeStatusChange,
)
from smeforum.outcomes.models.sister_cities import SisterCityLink

__all__ = [
    "Outcome",
    "OutcomeAmount",
    "OutcomeLink",
    "OutcomeParty",
    "OutcomeStatusChange",
    "SisterCityLink",
]
