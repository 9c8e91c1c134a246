import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from smeforum.audit.models import AuditEntry
from smeforum.forums.domain.programme import (
    add_session_role,
    add_topic,
    delete_session,
    save_session,
)
from smeforum.forums.models import Session, SessionRole
from tests.factories import EditionFactory, PersonFactory, ReportedFigureFactory, SessionFactory

pytestmark = pytest.mark.unit

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def _session(edition, **fields) -> Session:
    values = {
        "edition": edition,
        "kind": Session.Kind.OPENING,
        "title_en": "Opening ceremony",
        "day": dt.date(2024, 11, 7),
    }
    values.update(fields)
    return Session(**values)


@pytest.fixture
def edition(db):
    """An edition on 7–8 November 2024 in Asia/Shanghai."""
    return EditionFactory(start_date=dt.date(2024, 11, 7), end_date=dt.date(2024, 11, 8))


def test_save_session_within_edition_saved_and_audited(edition):
    # Arrange
    session = _session(
        edition,
        starts_at=dt.datetime(2024, 11, 7, 9, 0, tzinfo=SHANGHAI),
        ends_at=dt.datetime(2024, 11, 7, 10, 30, tzinfo=SHANGHAI),
    )

    # Act
    save_session(session)

    # Assert
    stored = Session.objects.get()
    assert stored.starts_at == dt.datetime(2024, 11, 7, 1, 0, tzinfo=dt.UTC)
    assert AuditEntry.objects.get().action == "forums.session.created"


def test_save_session_on_the_last_day_accepted(edition):
    # Act
    save_session(_session(edition, day=dt.date(2024, 11, 8)))

    # Assert
    assert Session.objects.get().day == dt.date(2024, 11, 8)


def test_save_session_day_after_edition_refused_on_day(edition):
    # Arrange
    session = _session(edition, day=dt.date(2024, 11, 9))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_session(session)

    # Assert
    assert excinfo.value.message_dict == {
        "day": ["2024-11-09 is outside the edition's dates (2024-11-07 to 2024-11-08)."]
    }
    assert Session.objects.count() == 0


def test_save_session_day_before_edition_refused_on_day(edition):
    # Arrange
    session = _session(edition, day=dt.date(2024, 11, 6))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_session(session)

    # Assert
    assert excinfo.value.message_dict == {
        "day": ["2024-11-06 is outside the edition's dates (2024-11-07 to 2024-11-08)."]
    }


def test_save_session_end_before_start_refused_on_ends_at(edition):
    # Arrange
    session = _session(
        edition,
        starts_at=dt.datetime(2024, 11, 7, 10, 0, tzinfo=SHANGHAI),
        ends_at=dt.datetime(2024, 11, 7, 9, 0, tzinfo=SHANGHAI),
    )

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_session(session)

    # Assert
    assert excinfo.value.message_dict == {"ends_at": ["The session ends before it starts."]}


def test_save_session_early_morning_in_shanghai_is_on_its_day(edition):
    # Arrange: 2024-11-07 01:00 in Shanghai is 2024-11-06 17:00 UTC.
    session = _session(edition, starts_at=dt.datetime(2024, 11, 6, 17, 0, tzinfo=dt.UTC))

    # Act
    save_session(session)

    # Assert
    assert Session.objects.get().starts_at.astimezone(SHANGHAI) == dt.datetime(
        2024, 11, 7, 1, 0, tzinfo=SHANGHAI
    )


def test_save_session_start_on_next_day_in_edition_time_zone_refused(edition):
    # Arrange: 2024-11-07 17:00 UTC is 2024-11-08 01:00 in Shanghai.
    session = _session(edition, starts_at=dt.datetime(2024, 11, 7, 17, 0, tzinfo=dt.UTC))

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_session(session)

    # Assert
    assert excinfo.value.message_dict == {
        "starts_at": ["2024-11-08 01:00 is not on the session's day 2024-11-07 (Asia/Shanghai)."]
    }


def test_save_session_end_on_next_day_refused_on_ends_at(edition):
    # Arrange
    session = _session(
        edition,
        starts_at=dt.datetime(2024, 11, 7, 20, 0, tzinfo=SHANGHAI),
        ends_at=dt.datetime(2024, 11, 8, 0, 30, tzinfo=SHANGHAI),
    )

    # Act
    with pytest.raises(ValidationError) as excinfo:
        save_session(session)

    # Assert
    assert excinfo.value.message_dict == {
        "ends_at": ["2024-11-08 00:30 is not on the session's day 2024-11-07 (Asia/Shanghai)."]
    }


def test_add_topic_appends_in_order(edition):
    # Arrange
    session = SessionFactory(edition=edition)

    # Act
    add_topic(session, title_en="Digital economy")
    add_topic(session, title_en="Green development", title_zh="绿色发展")

    # Assert
    assert list(session.topics.values_list("order", "title_en")) == [
        (0, "Digital economy"),
        (1, "Green development"),
    ]


def test_add_session_role_appends_speakers_in_order(edition):
    # Arrange
    session = SessionFactory(edition=edition)
    first, second = PersonFactory(), PersonFactory()

    # Act
    add_session_role(session, person=first, talk_title_en="SMEs and the Belt and Road")
    add_session_role(session, person=second, role="moderator")

    # Assert
    assert list(session.roles.values_list("person", "role", "order")) == [
        (first.pk, "speaker", 0),
        (second.pk, "moderator", 1),
    ]


def test_add_session_role_duplicate_refused(edition):
    # Arrange
    session = SessionFactory(edition=edition)
    person = PersonFactory()
    add_session_role(session, person=person, role="speaker")

    # Act
    with pytest.raises(ValidationError) as excinfo:
        add_session_role(session, person=person, role="speaker")

    # Assert
    assert excinfo.value.message_dict == {
        "__all__": ["This person already has this role in this session."]
    }
    assert SessionRole.objects.count() == 1


def test_add_session_role_same_person_other_role_accepted(edition):
    # Arrange
    session = SessionFactory(edition=edition)
    person = PersonFactory()
    add_session_role(session, person=person, role="speaker")

    # Act
    add_session_role(session, person=person, role="panellist")

    # Assert
    assert sorted(session.roles.values_list("role", flat=True)) == ["panellist", "speaker"]


def test_save_session_saved_again_unchanged_writes_no_entry(edition):
    # Arrange
    session = save_session(
        _session(edition, starts_at=dt.datetime(2024, 11, 7, 9, 0, tzinfo=SHANGHAI))
    )

    # Act
    save_session(session)

    # Assert
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["forums.session.created"]


def test_delete_session_removes_it_with_its_topics_and_logs(edition):
    session = SessionFactory(edition=edition)
    add_topic(session, title_en="Trade")

    delete_session(session)

    assert not Session.objects.filter(title_en=session.title_en).exists()
    assert AuditEntry.objects.filter(action="forums.session.deleted").count() == 1


def test_delete_session_is_refused_while_a_figure_is_scoped_to_it(edition):
    session = SessionFactory(edition=edition)
    ReportedFigureFactory(
        series=edition.series, first_edition=edition, last_edition=edition, session=session
    )

    with pytest.raises(ValidationError) as excinfo:
        delete_session(session)

    assert excinfo.value.code == "protected"
    assert Session.objects.filter(pk=session.pk).exists()
    assert not AuditEntry.objects.filter(action="forums.session.deleted").exists()
