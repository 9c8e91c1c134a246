"""Importing cooperation opportunities from a CSV or XLSX file, all or nothing.

The format is described in docs/imports.md ("Cooperation opportunities"). Every problem of
the file is reported at once, with its row and column; with any problem nothing is written.
An opportunity is keyed by its series and ``external_id``: importing the same row again
updates it (a row unchanged since the last import is left alone). New opportunities are
``submitted``: the organisers moderate them. A re-import changing an opportunity is its owner's
edit (``save_opportunity(by_owner=True)``): a published one goes back to ``submitted``, other
statuses are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from smeforum.forums.models import Edition, ForumSeries
from smeforum.matchmaking import validators
from smeforum.matchmaking.domain.opportunities import save_opportunity
from smeforum.matchmaking.domain.profiles import save_profile
from smeforum.matchmaking.domain.versions import content
from smeforum.matchmaking.models import Opportunity, Profile
from smeforum.orgs.domain.organisations import save_organisation
from smeforum.orgs.models import Organisation
from smeforum.reference.models import Sector
from smeforum.reference.tabular import Problem, UnreadableFileError, read_records
from smeforum.reference.validators import validate_country_code

COLUMNS = (
    "external_id",
    "series",
    "edition",
    "organisation",
    "country",
    "kind",
    "title",
    "description",
    "sectors",
    "target_countries",
    "language",
)
#: The model field each column fills, for messages of the model's own checks.
_FIELD_COLUMNS = {
    "external_id": "external_id",
    "series": "series",
    "edition": "edition",
    "kind": "kind",
    "title": "title",
    "summary": "description",
    "target_countries": "target_countries",
    "language": "language",
    "sectors": "sectors",
}


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    organisations_created: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Row:
    line: int
    cells: dict[str, str]
    series: ForumSeries | None = None
    edition: Edition | None = None
    organisation: Organisation | None = None
    new_organisation: tuple[str, str] | None = None  # (name, country) to create
    sectors: list[Sector] = field(default_factory=list)
    target_countries: list[str] = field(default_factory=list)


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


class _Reader:
    def __init__(self, *, create_missing: bool):
        self.create_missing = create_missing
        self.problems: list[Problem] = []
        self.series = {s.slug: s for s in ForumSeries.objects.all()}
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.keys: dict[tuple[str, str], int] = {}

    def problem(self, line: int, column: str | None, message: str) -> None:
        self.problems.append(Problem(line, column, str(message)))

    def header(self, header: list[str]) -> bool:
        names = [h.strip().lower() for h in header]
        missing = [c for c in COLUMNS if c not in names]
        unknown = [h for h in names if h and h not in COLUMNS]
        repeated = sorted({h for h in names if h and names.count(h) > 1})
        if missing:
            self.problem(1, None, _("missing columns: %(c)s") % {"c": ", ".join(missing)})
        if unknown:
            self.problem(1, None, _("unknown columns: %(c)s") % {"c": ", ".join(unknown)})
        if repeated:
            self.problem(1, None, _("repeated columns: %(c)s") % {"c": ", ".join(repeated)})
        self.names = names
        return not (missing or unknown or repeated)

    def row(self, line: int, record: list[str]) -> _Row:
        cells = {
            name: (record[i].strip() if i < len(record) else "")
            for i, name in enumerate(self.names)
        }
        row = _Row(line=line, cells=cells)
        for column in (
            "external_id",
            "series",
            "organisation",
            "country",
            "kind",
            "title",
            "language",
        ):
            if not cells[column]:
                self.problem(line, column, _("required"))
        self._series_and_edition(row)
        self._organisation(row)
        self._choices(row)
        return row

    def _series_and_edition(self, row: _Row) -> None:
        cells = row.cells
        if cells["series"]:
            row.series = self.series.get(cells["series"])
            if row.series is None:
                self.problem(
                    row.line,
                    "series",
                    _("no series with the slug “%(slug)s”") % {"slug": cells["series"]},
                )
        if cells["edition"] and row.series is not None:
            if not cells["edition"].isdigit():
                self.problem(row.line, "edition", _("give the edition's number, e.g. 5"))
            else:
                row.edition = row.series.editions.filter(number=int(cells["edition"])).first()
                if row.edition is None:
                    self.problem(
                        row.line,
                        "edition",
                        _("%(series)s has no edition %(n)s")
                        % {"series": row.series.slug, "n": cells["edition"]},
                    )
        if cells["external_id"] and row.series is not None:
            key = (row.series.slug, cells["external_id"])
            if key in self.keys:
                self.problem(
                    row.line, "external_id", _("repeats row %(row)s") % {"row": self.keys[key]}
                )
            else:
                self.keys[key] = row.line

    def _organisation(self, row: _Row) -> None:
        name, country = row.cells["organisation"], row.cells["country"]
        if country:
            try:
                validate_country_code(country)
            except ValidationError as exc:
                self.problem(row.line, "country", " ".join(exc.messages))
                return
        if not (name and country):
            return
        found = list(
            Organisation.objects.filter(Q(name=name) | Q(name_en=name), country=country)[:2]
        )
        if len(found) == 1:
            row.organisation = found[0]
        elif found:
            self.problem(
                row.line,
                "organisation",
                _("more than one organisation in %(country)s is named “%(name)s”")
                % {"country": country, "name": name},
            )
        elif self.create_missing:
            row.new_organisation = (name, country)
        else:
            self.problem(
                row.line,
                "organisation",
                _(
                    "no organisation named “%(name)s” in "
                    "%(country)s (add it, or import with --create-missing)"
                )
                % {"name": name, "country": country},
            )

    def _choices(self, row: _Row) -> None:
        cells = row.cells
        if cells["kind"] and cells["kind"] not in Opportunity.Kind.values:
            self.problem(
                row.line,
                "kind",
                _("“%(kind)s” is not one of %(choices)s")
                % {"kind": cells["kind"], "choices": ", ".join(Opportunity.Kind.values)},
            )
        unknown = [c for c in _split(cells["sectors"]) if c not in self.sectors]
        if unknown:
            self.problem(
                row.line,
                "sectors",
                _("not NACE Rev. 2 codes: %(codes)s") % {"codes": ", ".join(unknown)},
            )
        row.sectors = [self.sectors[c] for c in _split(cells["sectors"]) if c in self.sectors]
        row.target_countries = _split(cells["target_countries"])
        for column, check, value in (
            ("target_countries", validators.validate_country_list, row.target_countries),
            ("language", validators.validate_language_code, cells["language"]),
        ):
            if value:
                try:
                    check(value)
                except ValidationError as exc:
                    self.problem(row.line, column, " ".join(exc.messages))


def _read(data: bytes, filename: str, reader: _Reader) -> list[_Row]:
    try:
        records = read_records(data, filename)
    except UnreadableFileError as exc:
        reader.problems.append(Problem(None, None, str(exc)))
        return []
    if not records:
        reader.problems.append(Problem(None, None, _("%(name)s is empty") % {"name": filename}))
        return []
    if not reader.header(records[0]):
        return []
    return [
        reader.row(line, record)
        for line, record in enumerate(records[1:], start=2)
        if any(cell.strip() for cell in record)
    ]


def _organisation_of(row: _Row, made: dict, result: ImportResult, actor) -> Organisation:
    if row.organisation is not None:
        return row.organisation
    if row.new_organisation not in made:
        name, country = row.new_organisation
        made[row.new_organisation] = save_organisation(
            Organisation(
                name=name, name_en=name, country=country, kind=Organisation.Kind.ENTERPRISE
            ),
            actor=actor,
        )
        result.organisations_created += 1
    return made[row.new_organisation]


def _write(row: _Row, made: dict, result: ImportResult, actor) -> None:
    organisation = _organisation_of(row, made, result, actor)
    profile = Profile.objects.filter(organisation=organisation).first()
    if profile is None:
        profile = save_profile(Profile(organisation=organisation), sectors=[], actor=actor)
    cells = row.cells
    opportunity = Opportunity.objects.filter(
        series=row.series, external_id=cells["external_id"]
    ).first() or Opportunity(series=row.series, external_id=cells["external_id"])
    before = (
        None
        if opportunity.pk is None
        else (content(opportunity), sorted(opportunity.sectors.values_list("code", flat=True)))
    )
    opportunity.profile = profile
    opportunity.edition = row.edition
    opportunity.kind = cells["kind"]
    opportunity.title = cells["title"]
    opportunity.summary = cells["description"]
    opportunity.target_countries = row.target_countries
    opportunity.language = cells["language"]
    after = (content(opportunity), sorted(s.code for s in row.sectors))
    if before == after:
        result.unchanged += 1
        return
    if before is None:
        opportunity.status = Opportunity.Status.SUBMITTED
    save_opportunity(opportunity, sectors=row.sectors, by_owner=True, actor=actor)
    if before is None:
        result.created += 1
        return
    result.updated += 1


def import_opportunities(
    data: bytes, *, filename: str, create_missing: bool = False, dry_run: bool = False, actor=None
) -> ImportResult:
    """Read ``data`` (the bytes of ``filename``, .csv or .xlsx) and create or update its
    opportunities; with ``create_missing``, organisations not found are created (enterprises
    named as in the file). Returns every problem, each with its row and column; with any
    problem, or with ``dry_run``, nothing is written."""
    result = ImportResult(dry_run=dry_run)
    reader = _Reader(create_missing=create_missing)
    rows = _read(data, filename, reader)
    result.problems = reader.problems
    if result.problems:
        return result
    made: dict = {}
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    _write(row, made, result, actor)
            except ValidationError as exc:
                errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
                for name, messages in errors.items():
                    result.problems.append(
                        Problem(row.line, _FIELD_COLUMNS.get(name), " ".join(messages))
                    )
        if result.problems or dry_run:
            transaction.set_rollback(True)
    if result.problems:
        result.created = result.updated = result.unchanged = result.organisations_created = 0
    return result


def import_opportunities_file(
    path: str, *, create_missing: bool = False, dry_run: bool = False, actor=None
) -> ImportResult:
    """:func:`import_opportunities` of the file at ``path``."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        return ImportResult(
            problems=[
                Problem(
                    None,
                    None,
                    _("cannot read %(path)s: %(error)s") % {"path": path, "error": exc.strerror},
                )
            ]
        )
    return import_opportunities(
        data, filename=file.name, create_missing=create_missing, dry_run=dry_run, actor=actor
    )
