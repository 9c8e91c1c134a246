"""Figures reported by sources about a series, an edition, a range of editions or a session."""

from __future__ import annotations

from decimal import Decimal

from smeforum.audit.domain import save_record
from smeforum.forums.models import Edition, ForumSeries, ReportedFigure, Session
from smeforum.reference.models import OutcomeKind, Source


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
    outcome_kind: OutcomeKind | None = None,
    external_id: str = "",
    part_of: ReportedFigure | None = None,
    conversion_of: ReportedFigure | None = None,
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
        outcome_kind=outcome_kind,
        external_id=external_id,
        part_of=part_of,
        conversion_of=conversion_of,
    )
    return save_record(figure, actor=actor)


def save_reported_figure(figure: ReportedFigure, *, actor=None) -> ReportedFigure:
    return save_record(figure, actor=actor)


def link_reported_figure(
    figure: ReportedFigure,
    *,
    part_of: ReportedFigure | None = None,
    conversion_of: ReportedFigure | None = None,
    actor=None,
) -> ReportedFigure:
    """Record that ``figure`` is a sub-total of ``part_of`` or a conversion of
    ``conversion_of`` (both published figures of the same series)."""
    if part_of is not None:
        figure.part_of = part_of
    if conversion_of is not None:
        figure.conversion_of = conversion_of
    return save_record(figure, actor=actor, action="forums.reportedfigure.linked")
