"""Importing meetings from CSV or XLSX: every problem at once, and nothing written unless all
rows are right."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from smeforum.audit.models import AuditEntry
from smeforum.participants.models import Registration
from smeforum.scheduling.domain.imports import ImportResult, import_meetings
from smeforum.scheduling.domain.meetings import place_meeting, request_meeting
from smeforum.scheduling.domain.setup import configure_b2b_session
from smeforum.scheduling.models import Attendee, Meeting, MeetingParty
from tests.factories import PersonFactory, RegistrationFactory, make_b2b

pytestmark = [pytest.mark.unit, pytest.mark.django_db]

SHANGHAI = ZoneInfo("Asia/Shanghai")
PEOPLE = ("ana", "bo", "chen", "dara", "eva")


def _world(**kwargs):
    """A B2B session (slots from 14:00 Asia/Shanghai, 20 minutes each) without attendees, and
    five people registered to its edition as ana@example.org ... eva@example.org."""
    b2b, _ = make_b2b(attendees=0, **kwargs)
    registrations = {
        name: RegistrationFactory(
            edition=b2b.session.edition,
            person=PersonFactory(name=name.title(), email=f"{name}@example.org"),
        )
        for name in PEOPLE
    }
    return b2b, registrations


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _meetings(b2b) -> list[tuple[list[str], int, str | None, int | None, bool]]:
    """Each meeting as (its parties' emails, weight, slot start "HH:MM", table number, fixed)."""
    found = []
    for meeting in Meeting.objects.filter(b2b=b2b).order_by("pk"):
        emails = list(
            MeetingParty.objects.filter(meeting=meeting)
            .order_by("pk")
            .values_list("attendee__registration__person__email", flat=True)
        )
        start = (
            meeting.slot.starts_at.astimezone(SHANGHAI).strftime("%H:%M") if meeting.slot else None
        )
        table = meeting.table.number if meeting.table else None
        found.append((emails, meeting.weight, start, table, meeting.is_fixed))
    return found


def _refused(b2b, data: bytes, filename: str = "meetings.csv") -> list[str]:
    with pytest.raises(ValidationError) as refused:
        import_meetings(b2b, data=data, filename=filename)
    return refused.value.messages


def test_csv_adds_meetings_and_makes_attendees():
    b2b, regs = _world()
    data = _csv(
        "participant_1,participant_2,participant_3,priority,reference",
        "ana@example.org,bo@example.org,,5,R-1",
        "chen@example.org,ana@example.org,dara@example.org,,R-2",
    )

    result = import_meetings(b2b, data=data, filename="meetings.csv")

    assert result == ImportResult(meetings=2, attendees=4, fixed=0)
    assert _meetings(b2b) == [
        (["ana@example.org", "bo@example.org"], 5, None, None, False),
        (["chen@example.org", "ana@example.org", "dara@example.org"], 1, None, None, False),
    ]
    assert sorted(
        Attendee.objects.filter(b2b=b2b).values_list("registration", flat=True)
    ) == sorted(regs[name].pk for name in ("ana", "bo", "chen", "dara"))
    entry = AuditEntry.objects.get(action="scheduling.b2bsession.meetings_imported")
    first, second = Meeting.objects.order_by("pk")
    assert entry.after == {
        "file": "meetings.csv",
        "meetings": 2,
        "attendees": 4,
        "fixed": 0,
        "references": {str(first.pk): "R-1", str(second.pk): "R-2"},
    }


def test_xlsx_reads_numbers_and_times_as_a_spreadsheet_stores_them():
    b2b, _ = _world()
    data = _xlsx(
        [
            ["Priority", "Participant_2", "Participant_1", "Slot", "Table"],
            [3, "bo@example.org", "ana@example.org", dt.time(14, 20), 2],
            [None, "dara@example.org", "chen@example.org", None, None],
        ]
    )

    result = import_meetings(b2b, data=data, filename="Meetings.XLSX")

    assert result == ImportResult(meetings=2, attendees=4, fixed=1)
    assert _meetings(b2b) == [
        (["ana@example.org", "bo@example.org"], 3, "14:20", 2, True),
        (["chen@example.org", "dara@example.org"], 1, None, None, False),
    ]


def test_emails_and_headers_are_matched_whatever_their_case():
    b2b, _ = _world()
    data = _csv(
        " PARTICIPANT_1 ,Participant_2,PRIORITY",
        "Ana@Example.ORG,  BO@example.org ,2",
    )

    import_meetings(b2b, data=data, filename="meetings.csv")

    assert _meetings(b2b) == [(["ana@example.org", "bo@example.org"], 2, None, None, False)]


def test_existing_attendees_are_reused_and_not_counted():
    b2b, _ = make_b2b(attendees=1)
    (attendee,) = Attendee.objects.filter(b2b=b2b)
    email = attendee.registration.person.email
    RegistrationFactory(edition=b2b.session.edition, person=PersonFactory(email="eva@example.org"))
    data = _csv("participant_1,participant_2", f"{email},eva@example.org")

    result = import_meetings(b2b, data=data, filename="meetings.csv")

    assert result == ImportResult(meetings=1, attendees=1, fixed=0)
    assert Attendee.objects.filter(b2b=b2b).count() == 2


def test_a_slot_and_table_place_the_meeting_and_fix_it():
    b2b, _ = _world()
    data = _csv(
        "participant_1,participant_2,slot,table",
        "ana@example.org,bo@example.org,14:40,1",
        "chen@example.org,dara@example.org,14:40,2",
    )

    import_meetings(b2b, data=data, filename="meetings.csv")

    assert _meetings(b2b) == [
        (["ana@example.org", "bo@example.org"], 1, "14:40", 1, True),
        (["chen@example.org", "dara@example.org"], 1, "14:40", 2, True),
    ]
    assert MeetingParty.objects.filter(slot__isnull=False).count() == 4


def test_a_session_over_several_days_needs_the_date_in_the_slot():
    b2b, _ = _world()
    day_one = dt.datetime(2024, 11, 7, 14, 0, tzinfo=SHANGHAI)
    day_two = day_one + dt.timedelta(days=1)
    configure_b2b_session(
        b2b.session,
        windows=[
            (day_one, day_one + dt.timedelta(hours=1)),
            (day_two, day_two + dt.timedelta(hours=1)),
        ],
        slot_minutes=20,
        table_count=2,
    )
    rows = ["participant_1,participant_2,slot,table", "ana@example.org,bo@example.org,14:20,1"]

    assert _refused(b2b, _csv(*rows)) == [
        "row 2, column slot: this B2B session runs over several days: write the date too, as "
        "YYYY-MM-DD HH:MM"
    ]

    import_meetings(
        b2b,
        data=_csv(rows[0], "ana@example.org,bo@example.org,2024-11-08 14:20,1"),
        filename="meetings.csv",
    )
    meeting = Meeting.objects.get()
    assert meeting.slot.starts_at == day_two + dt.timedelta(minutes=20)


def test_every_problem_is_listed_and_nothing_is_written():
    b2b, regs = _world()
    regs["eva"].status = Registration.Status.CANCELLED
    regs["eva"].save()
    data = _csv(
        "participant_1,participant_2,Colour,priority,slot,table",
        "ana@example.org,x@example.org,,high,14:00,1",
        "bo@example.org,BO@example.org,,101,,2",
        "chen@example.org,eva@example.org,,,09:00,9",
        "ana@example.org,,,,,",
        "ana@example.org,bo@example.org,,,14:00,1",
        "chen@example.org,dara@example.org,,,14:00,1",
    )

    messages = _refused(b2b, data)

    assert messages == [
        "row 1, column Colour: unknown column (the columns are participant_1, participant_2, ..., "
        "priority, slot, table and reference)",
        "row 2, column participant_2: no registration with email x@example.org in this edition",
        'row 2, column priority: "high" is not a whole number',
        "row 3, column participant_2: BO@example.org is already participant_1 of this row",
        "row 3, column priority: The priority must be from 1 to 100.",
        "row 3, column slot: give the slot too, to place the meeting",
        "row 4, column participant_2: the registration of eva@example.org in this edition is "
        "cancelled",
        "row 4, column slot: no slot of this B2B session starts at 09:00",
        "row 4, column table: this B2B session has no table 9",
        "row 5: a meeting needs at least two participants",
        "row 7, column table: Table 1 in 2024-11-07 14:00–14:20 is already taken by row 6",
    ]
    assert Meeting.objects.count() == 0
    assert Attendee.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="scheduling.meeting").exists()


def test_placing_follows_the_hand_move_rules_row_after_row():
    b2b, _ = _world()
    data = _csv(
        "participant_1,participant_2,slot,table",
        "ana@example.org,bo@example.org,14:00,1",
        "ana@example.org,chen@example.org,14:00,2",
        "dara@example.org,eva@example.org,14:20,1",
    )

    messages = _refused(b2b, data)

    assert messages == [
        "row 3, column slot: Ana already has 1 meeting(s) in 2024-11-07 14:00–14:20."
    ]
    assert Meeting.objects.count() == 0
    assert Attendee.objects.count() == 0


def test_a_table_taken_by_an_existing_meeting_is_refused():
    b2b, (a, b) = make_b2b(attendees=2)
    existing = request_meeting(b2b, attendees=[a, b])
    place_meeting(
        existing, slot=b2b.slots.order_by("starts_at").first(), table=b2b.tables.get(number=1)
    )
    RegistrationFactory(edition=b2b.session.edition, person=PersonFactory(email="ana@example.org"))
    RegistrationFactory(edition=b2b.session.edition, person=PersonFactory(email="bo@example.org"))
    data = _csv("participant_1,participant_2,slot,table", "ana@example.org,bo@example.org,14:00,1")

    assert _refused(b2b, data) == [
        f"row 2, column slot: Table 1 is taken in 2024-11-07 14:00–14:20 by meeting {existing.pk}."
    ]
    assert Meeting.objects.count() == 1


def test_the_same_meeting_twice_is_refused_in_the_file_and_against_the_session():
    b2b, _ = _world()
    first = _csv("participant_1,participant_2", "ana@example.org,bo@example.org")
    import_meetings(b2b, data=first, filename="meetings.csv")
    meeting = Meeting.objects.get()
    data = _csv(
        "participant_1,participant_2",
        "BO@example.org,ana@example.org",
        "chen@example.org,dara@example.org",
        "dara@example.org,chen@example.org",
    )

    assert _refused(b2b, data) == [
        f"row 2: these participants already have meeting {meeting.pk} in this B2B session",
        "row 4: the same participants as row 3",
    ]
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "filename", "messages"),
    [
        (b"", "meetings.csv", ["meetings.csv has no header row"]),
        (_csv("participant_1,participant_2"), "meetings.csv", ["meetings.csv has no meetings"]),
        (
            b"participant_1,participant_2\n",
            "meetings.ods",
            ["meetings.ods: give a .csv or .xlsx file"],
        ),
        (
            "participant_1,participant_2\nł,b\n".encode("cp1250"),
            "meetings.csv",
            ["meetings.csv is not UTF-8 text (byte 0xb3 at position 28); save it as CSV UTF-8"],
        ),
        (
            _csv("participant_1;participant_2", "a;b"),
            "meetings.csv",
            [
                "row 1: the header needs the columns participant_1 and participant_2",
                "row 1, column participant_1;participant_2: unknown column: separate the columns "
                "with commas, not semicolons",
            ],
        ),
        (
            _csv("participant_1,priority,priority", "a,1,2"),
            "meetings.csv",
            [
                "row 1: the header needs the columns participant_1 and participant_2",
                "row 1, column priority: appears twice in the header",
            ],
        ),
    ],
)
def test_files_that_cannot_be_read_are_refused_as_a_whole(data, filename, messages):
    b2b, _ = _world()

    assert _refused(b2b, data, filename) == messages


def test_a_file_that_is_not_a_workbook_is_refused():
    b2b, _ = _world()

    (message,) = _refused(b2b, b"not a zip", "meetings.xlsx")

    assert message.startswith("meetings.xlsx is not an XLSX workbook (")
