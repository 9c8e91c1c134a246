"""The B2B meeting scheduling engine: pure Python (and OR-Tools), no Django.

``solve(instance)`` places meetings into slots and tables under the hard rules (capacity,
one meeting per table and slot, availability, fixed meetings kept), maximising total weight,
then fairness, then compact days; ``check`` validates a schedule. See docs/scheduling.md.
"""

from .check import check
from .io_json import load_instance, parse_assignments, parse_instance, schedule_to_json
from .model import (
    Assignment,
    Instance,
    InvalidInstanceError,
    Meeting,
    Participant,
    Schedule,
    Slot,
    Stats,
    Table,
    Unscheduled,
)
from .solver import solve
from .validation import validate

__all__ = [
    "Assignment",
    "Instance",
    "InvalidInstanceError",
    "Meeting",
    "Participant",
    "Schedule",
    "Slot",
    "Stats",
    "Table",
    "Unscheduled",
    "check",
    "load_instance",
    "parse_assignments",
    "parse_instance",
    "schedule_to_json",
    "solve",
    "validate",
]
