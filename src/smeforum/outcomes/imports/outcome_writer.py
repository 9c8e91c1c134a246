"""Comparing planned outcomes with the stored ones, and writing them through the domain.

Every write is a domain function of the outcomes, forums or reference apps, or the audit app's
generic ``save_record`` / ``delete_record`` (a party or amount the file no longer lists), with
``actor=None``; all of an import runs in one transaction.
"""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from smeforum.audit.domain import delete_record, save_record
from smeforum.outcomes.domain.outcomes import (
    add_amount,
    add_party,
    record_outcome,
    save_outcome,
    set_outcome_fields,
)
from smeforum.outcomes.domain.sister_cities import (
    SISTER_CITY_KIND,
    advance_sister_city_link,
    record_sister_city_link,
)
from smeforum.outcomes.imports.outcome_plan import OutcomePlan, listed_parties, party_key
from smeforum.outcomes.imports.report import ImportReport
from smeforum.outcomes.models import Outcome, SisterCityLink


def compare_outcome(plan: OutcomePlan, report: ImportReport) -> None:
    """Find the stored outcome (series + external_id) and note in ``plan.changes`` what differs;
    report the changes an import cannot make."""
    if plan.series.is_new:
        return
    outcome = (
        Outcome.objects.filter(series=plan.series.series, external_id=plan.external_id)
        .select_related("kind")
        .first()
    )
    if outcome is None:
        return
    plan.existing = outcome
    line = plan.lines[0]
    if (outcome.kind.slug == SISTER_CITY_KIND) != plan.is_sister_city:
        report.error(
            line,
            "kind",
            f'the stored outcome {plan.external_id} is of kind "{outcome.kind.slug}"; an import '
            "does not turn an outcome into a sister-city link or back (use the back office)",
        )
        return
    same_edition = (
        plan.edition.is_edition(outcome.edition_id)
        if plan.edition is not None
        else outcome.edition_id is None
    )
    title = plan.title or outcome.title  # a sister-city link without title keeps its own
    if (
        not same_edition
        or outcome.kind_id != plan.kind.pk
        or outcome.title != title
        or outcome.signed_on != plan.signed_on
    ):
        plan.changes.add("outcome")
    if set(outcome.fields.values_list("pk", flat=True)) != {f.pk for f in plan.fields}:
        plan.changes.add("fields")
    stored_parties = sorted(party_key(p) for p in listed_parties(outcome))
    if stored_parties != sorted(p.key for p in plan.parties):
        plan.changes.add("parties")
    stored_amounts = {(a.amount_kind, a.currency): a.amount for a in outcome.amounts.all()}
    if stored_amounts != plan.amounts:
        plan.changes.add("amounts")
    if plan.is_sister_city:
        _compare_link(plan, outcome, report)


def _compare_link(plan: OutcomePlan, outcome: Outcome, report: ImportReport) -> None:
    line = plan.lines[0]
    link = SisterCityLink.objects.filter(outcome=outcome).select_related(
        "chinese_city", "foreign_city"
    )
    link = link.first()
    if link is None:
        report.error(line, "kind", f"the stored outcome {plan.external_id} has no sister-city link")
        return
    for column, stored, wanted in (
        ("chinese_city", link.chinese_city, plan.chinese_city),
        ("foreign_city", link.foreign_city, plan.foreign_city),
    ):
        if not wanted.is_city(stored):
            report.error(
                line,
                column,
                f'the stored link {plan.external_id} joins {stored.name}, not "{wanted.label}"; '
                "an import does not change a link's cities (use the back office)",
            )
    if link.stage != plan.stage or link.on != plan.signed_on:
        plan.changes.add("link")


def _city_key(ref) -> tuple:
    if ref.geonames_id is not None:
        return ("geonames", ref.geonames_id)
    if ref.city is not None:
        return ("pk", ref.city.pk)
    return ("new", ref.name.casefold(), ref.country)


def check_sister_city_links(plans: list[OutcomePlan], report: ImportReport) -> None:
    """Refuse a link recorded twice at one stage: by two rows, or by a row and another stored
    outcome (the database allows each pair of cities once per stage)."""
    seen: dict[tuple, int] = {}
    for plan in plans:
        if not plan.is_sister_city:
            continue
        chinese, foreign = plan.chinese_city, plan.foreign_city
        key = (_city_key(chinese), _city_key(foreign), plan.stage)
        line = plan.lines[0]
        between = f"{chinese.label} and {foreign.label}"
        if key in seen:
            report.error(
                line,
                "stage",
                f"row {seen[key]} already records the link between {between} at this stage",
            )
            continue
        seen[key] = line
        if chinese.is_new or foreign.is_new:
            continue
        other = (
            SisterCityLink.objects.filter(
                chinese_city=chinese.city, foreign_city=foreign.city, stage=plan.stage
            )
            .exclude(outcome=plan.existing)
            .select_related("outcome")
            .first()
        )
        if other is not None:
            report.error(
                line,
                "stage",
                f"the link between {between} is already recorded at this stage (outcome "
                f'"{other.outcome.external_id or other.outcome.pk}" of series '
                f'"{other.outcome.series.slug}")',
            )


class _RollbackError(Exception):
    pass


def error_message(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()
        )
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def write_outcomes(plans: list[OutcomePlan], report: ImportReport) -> None:
    """Write every plan in one transaction; on a refusal from the domain, roll all of it back
    and report the row."""
    try:
        with transaction.atomic():
            for plan in plans:
                try:
                    _write(plan)
                except (ValidationError, IntegrityError) as exc:
                    report.error(plan.lines[0], None, f"refused: {error_message(exc)}")
                    raise _RollbackError from exc
    except _RollbackError:
        pass


def _write(plan: OutcomePlan) -> None:
    series = plan.series.get()
    edition = plan.edition.get() if plan.edition is not None else None
    outcome = plan.existing
    changes = plan.changes
    if outcome is None:
        changes = {"fields", "parties", "amounts"}
        if plan.is_sister_city:
            link = record_sister_city_link(
                series,
                chinese_city=plan.chinese_city.get(),
                foreign_city=plan.foreign_city.get(),
                stage=plan.stage,
                on=plan.signed_on,
                edition=edition,
                external_id=plan.external_id,
                title=plan.title,
                actor=None,
            )
            outcome = link.outcome
        else:
            outcome = record_outcome(
                series,
                kind=plan.kind,
                title=plan.title,
                edition=edition,
                signed_on=plan.signed_on,
                external_id=plan.external_id,
                actor=None,
            )
    if "outcome" in changes:
        outcome.edition = edition
        outcome.kind = plan.kind
        outcome.title = plan.title or outcome.title
        outcome.signed_on = plan.signed_on
        save_outcome(outcome, actor=None)
    if "fields" in changes:
        set_outcome_fields(outcome, fields=plan.fields, actor=None)
    if "parties" in changes:
        _sync_parties(plan, outcome)
    if "amounts" in changes:
        _sync_amounts(plan, outcome)
    if "link" in changes:
        link = SisterCityLink.objects.get(outcome=outcome)
        stage_changed = link.stage != plan.stage
        link.on = plan.signed_on
        if stage_changed:
            advance_sister_city_link(link, stage=plan.stage, on=plan.signed_on, actor=None)
        else:
            save_record(link, actor=None)


def _sync_parties(plan: OutcomePlan, outcome: Outcome) -> None:
    wanted = Counter(spec.key for spec in plan.parties)
    for party in listed_parties(outcome):
        key = party_key(party)
        if wanted[key] > 0:
            wanted[key] -= 1
        else:
            delete_record(party, actor=None)
    for spec in plan.parties:
        if wanted[spec.key] > 0:
            wanted[spec.key] -= 1
            add_party(
                outcome,
                country=spec.country,
                organisation=spec.organisation,
                name="" if spec.organisation else spec.label,
                role=spec.role,
                actor=None,
            )


def _sync_amounts(plan: OutcomePlan, outcome: Outcome) -> None:
    stored = {(a.amount_kind, a.currency): a for a in outcome.amounts.all()}
    for key, entry in stored.items():
        if key not in plan.amounts:
            delete_record(entry, actor=None)
        elif entry.amount != plan.amounts[key]:
            entry.amount = plan.amounts[key]
            save_record(entry, actor=None)
    for (amount_kind, currency), amount in plan.amounts.items():
        if (amount_kind, currency) not in stored:
            add_amount(
                outcome, amount=amount, currency=currency, amount_kind=amount_kind, actor=None
            )
