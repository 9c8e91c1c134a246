"""Validators shared by model ``clean()``, admin forms and the API."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from smeforum.reference.countries import currency_codes, get_country


def validate_country_code(value: str) -> None:
    if get_country(value) is None or value != value.upper():
        raise ValidationError(
            _("“%(value)s” is not an ISO 3166-1 alpha-2 country code (e.g. CN, PL, RS)."),
            code="unknown_country",
            params={"value": value},
        )


def validate_currency_code(value: str) -> None:
    if value not in currency_codes():
        raise ValidationError(
            _("“%(value)s” is not an ISO 4217 currency code (e.g. CNY, USD, EUR)."),
            code="unknown_currency",
            params={"value": value},
        )


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone (e.g. Asia/Shanghai)."),
            code="unknown_time_zone",
            params={"value": value},
        )
