"""Figures reported by sources about a series, an edition, a range of editions or a session."""

from __future__ import annotations

from decimal import Decimal

from smeforum.audit.domain import save_record
from smeforum.forums.models import Edition, ForumSeries, ReportedFigure, Session
from smeforum.reference.models import Source


def record_reported_figure(
    series: ForumSeries,
    *,
    metric: str,
    value: Decimal,
    source: Source,
    first_edition: Edition | None = None,
    last_edition: Edition | None = None,
    session: Session | None = None,
    qualifier: str = ReportedFigure.Qualifier.EXACT,
    currency: str = "",
    converted_from: str = "",
    part_en: str = "",
    part_zh: str = "",
    note_en: str = "",
    note_zh: str = "",
    actor=None,
) -> ReportedFigure:
    """Record a figure as published. A single edition is ``first_edition`` alone.

    Side effects: one ReportedFigure row and its audit entry. Raises ``ValidationError`` for a
    money metric without a currency, a count with one, an inverted range or a session outside
    the edition.
    """
    figure = ReportedFigure(
        series=series,
        first_edition=first_edition,
        last_edition=last_edition or first_edition,
        session=session,
        metric=metric,
        qualifier=qualifier,
        value=Decimal(value),
        currency=currency,
        converted_from=converted_from,
        part_en=part_en,
        part_zh=part_zh,
        source=source,
        note_en=note_en,
        note_zh=note_zh,
    )
    return save_record(figure, actor=actor)


def save_reported_figure(figure: ReportedFigure, *, actor=None) -> ReportedFigure:
    return save_record(figure, actor=actor)
