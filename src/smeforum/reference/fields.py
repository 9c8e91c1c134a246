"""Model fields for ISO codes. Choices are offered to forms only, never written to migrations."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from smeforum.reference.countries import country_choices, currency_codes
from smeforum.reference.validators import validate_country_code, validate_currency_code


class CountryField(models.CharField):
    """An ISO 3166-1 alpha-2 country code."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 2)
        kwargs.setdefault("verbose_name", _("country"))
        super().__init__(*args, **kwargs)
        self.validators.append(validate_country_code)

    def formfield(self, **kwargs):
        empty = [("", "---------")] if self.blank else []
        return forms.TypedChoiceField(
            choices=empty + country_choices(),
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
            empty_value="",
        )


class CurrencyField(models.CharField):
    """An ISO 4217 currency code."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("verbose_name", _("currency"))
        super().__init__(*args, **kwargs)
        self.validators.append(validate_currency_code)

    def formfield(self, **kwargs):
        empty = [("", "---------")] if self.blank else []
        return forms.TypedChoiceField(
            choices=empty + [(c, c) for c in sorted(currency_codes())],
            required=not self.blank,
            label=self.verbose_name,
            empty_value="",
        )
