"""The real membership history of China–CEEC cooperation ("16+1", "17+1", "14+1"), for tests."""

import datetime as dt

from smeforum.reference.domain.mechanisms import record_membership
from smeforum.reference.models import Mechanism

FOUNDED_ON = dt.date(2012, 4, 26)
FOUNDING_MEMBERS = [
    "AL", "BA", "BG", "HR", "CZ", "EE", "HU", "LV", "LT", "MK", "ME", "PL", "RO", "RS", "SK", "SI",
]  # fmt: skip
GREECE_JOINED_ON = dt.date(2019, 4, 12)
LEFT_ON = {
    "LT": dt.date(2021, 5, 22),
    "EE": dt.date(2022, 8, 11),
    "LV": dt.date(2022, 8, 11),
}
MEMBERS_ON_2023_11_13 = [
    "AL", "BA", "BG", "CZ", "GR", "HR", "HU", "ME", "MK", "PL", "RO", "RS", "SI", "SK",
]  # fmt: skip


def record_china_ceec_history(mechanism: Mechanism) -> None:
    """Record the founding members, Greece's accession and the three departures."""
    for code in FOUNDING_MEMBERS:
        record_membership(mechanism, country=code, joined_on=FOUNDED_ON, left_on=LEFT_ON.get(code))
    record_membership(mechanism, country="GR", joined_on=GREECE_JOINED_ON)
