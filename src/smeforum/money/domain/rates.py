from __future__ import annotations

import datetime as dt
from decimal import Decimal

from smeforum.audit.domain import save_record
from smeforum.money.models import ManualRate
from smeforum.reference.models import Source


def record_manual_rate(
    currency: str, *, on: dt.date, units_per_eur: Decimal, source: Source, actor=None
) -> ManualRate:
    """Record the rate of a currency the ECB does not publish. Side effects: the row and its
    audit entry. Refuses a second rate for the same currency and day."""
    rate = ManualRate(currency=currency, on=on, units_per_eur=Decimal(units_per_eur), source=source)
    return save_record(rate, actor=actor)
