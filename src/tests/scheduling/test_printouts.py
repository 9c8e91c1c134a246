"""The organiser's printouts of a B2B session: every attendee's agenda and the table plan."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from pypdf import PdfReader

from smeforum.forums.domain.programme import save_session
from smeforum.scheduling.domain.meetings import add_attendee, place_meeting, request_meeting
from smeforum.scheduling.domain.setup import set_table_availability
from smeforum.scheduling.printouts import agendas_pdf, table_plan_pdf
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RegistrationFactory,
    make_b2b,
)

pytestmark = pytest.mark.integration


def _attendee(b2b, name: str, organisation=None):
    person = PersonFactory(name=name, name_latin="", organisation=organisation)
    registration = RegistrationFactory(edition=b2b.session.edition, person=person)
    return add_attendee(b2b, registration=registration)


@pytest.fixture
def b2b(db):
    """Belgrade's time zone (slots from 07:00 on 7 November 2024, 20 minutes each), three
    tables, table 3 closed in the first slot; Ana, Boris, Petra and Wang meet four times."""
    edition = EditionFactory(time_zone="Europe/Belgrade", venue="Sava Centar")
    b2b, _ = make_b2b(edition=edition, slots=4, tables=3, attendees=0)
    session = b2b.session
    session.room = "Hall 2"
    save_session(session)
    petra = _attendee(b2b, "Petra Participant")
    ana = _attendee(b2b, "Ana Alpha", OrganisationFactory(name="Srbija Export", country="RS"))
    boris = _attendee(b2b, "Boris Beta", OrganisationFactory(name="Magyar Kft.", country="HU"))
    wang = _attendee(b2b, "王芳", OrganisationFactory(name="沧州机械有限公司", country="CN"))
    slots = list(b2b.slots.order_by("starts_at"))
    tables = list(b2b.tables.order_by("number"))
    set_table_availability(tables[2], unavailable_slots=[slots[0]])
    for people, slot, table in [
        ([petra, ana], 2, 0),
        ([boris, petra], 0, 1),
        ([petra, ana, wang], 3, 1),
        ([ana, boris], 1, 0),
    ]:
        meeting = request_meeting(b2b, attendees=people)
        place_meeting(meeting, slot=slots[slot], table=tables[table])
    request_meeting(b2b, attendees=[boris, wang])  # never placed: on nobody's agenda
    _attendee(b2b, "Lone Wolf")  # no meetings: no page
    return b2b


def pages(data: bytes) -> list[str]:
    """Each page's text, its whitespace made single spaces."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


HEAD = "B2B meetings: agendas B2B matchmaking meeting · 2024-11-07 Hall 2, Sava Centar"
TABLE_HEAD = "Time Table Counterpart Organisation Country"


def test_agendas_one_page_per_attendee_with_meetings_in_time_order(b2b):
    data = agendas_pdf(b2b)

    assert data.startswith(b"%PDF-")
    text = pages(data)
    footer = f"B2B matchmaking meeting · {b2b.session.edition}"
    assert text == [
        f"{HEAD} Ana Alpha Srbija Export · Serbia Times in Europe/Belgrade {TABLE_HEAD} "
        "07:20–07:40 Table 1 Boris Beta Magyar Kft. Hungary "
        "07:40–08:00 Table 1 Petra Participant — — "
        "08:00–08:20 Table 2 Petra Participant — — 王芳 沧州机械有限公司 China "
        f"{footer} 1",
        f"{HEAD} Boris Beta Magyar Kft. · Hungary Times in Europe/Belgrade {TABLE_HEAD} "
        "07:00–07:20 Table 2 Petra Participant — — "
        "07:20–07:40 Table 1 Ana Alpha Srbija Export Serbia "
        f"{footer} 2",
        f"{HEAD} Petra Participant Times in Europe/Belgrade {TABLE_HEAD} "
        "07:00–07:20 Table 2 Boris Beta Magyar Kft. Hungary "
        "07:40–08:00 Table 1 Ana Alpha Srbija Export Serbia "
        "08:00–08:20 Table 2 Ana Alpha Srbija Export Serbia 王芳 沧州机械有限公司 China "
        f"{footer} 3",
        f"{HEAD} 王芳 沧州机械有限公司 · China Times in Europe/Belgrade {TABLE_HEAD} "
        "08:00–08:20 Table 2 Petra Participant — — Ana Alpha Srbija Export Serbia "
        f"{footer} 4",
    ]


def test_agendas_of_a_session_without_placed_meetings_say_so(db):
    b2b, _ = make_b2b(attendees=2)

    text = pages(agendas_pdf(b2b))

    assert len(text) == 1
    assert "No meetings are scheduled yet." in text[0]


def test_agendas_in_chinese(b2b):
    with translation.override("zh-hans"):
        text = pages(agendas_pdf(b2b))

    # The labels wait for the Chinese catalogue; the countries are named in Chinese already.
    assert "王芳 沧州机械有限公司 中国" in text[0]
    assert "Boris Beta Magyar Kft. 匈牙利" in text[0]


def test_table_plan_one_page_per_slot(b2b):
    data = table_plan_pdf(b2b)

    assert data.startswith(b"%PDF-")
    footer = f"B2B matchmaking meeting · {b2b.session.edition}"
    head = "B2B meetings: table plan B2B matchmaking meeting · 2024-11-07 Hall 2, Sava Centar"
    assert pages(data) == [
        f"{head} 07:00–07:20 (Europe/Belgrade) Table Participants "
        "Table 1 free "
        "Table 2 Boris Beta · Magyar Kft. · Hungary Petra Participant "
        "Table 3 closed "
        f"{footer} 1",
        f"{head} 07:20–07:40 (Europe/Belgrade) Table Participants "
        "Table 1 Ana Alpha · Srbija Export · Serbia Boris Beta · Magyar Kft. · Hungary "
        "Table 2 free Table 3 free "
        f"{footer} 2",
        f"{head} 07:40–08:00 (Europe/Belgrade) Table Participants "
        "Table 1 Petra Participant Ana Alpha · Srbija Export · Serbia "
        "Table 2 free Table 3 free "
        f"{footer} 3",
        f"{head} 08:00–08:20 (Europe/Belgrade) Table Participants "
        "Table 1 free "
        "Table 2 Petra Participant Ana Alpha · Srbija Export · Serbia "
        "王芳 · 沧州机械有限公司 · China "
        "Table 3 free "
        f"{footer} 4",
    ]


def test_table_plan_is_landscape(b2b):
    page = PdfReader(io.BytesIO(table_plan_pdf(b2b))).pages[0]

    assert page.mediabox.width > page.mediabox.height


def test_printouts_embed_only_the_glyphs_used(b2b):
    # The Chinese font (4 MB) is subset: the files stay small.
    assert len(agendas_pdf(b2b)) < 150_000
    assert len(table_plan_pdf(b2b)) < 150_000


def test_a_long_agenda_goes_on_over_the_page_with_its_name_and_headings(db):
    """40 meetings from 14:00 (Asia/Shanghai): the last ones are on the next day, which their
    rows name."""
    b2b, _ = make_b2b(slots=40, tables=1, attendees=0)
    petra = _attendee(b2b, "Petra Participant")
    for number, slot in enumerate(b2b.slots.order_by("starts_at")):
        meeting = request_meeting(b2b, attendees=[petra, _attendee(b2b, f"Guest {number:02}")])
        place_meeting(meeting, slot=slot, table=b2b.tables.get())

    text = pages(agendas_pdf(b2b))

    first, second = text[-2:]  # her agenda, after the guests' (one page each)
    start = dt.datetime(2024, 11, 7, 14, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    times = [
        (start + dt.timedelta(minutes=20 * n), start + dt.timedelta(minutes=20 * (n + 1)))
        for n in range(40)
    ]
    rows = [
        f"{'' if a.day == 7 else f'{a:%Y-%m-%d} '}{a:%H:%M}–{b:%H:%M} Table 1 Guest {n:02} — —"
        for n, (a, b) in enumerate(times)
    ]
    footer = f"B2B matchmaking meeting · {b2b.session.edition}"
    assert first.startswith("B2B meetings: agendas B2B matchmaking meeting · 2024-11-07 ")
    assert first.endswith(
        f"Petra Participant Times in Asia/Shanghai {TABLE_HEAD} {' '.join(rows[:31])} {footer} 41"
    )
    assert second == (
        f"Petra Participant (continued) {TABLE_HEAD} {' '.join(rows[31:])} {footer} 42"
    )
