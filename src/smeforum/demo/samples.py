"""Generate clearly labelled sample records so every page has something to show.

Everything created here has ``is_sample=True`` and is shown with a "sample" badge. The
generator is deterministic (a fixed seed), so two runs produce the same records.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo

from smeforum.demo.ledger import Ledger
from smeforum.forums.domain.programme import add_session_role, add_topic, save_session
from smeforum.forums.models import ForumSeries, Session, SessionRole, SessionTopic
from smeforum.orgs.domain.organisations import (
    save_organisation,
    save_person,
    set_organisation_sectors,
)
from smeforum.orgs.models import Organisation, Person
from smeforum.participants.domain.registrations import (
    add_delegation_member,
    register_person,
    save_delegation,
    set_delegation_head,
)
from smeforum.participants.models import Delegation, Registration
from smeforum.reference.domain.cities import import_city_by_name
from smeforum.reference.models import City, Sector

SEED = 2018

# country: (cities, company suffix, [(given, family) in original script and Latin])
COUNTRIES: dict[str, dict] = {
    "CN": {
        "cities": ["Cangzhou", "Shijiazhuang", "Tianjin"],
        "suffix": "Co., Ltd.",
        "people": [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen")],
        "given": [("伟", "Wei"), ("芳", "Fang"), ("敏", "Min"), ("静", "Jing"), ("强", "Qiang")],
    },
    "PL": {
        "cities": ["Warsaw", "Łódź"],
        "suffix": "sp. z o.o.",
        "people": [("Nowak", "Nowak"), ("Wiśniewski", "Wiśniewski"), ("Kowalczyk", "Kowalczyk")],
        "given": [("Anna", "Anna"), ("Piotr", "Piotr"), ("Katarzyna", "Katarzyna")],
    },
    "HU": {
        "cities": ["Budapest", "Győr"],
        "suffix": "Kft.",
        "people": [("Nagy", "Nagy"), ("Kovács", "Kovács"), ("Tóth", "Tóth")],
        "given": [("Eszter", "Eszter"), ("Gábor", "Gábor"), ("Zsófia", "Zsófia")],
    },
    "RS": {
        "cities": ["Belgrade", "Novi Sad"],
        "suffix": "d.o.o.",
        "people": [("Јовановић", "Jovanović"), ("Петровић", "Petrović"), ("Николић", "Nikolić")],
        "given": [("Марко", "Marko"), ("Јелена", "Jelena"), ("Никола", "Nikola")],
    },
    "CZ": {
        "cities": ["Prague", "Brno"],
        "suffix": "s.r.o.",
        "people": [("Novák", "Novák"), ("Svoboda", "Svoboda"), ("Dvořák", "Dvořák")],
        "given": [("Jan", "Jan"), ("Tereza", "Tereza"), ("Petr", "Petr")],
    },
    "SK": {
        "cities": ["Bratislava", "Nitra"],
        "suffix": "s.r.o.",
        "people": [("Horváth", "Horváth"), ("Kováč", "Kováč"), ("Varga", "Varga")],
        "given": [("Martin", "Martin"), ("Zuzana", "Zuzana"), ("Lukáš", "Lukáš")],
    },
    "HR": {
        "cities": ["Zagreb"],
        "suffix": "d.o.o.",
        "people": [("Horvat", "Horvat"), ("Babić", "Babić")],
        "given": [("Ivana", "Ivana"), ("Luka", "Luka")],
    },
    "GR": {
        "cities": ["Athens"],
        "suffix": "S.A.",
        "people": [("Παπαδόπουλος", "Papadopoulos"), ("Γεωργίου", "Georgiou")],
        "given": [("Γιώργος", "Georgios"), ("Μαρία", "Maria")],
    },
    "BG": {
        "cities": ["Sofia"],
        "suffix": "EOOD",
        "people": [("Иванов", "Ivanov"), ("Георгиев", "Georgiev")],
        "given": [("Димитър", "Dimitar"), ("Мария", "Mariya")],
    },
    "GE": {
        "cities": ["Tbilisi"],
        "suffix": "LLC",
        "people": [("ბერიძე", "Beridze"), ("კაპანაძე", "Kapanadze")],
        "given": [("ნინო", "Nino"), ("გიორგი", "Giorgi")],
    },
}

# (English, Chinese, NACE division)
PRODUCTS = [
    ("Medical Devices", "医疗器械", "32"),
    ("Aviation Components", "航空零部件", "30"),
    ("Laser Systems", "激光设备", "27"),
    ("Clean Energy", "清洁能源", "35"),
    ("Auto Parts", "汽车零部件", "29"),
    ("Machinery", "机械制造", "28"),
    ("Pipe Fittings", "管道管件", "25"),
    ("Software", "软件", "62"),
    ("Agri-Food", "农产品", "10"),
    ("New Materials", "新材料", "20"),
]

INSTITUTIONS = {
    Organisation.Kind.BUSINESS_ASSOCIATION: ("Chamber of Commerce", "商会"),
    Organisation.Kind.UNIVERSITY: ("University of Technology", "理工大学"),
}

SIZES = ["micro", "small", "small", "medium", "medium", "large"]

CATEGORY_BY_KIND = {
    Organisation.Kind.ENTERPRISE: Registration.Category.ENTERPRISE,
    Organisation.Kind.BUSINESS_ASSOCIATION: Registration.Category.BUSINESS_ASSOCIATION,
    Organisation.Kind.UNIVERSITY: Registration.Category.UNIVERSITY,
    Organisation.Kind.GOVERNMENT_BODY: Registration.Category.GOVERNMENT,
}

# Sample participation per edition number: (registrations, status of most of them)
PARTICIPATION = {5: (90, Registration.Status.ATTENDED), 6: (120, Registration.Status.ATTENDED)}


class SampleGenerator:
    def __init__(self, ledger: Ledger, series: ForumSeries, *, actor=None) -> None:
        self.ledger = ledger
        self.series = series
        self.actor = actor
        self.rng = random.Random(SEED)
        self.sectors = {s.code: s for s in Sector.objects.filter(level=Sector.Level.DIVISION)}

    def generate(self) -> None:
        organisations = self._organisations()
        people = self._people(organisations)
        for number, (count, status) in PARTICIPATION.items():
            edition = self.series.editions.get(number=number)
            chosen = sorted(self.rng.sample(range(len(people)), count))
            self._registrations(edition, [people[i] for i in chosen], status)
            self._delegations(edition)
        self._b2b_session(people)

    def _city(self, name: str, country: str) -> City:
        return self.ledger.ensure(
            City,
            {"name": name, "country": country},
            lambda: import_city_by_name(name, country=country, actor=self.actor),
        )

    def _organisations(self) -> list[Organisation]:
        result = []
        for country, spec in COUNTRIES.items():
            for index, city_name in enumerate(spec["cities"]):
                city = self._city(city_name, country)
                for product_en, product_zh, nace in self.rng.sample(PRODUCTS, 3):
                    result.append(
                        self._organisation(
                            country, city, product_en, product_zh, nace, spec["suffix"]
                        )
                    )
                if index == 0:
                    result.append(
                        self._institution(country, city, Organisation.Kind.BUSINESS_ASSOCIATION)
                    )
                    result.append(self._institution(country, city, Organisation.Kind.UNIVERSITY))
        return result

    def _organisation(self, country, city, product_en, product_zh, nace, suffix) -> Organisation:
        if country == "CN":
            name = f"{city.name_zh}{product_zh}有限公司"
            name_en = f"{city.name} {product_en} {suffix}"
        else:
            name = name_en = f"{city.name} {product_en} {suffix}"
        size = self.rng.choice(SIZES)

        def create() -> Organisation:
            org = save_organisation(
                Organisation(
                    name=name,
                    name_en=name_en,
                    kind=Organisation.Kind.ENTERPRISE,
                    country=country,
                    city=city,
                    size_class=size,
                    is_sample=True,
                    description=f"Sample enterprise: {product_en.lower()}.",
                ),
                actor=self.actor,
            )
            set_organisation_sectors(org, sectors=[self.sectors[nace]], actor=self.actor)
            return org

        return self.ledger.ensure(Organisation, {"name": name, "country": country}, create)

    def _institution(self, country: str, city: City, kind: str) -> Organisation:
        label_en, label_zh = INSTITUTIONS[kind]
        name = name_en = f"{city.name} {label_en} (sample)"
        if country == "CN":
            name = f"{city.name_zh}{label_zh}（示例）"
        return self.ledger.ensure(
            Organisation,
            {"name": name, "country": country},
            lambda: save_organisation(
                Organisation(
                    name=name,
                    name_en=name_en,
                    kind=kind,
                    country=country,
                    city=city,
                    is_sample=True,
                ),
                actor=self.actor,
            ),
        )

    def _people(self, organisations: list[Organisation]) -> list[Person]:
        people = []
        for index, org in enumerate(organisations):
            spec = COUNTRIES[org.country]
            for rep in range(2):
                family, family_latin = spec["people"][(index + rep) % len(spec["people"])]
                given, given_latin = spec["given"][(index * 3 + rep) % len(spec["given"])]
                if org.country == "CN":
                    name, latin = f"{family}{given}", f"{family_latin} {given_latin}"
                elif org.country == "HU":
                    name = latin = f"{family} {given}"
                else:
                    name, latin = f"{given} {family}", f"{given_latin} {family_latin}"
                email = f"sample.{index:03d}.{rep}@example.org"
                people.append(
                    self.ledger.ensure(
                        Person,
                        {"email": email},
                        lambda n=name, la=latin, e=email, o=org: save_person(
                            Person(
                                name=n,
                                name_latin=la,
                                email=e,
                                organisation=o,
                                position="Sample representative",
                                is_sample=True,
                            ),
                            actor=self.actor,
                        ),
                    )
                )
        return people

    def _registrations(self, edition, people: list[Person], status: str) -> None:
        for index, person in enumerate(people):
            category = CATEGORY_BY_KIND.get(
                person.organisation.kind, Registration.Category.ENTERPRISE
            )
            this_status = Registration.Status.CANCELLED if index % 15 == 7 else status
            self.ledger.ensure(
                Registration,
                {"edition": edition, "person": person},
                lambda p=person, c=category, s=this_status: register_person(
                    edition, person=p, category=c, status=s, is_sample=True, actor=self.actor
                ),
            )

    def _delegations(self, edition) -> None:
        for country, name_en, name_zh in [
            ("RS", "Delegation of Serbia (sample)", "塞尔维亚代表团（示例）"),
            ("HU", "Delegation of Hungary (sample)", "匈牙利代表团（示例）"),
            ("PL", "Delegation of Poland (sample)", "波兰代表团（示例）"),
        ]:
            if Delegation.objects.filter(edition=edition, name_en=name_en).exists():
                continue
            delegation = save_delegation(
                Delegation(
                    edition=edition,
                    kind=Delegation.Kind.COUNTRY,
                    name_en=name_en,
                    name_zh=name_zh,
                    country=country,
                    is_sample=True,
                ),
                actor=self.actor,
            )
            self.ledger.note(str(Delegation._meta.verbose_name_plural))
            members = edition.registrations.filter(
                person__organisation__country=country, is_sample=True
            ).select_related("person")
            for registration in members:
                add_delegation_member(delegation, registration=registration, actor=self.actor)
            first = members.first()
            if first is not None:
                set_delegation_head(delegation, person=first.person, actor=self.actor)

    def _b2b_session(self, people: list[Person]) -> None:
        edition = self.series.editions.get(number=5)
        tz = zoneinfo.ZoneInfo(edition.time_zone)
        day = edition.start_date
        title = "China-CEE B2B Matchmaking Meeting (sample)"
        session = self.ledger.ensure(
            Session,
            {"edition": edition, "title_en": title},
            lambda: save_session(
                Session(
                    edition=edition,
                    kind=Session.Kind.MATCHMAKING,
                    title_en=title,
                    title_zh="中国—中东欧企业对接洽谈会（示例）",
                    day=day,
                    starts_at=dt.datetime.combine(day, dt.time(14, 0), tzinfo=tz),
                    ends_at=dt.datetime.combine(day, dt.time(17, 30), tzinfo=tz),
                    room="Hall B",
                    is_sample=True,
                    description_en="Sample session: 25-minute one-to-one meetings at 30 tables.",
                    description_zh="示例：每场25分钟的一对一洽谈，共30张洽谈桌。",
                ),
                actor=self.actor,
            ),
        )
        for title_en, title_zh in [
            ("Medical devices and health", "医疗器械与健康"),
            ("General aviation", "通用航空"),
            ("Equipment manufacturing", "装备制造"),
        ]:
            self.ledger.ensure(
                SessionTopic,
                {"session": session, "title_en": title_en},
                lambda e=title_en, z=title_zh: add_topic(
                    session, title_en=e, title_zh=z, actor=self.actor
                ),
            )
        moderator = people[0]
        self.ledger.ensure(
            SessionRole,
            {"session": session, "person": moderator},
            lambda: add_session_role(
                session,
                person=moderator,
                role=SessionRole.Role.MODERATOR,
                talk_title_en="How the matchmaking works",
                talk_title_zh="洽谈流程介绍",
                actor=self.actor,
            ),
        )
