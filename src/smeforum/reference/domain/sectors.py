"""NACE Rev. 2 sections and divisions, shipped as ``reference/data/nace_rev2.csv``."""

from __future__ import annotations

import csv
from pathlib import Path

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
