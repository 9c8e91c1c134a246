from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from smeforum.outcomes.models.outcomes import Outcome
from smeforum.reference.models import City


class SisterCityLink(models.Model):
    """A sister-city (friendship-city) relationship: a Chinese city or province and a foreign
    city or region, at a stage from intent to signed agreement."""

    class Level(models.TextChoices):
        CITY = "city", _("city")
        PROVINCE = "province", _("province / region")

    class Stage(models.TextChoices):
        INTENT = "intent", _("intent")
        LETTER_OF_INTENT = "letter_of_intent", _("letter of intent")
        SIGNED = "signed", _("agreement signed")

    outcome = models.OneToOneField(
        Outcome, on_delete=models.CASCADE, related_name="sister_city_link"
    )
    chinese_city = models.ForeignKey(
        City,
        verbose_name=_("Chinese city or province"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    foreign_city = models.ForeignKey(
        City, verbose_name=_("foreign city or region"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.CITY)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    on = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        verbose_name = _("sister-city link")
        verbose_name_plural = _("sister-city links")
        constraints = [
            models.UniqueConstraint(
                fields=["chinese_city", "foreign_city", "stage"],
                name="sister_city_unique_stage",
                violation_error_message=_("This link is already recorded at this stage."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.chinese_city.display_name} – {self.foreign_city.display_name}"

    def clean(self) -> None:
        errors = {}
        if self.chinese_city_id and self.chinese_city.country != "CN":
            errors["chinese_city"] = _("%(city)s is not in China.") % {
                "city": self.chinese_city.name
            }
        if (
            self.chinese_city_id
            and self.foreign_city_id
            and self.chinese_city.country == self.foreign_city.country
        ):
            errors["foreign_city"] = _(
                "%(a)s and %(b)s are in the same country; a sister-city link joins two countries."
            ) % {"a": self.chinese_city.name, "b": self.foreign_city.name}
        if errors:
            raise ValidationError(errors)
