"""Sessions of an edition's programme, their topics, speakers and moderators."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from smeforum.audit.domain import delete_record, save_record
from smeforum.forums.models import Session, SessionRole, SessionTopic
from smeforum.orgs.models import Person


def save_session(session: Session, *, actor=None) -> Session:
    """Validate (within the edition's dates, times on its day, end after start) and save.
    Side effects: the row and its audit entry."""
    return save_record(session, actor=actor)


def delete_session(session: Session, *, actor=None) -> None:
    """Delete a session with its topics and speakers; outcomes signed at it keep their
    edition. Refused (code ``protected``) while a reported figure is scoped to it.
    Side effects: the rows, one audit entry; one transaction."""
    try:
        with transaction.atomic():
            delete_record(session, actor=actor)
    except ProtectedError:
        raise ValidationError(
            _("Reported figures are scoped to this session; change them before deleting it."),
            code="protected",
        ) from None


def add_topic(session: Session, *, title_en: str, title_zh: str = "", actor=None) -> SessionTopic:
    """Append a topic to a session."""
    order = session.topics.count()
    topic = SessionTopic(session=session, title_en=title_en, title_zh=title_zh, order=order)
    return save_record(topic, actor=actor)


def add_session_role(
    session: Session,
    *,
    person: Person,
    role: str = SessionRole.Role.SPEAKER,
    talk_title_en: str = "",
    talk_title_zh: str = "",
    actor=None,
) -> SessionRole:
    """Add a speaker, moderator or panellist (with a talk title) to a session."""
    entry = SessionRole(
        session=session,
        person=person,
        role=role,
        talk_title_en=talk_title_en,
        talk_title_zh=talk_title_zh,
        order=session.roles.count(),
    )
    return save_record(entry, actor=actor)
