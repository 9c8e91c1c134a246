"""Load the sourced history of the Cangzhou forum from ``data/cangzhou.json``.

Every record here comes from a cited public source; nothing is generated.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from smeforum.audit.domain import save_record
from smeforum.demo.ledger import Ledger
from smeforum.forums.domain.editions import (
    add_organiser,
    add_theme,
    apply_default_country_roles,
    save_edition,
    save_series,
    set_country_role,
)
from smeforum.forums.domain.figures import link_reported_figure, record_reported_figure
from smeforum.forums.domain.programme import add_session_role, add_topic, save_session
from smeforum.forums.models import (
    Edition,
    EditionCountry,
    EditionOrganiser,
    EditionTheme,
    ForumSeries,
    ReportedFigure,
    Session,
    SessionRole,
    SessionTopic,
)
from smeforum.orgs.domain.organisations import save_organisation, save_person
from smeforum.orgs.models import Organisation, Person
from smeforum.reference.domain.cities import import_city_by_name
from smeforum.reference.domain.mechanisms import end_membership, record_membership
from smeforum.reference.models import City, Mechanism, Membership, OutcomeKind, Source

DATA_FILE = Path(__file__).resolve().parent / "data" / "cangzhou.json"
SERIES_SLUG = "china-ceec-cangzhou"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def read_data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


class SourcedLoader:
    def __init__(self, ledger: Ledger, *, actor=None) -> None:
        self.ledger = ledger
        self.actor = actor
        self.data = read_data()
        self.sources: dict[str, Source] = {}
        self.cities: dict[str, City] = {}
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.sessions: dict[str, Session] = {}

    def load(self) -> ForumSeries:
        self._sources()
        mechanism = self._mechanism()
        self._cities()
        self._organisations()
        series = self._series(mechanism)
        for entry in self.data["editions"]:
            self._edition(series, entry)
        for entry in self.data["series_figures"]:
            self._figure(series, entry, first=entry["first"], last=entry["last"])
        self._link_figures(series)
        return series

    def _sources(self) -> None:
        for row in self.data["sources"]:
            fields = {**row, "published_on": _date(row["published_on"])}
            self.sources[row["key"]] = self.ledger.ensure(
                Source,
                {"key": row["key"]},
                lambda f=fields: save_record(Source(**f), actor=self.actor),
            )

    def _mechanism(self) -> Mechanism:
        spec = self.data["mechanism"]
        source = self.sources[spec["source"]]
        mechanism = self.ledger.ensure(
            Mechanism,
            {"slug": spec["slug"]},
            lambda: save_record(
                Mechanism(
                    slug=spec["slug"],
                    name_en=spec["name_en"],
                    name_zh=spec["name_zh"],
                    founded_on=_date(spec["founded_on"]),
                    source=source,
                ),
                actor=self.actor,
            ),
        )
        for group in spec["memberships"]:
            joined = _date(group["joined_on"])
            note = group.get("note", "")
            for code in group["countries"]:
                self.ledger.ensure(
                    Membership,
                    {"mechanism": mechanism, "country": code, "joined_on": joined},
                    lambda c=code, j=joined, n=note: record_membership(
                        mechanism, country=c, joined_on=j, source=source, note=n, actor=self.actor
                    ),
                )
        for exit_ in spec["exits"]:
            membership = mechanism.memberships.filter(
                country=exit_["country"], left_on__isnull=True
            ).first()
            if membership is not None:
                membership.note = exit_.get("note", membership.note)
                end_membership(membership, left_on=_date(exit_["left_on"]), actor=self.actor)
                self.ledger.note("membership exits")
        return mechanism

    def _cities(self) -> None:
        for row in self.data["cities"]:
            self.cities[row["name"]] = self._city(row["name"], row["country"])

    def _city(self, name: str, country: str) -> City:
        if name not in self.cities:
            self.cities[name] = self.ledger.ensure(
                City,
                {"name": name, "country": country},
                lambda: import_city_by_name(name, country=country, actor=self.actor),
            )
        return self.cities[name]

    def _organisations(self) -> None:
        for row in self.data["organisations"]:
            fields = {k: v for k, v in row.items() if k not in {"key", "city"}}
            if "city" in row:
                fields["city"] = self.cities[row["city"]]
            self.orgs[row["key"]] = self.ledger.ensure(
                Organisation,
                {"name": row["name"], "country": row["country"]},
                lambda f=fields: save_organisation(Organisation(**f), actor=self.actor),
            )
        for row in self.data["people"]:
            fields = {k: v for k, v in row.items() if k not in {"key", "organisation"}}
            fields["organisation"] = self.orgs[row["organisation"]]
            self.people[row["key"]] = self.ledger.ensure(
                Person,
                {"name": row["name"], "is_sample": False},
                lambda f=fields: save_person(Person(**f), actor=self.actor),
            )

    def _series(self, mechanism: Mechanism) -> ForumSeries:
        spec = self.data["series"]
        fields = {k: v for k, v in spec.items() if k not in {"host_city", "mechanism"}}
        return self.ledger.ensure(
            ForumSeries,
            {"slug": spec["slug"]},
            lambda: save_series(
                ForumSeries(
                    **fields, host_city=self.cities[spec["host_city"]], mechanism=mechanism
                ),
                actor=self.actor,
            ),
        )

    def _edition(self, series: ForumSeries, spec: dict) -> None:
        def create() -> Edition:
            edition = Edition(
                series=series,
                number=spec["number"],
                start_date=_date(spec["start_date"]),
                end_date=_date(spec["end_date"]),
                date_precision=spec.get("date_precision", Edition.DatePrecision.DAY),
                dates_note=spec.get("dates_note", ""),
                format=spec["format"],
                host_city=series.host_city,
                time_zone="Asia/Shanghai",
                venue="",
                is_published=True,
            )
            return save_edition(edition, actor=self.actor)

        edition = self.ledger.ensure(Edition, {"series": series, "number": spec["number"]}, create)
        self.ledger.note(
            "country roles", len(apply_default_country_roles(edition, actor=self.actor))
        )
        for row in spec.get("countries", []):
            self.ledger.ensure(
                EditionCountry,
                {"edition": edition, "country": row["country"], "role": row["role"]},
                lambda r=row: set_country_role(
                    edition,
                    country=r["country"],
                    role=r["role"],
                    source=self.sources[r["source"]],
                    actor=self.actor,
                ),
            )
        for row in spec.get("themes", []):
            source = self.sources[row["source"]]
            self.ledger.ensure(
                EditionTheme,
                {"edition": edition, "text_en": row["text_en"], "source": source},
                lambda r=row, s=source: add_theme(
                    edition,
                    text_en=r["text_en"],
                    text_zh=r["text_zh"],
                    source=s,
                    is_primary=r["is_primary"],
                    actor=self.actor,
                ),
            )
        for row in spec.get("organisers", []):
            org = self.orgs[row["organisation"]]
            self.ledger.ensure(
                EditionOrganiser,
                {"edition": edition, "organisation": org, "role": row["role"]},
                lambda r=row, o=org: add_organiser(
                    edition,
                    organisation=o,
                    role=r["role"],
                    source=self.sources[r["source"]],
                    actor=self.actor,
                ),
            )
        for row in spec.get("sessions", []):
            self._session(edition, row)
        for row in spec.get("figures", []):
            self._figure(series, row, first=edition.number, last=edition.number)

    def _session(self, edition: Edition, spec: dict) -> None:
        session = self.ledger.ensure(
            Session,
            {"edition": edition, "title_en": spec["title_en"]},
            lambda: save_session(
                Session(
                    edition=edition,
                    kind=spec["kind"],
                    title_en=spec["title_en"],
                    title_zh=spec["title_zh"],
                    day=_date(spec["day"]),
                    source=self.sources[spec["source"]],
                ),
                actor=self.actor,
            ),
        )
        self.sessions[spec["key"]] = session
        for title_en, title_zh in spec.get("topics", []):
            self.ledger.ensure(
                SessionTopic,
                {"session": session, "title_en": title_en},
                lambda e=title_en, z=title_zh: add_topic(
                    session, title_en=e, title_zh=z, actor=self.actor
                ),
            )
        for row in spec.get("speakers", []):
            person = self.people[row["person"]]
            self.ledger.ensure(
                SessionRole,
                {"session": session, "person": person, "role": row["role"]},
                lambda r=row, p=person: add_session_role(
                    session, person=p, role=r["role"], actor=self.actor
                ),
            )

    def _figure(self, series: ForumSeries, spec: dict, *, first: int, last: int) -> None:
        first_edition = series.editions.get(number=first)
        last_edition = series.editions.get(number=last)
        session = self.sessions.get(spec["session"]) if "session" in spec else None
        source = self.sources[spec["source"]]
        kind = OutcomeKind.objects.get(slug=spec["kind"]) if "kind" in spec else None
        lookup = {
            "outcome_kind": kind,
            "series": series,
            "first_edition": first_edition,
            "last_edition": last_edition,
            "session": session,
            "metric": spec["metric"],
            "value": Decimal(spec["value"]),
            "currency": spec.get("currency", ""),
            "part_en": spec.get("part_en", ""),
            "source": source,
        }
        self.ledger.ensure(
            ReportedFigure,
            lookup,
            lambda: record_reported_figure(
                series,
                metric=spec["metric"],
                value=Decimal(spec["value"]),
                source=source,
                first_edition=first_edition,
                last_edition=last_edition,
                session=session,
                qualifier=spec.get("qualifier", ReportedFigure.Qualifier.EXACT),
                currency=spec.get("currency", ""),
                converted_from=spec.get("converted_from", ""),
                part_en=spec.get("part_en", ""),
                part_zh=spec.get("part_zh", ""),
                note_en=spec.get("note_en", ""),
                note_zh=spec.get("note_zh", ""),
                outcome_kind=kind,
                actor=self.actor,
            ),
        )

    def _link_figures(self, series: ForumSeries) -> None:
        """Link each published sub-total to its total and each conversion to its original:
        same source, scope, metric and outcome kind."""
        figures = list(series.reported_figures.all())

        def same(a: ReportedFigure, b: ReportedFigure) -> bool:
            return (
                a.source_id,
                a.first_edition_id,
                a.last_edition_id,
                a.metric,
                a.outcome_kind_id,
            ) == (b.source_id, b.first_edition_id, b.last_edition_id, b.metric, b.outcome_kind_id)

        for figure in figures:
            if figure.part_en and figure.part_of_id is None:
                total = next(
                    (
                        t
                        for t in figures
                        if same(t, figure)
                        and not t.part_en
                        and t.currency == figure.currency
                        and not t.converted_from
                    ),
                    None,
                )
                if total is not None:
                    link_reported_figure(figure, part_of=total, actor=self.actor)
                    self.ledger.note("figure links")
            if figure.converted_from and figure.conversion_of_id is None:
                original = next(
                    (
                        o
                        for o in figures
                        if same(o, figure)
                        and o.part_en == figure.part_en
                        and o.currency == figure.converted_from
                    ),
                    None,
                )
                if original is not None:
                    link_reported_figure(figure, conversion_of=original, actor=self.actor)
                    self.ledger.note("figure links")
