from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smeforum.forums.models import Edition, ForumSeries, Session
from smeforum.orgs.models import Organisation
from smeforum.reference.bilingual import pick
from smeforum.reference.fields import CountryField, CurrencyField
from smeforum.reference.models import City, CooperationField, OutcomeKind
from smeforum.scheduling.models import Meeting


class Outcome(models.Model):
    """One signed result: a project, memorandum, agreement or sister-city relationship."""

    class Status(models.TextChoices):
        SIGNED = "signed", _("signed")
        UNDER_WAY = "under_way", _("under way")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    series = models.ForeignKey(
        ForumSeries, verbose_name=_("series"), on_delete=models.PROTECT, related_name="outcomes"
    )
    edition = models.ForeignKey(
        Edition,
        verbose_name=_("edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcomes",
        help_text=_("Empty: signed between editions."),
    )
    session = models.ForeignKey(
        Session,
        verbose_name=_("signed at session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outcomes",
    )
    kind = models.ForeignKey(OutcomeKind, verbose_name=_("kind"), on_delete=models.PROTECT)
    title = models.CharField(_("title (original language)"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SIGNED
    )
    fields = models.ManyToManyField(
        CooperationField, verbose_name=_("fields of cooperation"), blank=True
    )
    meetings = models.ManyToManyField(
        Meeting,
        verbose_name=_("came from B2B meetings"),
        blank=True,
        related_name="outcomes",
        help_text=_("The matchmaking meetings this outcome came from."),
    )
    external_id = models.CharField(_("external id"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_sample = models.BooleanField(
        _("sample record"), default=False, help_text=_("Generated demo data, not a sourced fact.")
    )

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["series", "edition__number", "signed_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "external_id"],
                condition=~Q(external_id=""),
                name="outcome_unique_external_id",
                violation_error_message=_(
                    "This series already has an outcome with this external id."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["series", "edition", "kind"]),
            models.Index(fields=["kind", "signed_on"]),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.title_en and self.title_en != self.title:
            return pick(self.title_en, self.title)
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.edition_id and self.series_id and self.edition.series_id != self.series_id:
            errors["edition"] = _("The edition belongs to another series.")
        if self.session_id and self.session.edition_id != self.edition_id:
            errors["session"] = _("The session belongs to another edition.")
        if errors:
            raise ValidationError(errors)


class OutcomeParty(models.Model):
    """A party to an outcome: an organisation, a city or a government, with its country."""

    class Role(models.TextChoices):
        PARTY = "party", _("party")
        CHINESE_PARTY = "chinese_party", _("Chinese party")
        FOREIGN_PARTY = "foreign_party", _("foreign party")
        INVESTOR = "investor", _("investor")
        WITNESS = "witness", _("witness")

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="outcome_parties",
    )
    city = models.ForeignKey(
        City,
        verbose_name=_("city or region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(
        _("name"),
        max_length=300,
        blank=True,
        help_text=_("For a party that is neither a recorded organisation nor a city."),
    )
    country = CountryField()
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTY)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["outcome", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.organisation_id:
            return self.organisation.display_name
        if self.city_id:
            return self.city.display_name
        return self.name

    def clean(self) -> None:
        if not (self.organisation_id or self.city_id or self.name):
            raise ValidationError(
                {"name": _("Name the party: an organisation, a city or a free-text name.")}
            )
        if self.organisation_id and self.country and self.organisation.country != self.country:
            raise ValidationError({"country": _("The organisation is in another country.")})
        if self.city_id and self.country and self.city.country != self.country:
            raise ValidationError({"country": _("The city is in another country.")})


class OutcomeAmount(models.Model):
    """An amount of money, kept as entered: Decimal with its ISO 4217 currency and its kind."""

    class Kind(models.TextChoices):
        CONTRACTUAL = "contractual", _("contractual")
        PLANNED = "planned", _("planned")
        REALISED = "realised", _("realised")

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="amounts")
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=2)
    currency = CurrencyField()
    amount_kind = models.CharField(
        _("kind of amount"), max_length=12, choices=Kind.choices, default=Kind.CONTRACTUAL
    )

    class Meta:
        verbose_name = _("amount")
        verbose_name_plural = _("amounts")
        ordering = ["outcome", "amount_kind", "currency"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="outcome_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.UniqueConstraint(
                fields=["outcome", "amount_kind", "currency"],
                name="outcome_amount_unique",
                violation_error_message=_(
                    "This outcome already has an amount of this kind in this currency."
                ),
            ),
        ]
        indexes = [models.Index(fields=["currency", "amount_kind"])]

    def __str__(self) -> str:
        return f"{self.amount:,.2f} {self.currency} ({self.get_amount_kind_display()})"


class OutcomeStatusChange(models.Model):
    """The dated history of an outcome's status."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="status_history")
    status = models.CharField(_("status"), max_length=12, choices=Outcome.Status.choices)
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["outcome", "on", "id"]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_status_display()}"


class OutcomeLink(models.Model):
    """A document or web page about the outcome."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("URL"), max_length=500)
    label = models.CharField(_("label"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("document or link")
        verbose_name_plural = _("documents and links")

    def __str__(self) -> str:
        return self.label or self.url
