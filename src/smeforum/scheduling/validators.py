"""Rules on B2B sessions shared by models, forms and the API (no model imports)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MATCHMAKING_KIND = "matchmaking"


def _between(value: int, low: int, high: int, message: str) -> None:
    if value is None or not low <= value <= high:
        raise ValidationError(message % {"low": low, "high": high}, code="range")


def validate_slot_minutes(value: int) -> None:
    _between(value, 5, 240, _("A slot lasts from %(low)s to %(high)s minutes."))


def validate_time_limit(value: int) -> None:
    _between(value, 1, 600, _("The solver's time limit is %(low)s to %(high)s seconds."))


def validate_capacity(value: int) -> None:
    _between(value, 1, 20, _("Meetings at once must be from %(low)s to %(high)s."))


def validate_weight(value: int) -> None:
    _between(value, 1, 100, _("The priority must be from %(low)s to %(high)s."))


def validate_table_count(value: int) -> None:
    _between(value, 1, 500, _("The number of tables must be from %(low)s to %(high)s."))


def validate_matchmaking_session(kind: str) -> None:
    if kind != MATCHMAKING_KIND:
        raise ValidationError(
            {"session": _("Only a B2B matchmaking session can hold meetings.")}, code="kind"
        )


def validate_same_edition(b2b_edition_id: int, registration_edition_id: int) -> None:
    if b2b_edition_id != registration_edition_id:
        raise ValidationError(
            {"registration": _("The registration belongs to another edition.")}, code="edition"
        )
