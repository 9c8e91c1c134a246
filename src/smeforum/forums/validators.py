"""Rules for editions, programme and figures, shared by model ``clean()``, forms and the API.

Each raises ``ValidationError`` keyed by the field at fault, with a message that says what is
wrong in the organiser's terms.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from smeforum.reference.countries import country_name
from smeforum.reference.queries import is_member_on


def validate_date_range(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise ValidationError(
            {
                "end_date": _("The end date (%(end)s) is before the start date (%(start)s).")
                % {"end": end.isoformat(), "start": start.isoformat()}
            }
        )


def validate_country_role(edition, country: str, role: str) -> None:
    """A country's role must agree with the host city and with mechanism membership on the
    edition's start date: the host is the host city's country; a member is a member then; an
    observer or guest is not."""
    host_country = edition.host_city.country if edition.host_city_id else None
    name = country_name(country)
    if role == "host":
        if host_country and country != host_country:
            raise ValidationError(
                {
                    "role": _("%(country)s cannot be host: the host city is in %(host)s.")
                    % {"country": name, "host": country_name(host_country)}
                }
            )
        return
    if country == host_country:
        raise ValidationError(
            {"role": _("%(country)s is the host country; its role is “host”.") % {"country": name}}
        )
    mechanism = edition.series.mechanism if edition.series_id else None
    if mechanism is None:
        if role == "member":
            raise ValidationError(
                {"role": _("The series has no cooperation mechanism, so no country is a member.")}
            )
        return
    member = is_member_on(mechanism, country, edition.start_date)
    day = edition.start_date.isoformat()
    if role == "member" and not member:
        raise ValidationError(
            {
                "role": _("%(country)s was not a member of %(mechanism)s on %(day)s.")
                % {"country": name, "mechanism": mechanism.name_en, "day": day}
            }
        )
    if role in {"observer", "guest"} and member:
        raise ValidationError(
            {
                "role": _(
                    "%(country)s was a member of %(mechanism)s on %(day)s, "
                    "so it cannot be %(role)s."
                )
                % {"country": name, "mechanism": mechanism.name_en, "day": day, "role": role}
            }
        )


def validate_session_times(edition, day: dt.date | None, starts_at, ends_at) -> None:
    """A session lies within its edition's dates; its times fall on its day (in the edition's
    time zone) and it ends after it starts."""
    errors: dict[str, str] = {}
    if day and edition is not None and not (edition.start_date <= day <= edition.end_date):
        errors["day"] = _("%(day)s is outside the edition's dates (%(start)s to %(end)s).") % {
            "day": day.isoformat(),
            "start": edition.start_date.isoformat(),
            "end": edition.end_date.isoformat(),
        }
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("The session ends before it starts.")
    if edition is not None and day and "day" not in errors:
        for field, value in (("starts_at", starts_at), ("ends_at", ends_at)):
            if value and value.astimezone(edition.tz).date() != day:
                errors.setdefault(
                    field,
                    _("%(time)s is not on the session's day %(day)s (%(tz)s).")
                    % {
                        "time": value.astimezone(edition.tz).strftime("%Y-%m-%d %H:%M"),
                        "day": day.isoformat(),
                        "tz": edition.time_zone,
                    },
                )
    if errors:
        raise ValidationError(errors)
