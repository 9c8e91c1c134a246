from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from smeforum.forums import validators
from smeforum.forums.models.editions import Edition
from smeforum.orgs.models import Person
from smeforum.reference.bilingual import pick
from smeforum.reference.models import Source


class Session(models.Model):
    class Kind(models.TextChoices):
        OPENING = "opening", _("opening ceremony")
        KEYNOTE = "keynote", _("keynote forum")
        SUB_FORUM = "sub_forum", _("sub-forum")
        ROUNDTABLE = "roundtable", _("roundtable")
        MATCHMAKING = "matchmaking", _("B2B matchmaking meeting")
        SIGNING = "signing", _("signing ceremony")
        SITE_VISIT = "site_visit", _("site visit")
        COMPETITION = "competition", _("competition")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    day = models.DateField(_("day"))
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    room = models.CharField(_("room"), max_length=200, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT
    )
    is_sample = models.BooleanField(
        _("sample record"), default=False, help_text=_("Generated demo data, not a sourced fact.")
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["edition", "day", "starts_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_en, self.title_zh)

    @property
    def description(self) -> str:
        return pick(self.description_en, self.description_zh)

    def clean(self) -> None:
        edition = self.edition if self.edition_id else None
        validators.validate_session_times(edition, self.day, self.starts_at, self.ends_at)

    def get_absolute_url(self) -> str:
        return reverse(
            "public:session",
            kwargs={
                "series": self.edition.series.slug,
                "number": self.edition.number,
                "pk": self.pk,
            },
        )


class SessionTopic(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="topics")
    title_en = models.CharField(_("topic (English)"), max_length=300)
    title_zh = models.CharField(_("topic (Chinese)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["session", "order", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.title_en, self.title_zh)


class SessionRole(models.Model):
    """A person's part in a session: speaker, moderator, panellist, with a talk title."""

    class Role(models.TextChoices):
        SPEAKER = "speaker", _("speaker")
        MODERATOR = "moderator", _("moderator")
        PANELLIST = "panellist", _("panellist")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="session_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPEAKER)
    talk_title_en = models.CharField(_("talk title (English)"), max_length=300, blank=True)
    talk_title_zh = models.CharField(_("talk title (Chinese)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker or moderator")
        verbose_name_plural = _("speakers and moderators")
        ordering = ["session", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person", "role"],
                name="session_role_unique",
                violation_error_message=_("This person already has this role in this session."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    @property
    def talk_title(self) -> str:
        return pick(self.talk_title_en, self.talk_title_zh)
