from smeforum.forums.models.editions import (
    Edition,
    EditionCountry,
    EditionOrganiser,
    EditionTheme,
    ForumSeries,
)
from smeforum.forums.models.figures import ReportedFigure
from smeforum.forums.models.programme import Session, SessionRole, SessionTopic

__all__ = [
    "Edition",
    "EditionCountry",
    "EditionOrganiser",
    "EditionTheme",
    "ForumSeries",
    "ReportedFigure",
    "Session",
    "SessionRole",
    "SessionTopic",
]
