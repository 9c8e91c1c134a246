"""Read-only queries over organiser-entered exchange rates."""

import datetime as dt

from django.db.models import QuerySet

from smeforum.money.models import ManualRate


def manual_rates(currency: str) -> QuerySet[ManualRate]:
    """All manual rates of ``currency``, oldest first, with their sources."""
    return ManualRate.objects.filter(currency=currency).select_related("source").order_by("on")


def manual_rate_on_or_before(currency: str, day: dt.date) -> ManualRate | None:
    """The latest manual rate of ``currency`` dated ``day`` or earlier, or ``None``."""
    return manual_rates(currency).filter(on__lte=day).order_by("-on").first()


def manual_rate_after(currency: str, day: dt.date) -> ManualRate | None:
    """The earliest manual rate of ``currency`` dated after ``day``, or ``None``."""
    return manual_rates(currency).filter(on__gt=day).first()
