"""(c) Cumulative figures against the per-edition (or sub-range) figures that make them up."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from smeforum.forums.models import ReportedFigure
from smeforum.reporting import compare
from smeforum.reporting.checks import Check, make_check
from smeforum.reporting.figures import (
    ADDITIVE_METRICS,
    edition_range,
    is_money,
    readable,
    scope_label,
)

Span = tuple[int, int]


def _preferred(pieces: list[Span]) -> tuple:
    """Sort key: fewer pieces, then longer pieces first."""
    return len(pieces), [first - last for first, last in pieces]


def find_partition(first: int, last: int, spans: set[Span]) -> list[Span] | None:
    """The fewest ``spans`` (first, last inclusive) that cover ``first``–``last`` exactly, end
    to end, without the range itself; ``None`` if none do. Ties: longer pieces first.

    >>> find_partition(1, 4, {(1, 3), (4, 4), (2, 2), (1, 1), (2, 4)})
    [(1, 3), (4, 4)]
    """
    best: dict[int, list[Span]] = {first: []}
    for start in range(first, last + 1):
        if start not in best:
            continue
        pieces = sorted(
            (s for s in spans if s[0] == start and s[1] <= last and s != (first, last)),
            key=lambda s: -s[1],
        )
        for piece in pieces:
            candidate = [*best[start], piece]
            end = piece[1] + 1
            if end not in best or _preferred(candidate) < _preferred(best[end]):
                best[end] = candidate
    return best.get(last + 1)


def _like(figure: ReportedFigure) -> tuple:
    return (figure.metric, figure.outcome_kind_id, figure.currency)


def _plain_statement(figure: ReportedFigure) -> bool:
    """A figure that is neither a part, a conversion nor narrowed to a session."""
    return not (figure.part_en or figure.converted_from or figure.session_id)


def _pick(candidates: list[ReportedFigure], whole: ReportedFigure) -> ReportedFigure:
    """Of several figures for one scope: the one from the same source as the cumulative figure,
    else the latest published, else the first recorded."""
    return min(
        candidates,
        key=lambda f: (
            f.source_id != whole.source_id,
            -(f.source.published_on.toordinal() if f.source.published_on else 0),
            f.id,
        ),
    )


def partition_checks(figures: list[ReportedFigure]) -> list[Check]:
    """One check per cumulative figure whose range the other figures partition."""
    statements = [
        f
        for f in figures
        if _plain_statement(f) and f.metric in ADDITIVE_METRICS and edition_range(f) is not None
    ]
    checks = []
    for whole in statements:
        first, last = edition_range(whole)
        if first == last:
            continue
        by_span: dict[Span, list[ReportedFigure]] = {}
        for figure in statements:
            span = edition_range(figure)
            if (
                _like(figure) == _like(whole)
                and span != (first, last)
                and first <= span[0]
                and span[1] <= last
            ):
                by_span.setdefault(span, []).append(figure)
        spans = find_partition(first, last, set(by_span))
        if spans is None:
            continue
        pieces = [_pick(by_span[span], whole) for span in spans]
        checks.append(_check(whole, pieces))
    return checks


def _check(whole: ReportedFigure, pieces: list[ReportedFigure]) -> Check:
    expected = sum((piece.value for piece in pieces), Decimal(0))
    rule = compare.rule_for(
        whole.qualifier,
        whole.value,
        [whole.value, *(piece.value for piece in pieces)],
        whole=not is_money(whole.metric),
        others_approximate=any(p.qualifier != compare.EXACT for p in pieces),
    )
    listing = " + ".join(
        f"{scope_label(edition_range(piece))} ({readable(piece.value, piece.currency)})"
        for piece in pieces
    )
    note = _("Sum of the published figures for %(pieces)s.") % {"pieces": listing}
    ids = [whole.id, *(piece.id for piece in pieces)]
    return make_check("editions", whole, expected=expected, rule=rule, note=note, figures=ids)
