"""What ``smeforum report`` does: read the options, build the report, write it in a format.

Bad input raises :class:`ReportError` naming the option, before anything is written (exit code
2; 1 when the PDF fact sheet is not available).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.utils import translation

from smeforum.forums.models import ForumSeries
from smeforum.money.conversion import RateUnavailable
from smeforum.outcomes.models import OutcomeAmount
from smeforum.reporting import formats, xlsx
from smeforum.reporting.options import BINARY_FORMATS, parse_date, parse_editions
from smeforum.reporting.report import Report, build_report, check_currency, check_editions

USAGE_ERROR = 2
UNAVAILABLE = 1


class ReportError(Exception):
    def __init__(self, message: str, returncode: int = USAGE_ERROR) -> None:
        super().__init__(message)
        self.returncode = returncode


@dataclass(frozen=True)
class Request:
    series: ForumSeries
    editions: list[int] | None
    currency: str
    rate_date: dt.date | None
    nearest_rate: bool
    amount_kind: str
    format: str
    lang: str
    output: str | None


def _series(slug: str | None) -> ForumSeries:
    slugs = list(ForumSeries.objects.order_by("slug").values_list("slug", flat=True))
    if slug:
        series = ForumSeries.objects.filter(slug=slug).first()
        if series is None:
            known = ", ".join(slugs) or "none yet"
            raise ReportError(f"--series {slug}: no such series (series: {known}).")
        return series
    if not slugs:
        raise ReportError("There is no forum series yet: load or create one first.")
    if len(slugs) > 1:
        raise ReportError(f"--series: choose one of {', '.join(slugs)}.")
    return ForumSeries.objects.get(slug=slugs[0])


def parse_request(options: dict) -> Request:
    """Check every option; raise ``ReportError`` naming the first bad one."""
    series = _series(options.get("series"))
    editions = None
    if options.get("editions"):
        text = options["editions"]
        try:
            editions = check_editions(series, parse_editions(text))
        except ValueError as error:
            raise ReportError(f"--editions {text}: {error}") from None
    currency = options.get("currency") or "USD"
    try:
        currency = check_currency(currency)
    except ValueError as error:
        raise ReportError(f"--currency {currency}: {error}") from None
    rate_date = None
    if options.get("rate_date"):
        try:
            rate_date = parse_date(options["rate_date"])
        except ValueError as error:
            raise ReportError(f"--rate-date {options['rate_date']}: {error}.") from None
    amount_kind = options.get("amount_kind") or OutcomeAmount.Kind.CONTRACTUAL
    if amount_kind not in OutcomeAmount.Kind.values:
        kinds = ", ".join(OutcomeAmount.Kind.values)
        raise ReportError(f"--amount-kind {amount_kind}: choose one of {kinds}.")
    return Request(
        series=series,
        editions=editions,
        currency=currency,
        rate_date=rate_date,
        nearest_rate=bool(options.get("nearest_rate")),
        amount_kind=amount_kind,
        format=options.get("format") or "json",
        lang=options.get("lang") or "en",
        output=options.get("output"),
    )


def render(report: Report, fmt: str, lang: str) -> bytes:
    if fmt == "json":
        return formats.to_json(report).encode()
    if fmt == "md":
        return formats.to_markdown(report).encode()
    if fmt == "csv":
        return formats.to_csv(report).encode()
    if fmt == "xlsx":
        return xlsx.to_xlsx(report)
    if fmt == "pdf":
        try:
            from smeforum.reporting.factsheet_pdf import (  # noqa: PLC0415 -- optional heavy import
                render_report_pdf,
            )
        except ImportError as error:
            raise ReportError(
                f"--format pdf: the PDF fact sheet is not available ({error}).", UNAVAILABLE
            ) from None
        return render_report_pdf(report, lang)
    raise ReportError(f"--format {fmt}: choose one of json, md, csv, xlsx, pdf.")


def produce(request: Request) -> bytes:
    """The report, rendered, in the requested language."""
    with translation.override(request.lang):
        try:
            report = build_report(
                request.series,
                editions=request.editions,
                currency=request.currency,
                rate_date=request.rate_date,
                nearest_rate=request.nearest_rate,
                amount_kind=request.amount_kind,
            )
        except RateUnavailable as error:
            hint = "" if request.nearest_rate else " (--nearest-rate takes the nearest date)"
            if request.rate_date:
                raise ReportError(f"--rate-date {request.rate_date}: {error}{hint}") from None
            raise ReportError(f"{error}{hint}") from None
        return render(report, request.format, request.lang)


def deliver(data: bytes, request: Request, stdout) -> None:
    """Write to ``-o FILE``, else to standard output (binary formats to its byte stream)."""
    if request.output:
        try:
            Path(request.output).write_bytes(data)
        except OSError as error:
            raise ReportError(f"-o {request.output}: {error.strerror or error}.") from None
        return
    if request.format in BINARY_FORMATS:
        buffer = getattr(stdout, "buffer", None)
        if buffer is None:
            raise ReportError(f"--format {request.format}: give -o FILE for binary output.")
        stdout.flush()
        buffer.write(data)
        buffer.flush()
        return
    stdout.write(data.decode())  # text formats end with a newline
