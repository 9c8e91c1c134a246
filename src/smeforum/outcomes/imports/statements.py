"""``smeforum import statements``: published figures from a CSV or XLSX file, all or none.

Columns (exact header names): see :data:`STATEMENT_COLUMNS`. Each row is one
:class:`~smeforum.forums.models.ReportedFigure`, matched on ``series`` + ``external_id``:

- ``editions`` is one edition (``4``), a range (``1-3``) or empty (the whole series); the
  editions must exist (``--create-missing`` creates a missing series, never an edition: a
  statement does not say when an edition was held);
- the Source is the one with the row's (publisher, published_on, url), or a new one with the
  key :func:`~.statement_rows.source_key` derives from those three; ``language`` is stored
  on it (empty: "en" for a new source, a stored source keeps its own);
- ``approximate`` yes stores the qualifier "about", no (or empty) "exact";
- ``converted_value`` + ``converted_currency`` add a second figure, ``external_id:converted``,
  in that currency, converted from the row's currency, a conversion of the first, with the same
  editions, qualifier, kind and source (and no ``part_of`` of its own); a row that no longer
  gives a conversion removes the stored one;
- ``part_of`` names the total this figure is a sub-total of: another row of the file or a
  stored figure of the series, by its external_id.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from smeforum.audit.domain import delete_record
from smeforum.forums.domain.figures import record_reported_figure, save_reported_figure
from smeforum.forums.models import ReportedFigure
from smeforum.outcomes.imports.outcome_writer import error_message
from smeforum.outcomes.imports.reader import UnreadableFileError, read_rows
from smeforum.outcomes.imports.report import ImportReport
from smeforum.outcomes.imports.statement_rows import STATEMENT_COLUMNS, FigurePlan, StatementRows

__all__ = ["STATEMENT_COLUMNS", "import_statements_file"]


def _stored(figure: ReportedFigure) -> dict:
    return {
        "first_edition": figure.first_edition_id,
        "last_edition": figure.last_edition_id,
        "metric": figure.metric,
        "outcome_kind": figure.outcome_kind_id,
        "qualifier": figure.qualifier,
        "value": figure.value,
        "currency": figure.currency,
        "converted_from": figure.converted_from,
        "source": figure.source_id,
        "part_of": figure.part_of.external_id if figure.part_of_id else "",
        "conversion_of": figure.conversion_of_id,
    }


def _wanted(plan: FigurePlan, *, conversion: bool) -> dict:
    def pk(ref):
        return None if ref is None or ref.is_new else ref.edition.pk

    wanted = {
        "first_edition": pk(plan.first_edition),
        "last_edition": pk(plan.last_edition),
        "metric": plan.metric,
        "outcome_kind": plan.kind.pk if plan.kind else None,
        "qualifier": plan.qualifier,
        "value": plan.value,
        "currency": plan.currency,
        "converted_from": "",
        "source": plan.source.source.pk if plan.source.source else None,
        "part_of": plan.part_of,
        "conversion_of": None,
    }
    if conversion:
        wanted.update(
            value=plan.converted[0],
            currency=plan.converted[1],
            converted_from=plan.currency,
            part_of="",
            conversion_of=plan.existing.pk if plan.existing else None,
        )
    return wanted


def _compare(plan: FigurePlan) -> None:
    if not plan.series.is_new:
        stored = ReportedFigure.objects.filter(series=plan.series.series).select_related("part_of")
        plan.existing = stored.filter(external_id=plan.external_id).first()
        plan.existing_conversion = stored.filter(external_id=plan.conversion_id).first()
    for name, existing, conversion in (
        ("figure", plan.existing, False),
        ("conversion", plan.existing_conversion, True),
    ):
        if conversion and plan.converted is None:
            continue
        if existing is None:
            plan.actions[name] = "created"
        elif _stored(existing) != _wanted(plan, conversion=conversion):
            plan.actions[name] = "updated"
        else:
            plan.actions[name] = "unchanged"
    if plan.converted is None and plan.existing_conversion is not None:
        plan.actions["figure"] = "updated"  # its conversion goes


def _order(plans: list[FigurePlan], report: ImportReport) -> list[FigurePlan]:
    """The plans with every total before its parts; reports unknown totals and cycles."""
    by_key = {plan.key: plan for plan in plans}
    ordered: list[FigurePlan] = []
    done: set[tuple[str, str]] = set()
    for plan in plans:
        chain: list[FigurePlan] = []
        current = plan
        while current is not None and current.key not in done:
            if current.key in {item.key for item in chain}:
                report.error(plan.line, "part_of", "makes a circle of totals and parts")
                return []
            chain.append(current)
            current = (
                by_key.get((current.series.slug, current.part_of)) if current.part_of else None
            )
        for item in reversed(chain):
            done.add(item.key)
            ordered.append(item)
    for plan in ordered:
        if plan.part_of and (plan.series.slug, plan.part_of) not in by_key:
            stored = None
            if not plan.series.is_new:
                stored = ReportedFigure.objects.filter(
                    series=plan.series.series, external_id=plan.part_of
                ).first()
            if stored is None:
                report.error(
                    plan.line,
                    "part_of",
                    f'"{plan.part_of}" is neither a row of this file nor a figure of series '
                    f'"{plan.series.slug}"',
                )
            elif stored.part_of is not None and stored.part_of.external_id == plan.external_id:
                report.error(plan.line, "part_of", "makes a circle of totals and parts")
    return ordered


def _write(plan: FigurePlan, figures: dict[tuple[str, str], ReportedFigure]) -> None:
    """Record or update the plan's figure (and conversion); ``figures`` maps the file's
    (series, external_id) to the figures written so far, for ``part_of``."""
    series = plan.series.get()
    part_of = None
    if plan.part_of:
        part_of = figures.get((plan.series.slug, plan.part_of)) or ReportedFigure.objects.get(
            series=series, external_id=plan.part_of
        )
    common = {
        "first_edition": plan.first_edition.get() if plan.first_edition else None,
        "last_edition": plan.last_edition.get() if plan.last_edition else None,
        "metric": plan.metric,
        "outcome_kind": plan.kind,
        "qualifier": plan.qualifier,
        "source": plan.source.get(),
    }
    main = dict(common, value=plan.value, currency=plan.currency, converted_from="")
    main.update(part_of=part_of, conversion_of=None)
    figure = _put(series, plan.external_id, plan.existing, plan.actions["figure"], main)
    figures[plan.key] = figure
    if plan.converted is not None:
        value, currency = plan.converted
        converted = dict(common, value=value, currency=currency, converted_from=plan.currency)
        converted.update(part_of=None, conversion_of=figure)
        action = plan.actions["conversion"]
        _put(series, plan.conversion_id, plan.existing_conversion, action, converted)
    elif plan.existing_conversion is not None:
        delete_record(plan.existing_conversion, actor=None)


def _put(series, external_id: str, existing, action: str, values: dict) -> ReportedFigure:
    if existing is None:
        return record_reported_figure(series, external_id=external_id, actor=None, **values)
    if action == "updated":
        for name, value in values.items():
            setattr(existing, name, value)
        save_reported_figure(existing, actor=None)
    return existing


def import_statements_file(
    path: Path | str, *, dry_run: bool = False, create_missing: bool = False
) -> ImportReport:
    """Validate every row of ``path``, then record or update its figures in one transaction.

    Returns the report: with errors, nothing was written; with ``dry_run``, nothing was
    written and the counts say what the import would do.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        rows, header_errors = read_rows(Path(path), STATEMENT_COLUMNS)
    except UnreadableFileError as exc:
        report.error(None, None, str(exc))
        return report
    report.errors += header_errors
    if header_errors:
        return report
    report.tally("figures")
    report.tally("sources")
    plans = _order(StatementRows(report, create_missing=create_missing).plans(rows), report)
    if not report.ok:
        return report
    for plan in plans:
        _compare(plan)
        for action in plan.actions.values():
            report.count("figures", action)
    for source in {id(p.source): p.source for p in plans}.values():
        report.count("sources", source.action)
    if dry_run:
        return report
    figures: dict[tuple[str, str], ReportedFigure] = {}
    line = None
    try:
        with transaction.atomic():
            for plan in plans:
                line = plan.line
                _write(plan, figures)
    except (ValidationError, IntegrityError) as exc:
        report.error(line, None, f"refused: {error_message(exc)}")
    return report
