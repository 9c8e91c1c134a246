"""NACE Rev. 2 sections and divisions, shipped as ``reference/data/nace_rev2.csv``."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from smeforum.audit.domain import set_related
from smeforum.reference.models import CooperationField, Sector

NACE_FILE = Path(__file__).resolve().parent.parent / "data" / "nace_rev2.csv"


def read_nace_rows() -> list[dict[str, str]]:
    with NACE_FILE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def sync_nace_sectors(sector_model) -> int:
    """Insert the NACE rows that are missing; return how many were added.

    Takes the model class so that a data migration can pass its historical model.
    """
    existing = {s.code: s for s in sector_model.objects.all()}
    added = 0
    for row in read_nace_rows():
        if row["code"] in existing:
            continue
        parent = existing.get(row["parent"]) if row["parent"] else None
        sector = sector_model.objects.create(
            code=row["code"],
            level=row["level"],
            parent=parent,
            name_en=row["name_en"],
            name_zh=row["name_zh"],
        )
        existing[sector.code] = sector
        added += 1
    return added


DATA_DIR = NACE_FILE.parent


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def sync_outcome_kinds(kind_model) -> int:
    """Insert the shipped outcome kinds that are missing (organisers may add others)."""
    existing = set(kind_model.objects.values_list("slug", flat=True))
    added = 0
    for row in _rows("outcome_kinds.csv"):
        if row["slug"] in existing:
            continue
        kind_model.objects.create(
            slug=row["slug"],
            name_en=row["name_en"],
            plural_en=row["plural_en"],
            name_zh=row["name_zh"],
            has_amount=row["has_amount"] == "1",
            order=int(row["order"]),
        )
        added += 1
    return added


def sync_cooperation_fields(field_model, sector_model) -> int:
    """Insert the shipped fields of cooperation that are missing, with their NACE divisions."""
    existing = set(field_model.objects.values_list("slug", flat=True))
    sectors = {s.code: s for s in sector_model.objects.all()}
    added = 0
    for row in _rows("cooperation_fields.csv"):
        if row["slug"] in existing:
            continue
        field = field_model.objects.create(
            slug=row["slug"], name_en=row["name_en"], name_zh=row["name_zh"]
        )
        field.sectors.set([sectors[code] for code in row["nace"].split(";") if code])
        added += 1
    return added


def set_cooperation_field_sectors(
    field: CooperationField, *, sectors: Iterable[Sector], actor=None
) -> CooperationField:
    """Replace the NACE sectors a field of cooperation covers. Side effects: the M2M rows, an
    audit entry (``reference.cooperationfield.sectors_changed``) when they changed."""
    return set_related(field, field="sectors", values=sectors, key="code", actor=actor)
