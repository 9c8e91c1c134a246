"""The portal's matchmaking forms: an organisation's profile and its opportunities.

They parse what was typed (lists of ISO codes, NACE codes, the forum an opportunity is for);
the matchmaking domain functions validate the values and write them.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from smeforum.matchmaking.models import Opportunity, Profile
from smeforum.matchmaking.recommendations import PARTNERSHIP_LABELS
from smeforum.matchmaking.validators import PARTNERSHIPS
from smeforum.reference.models import Sector

_SEPARATORS = re.compile(r"[\s,;]+")


class CodesField(forms.CharField):
    """A list of codes typed with commas or spaces between them, in upper or lower case as
    ``upper`` says; each code is kept once, in the order typed."""

    def __init__(self, *, upper: bool, **kwargs):
        self.upper = upper
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        codes = [c.upper() if self.upper else c.lower() for c in _SEPARATORS.split(text) if c]
        return list(dict.fromkeys(codes))


class SectorCodesField(CodesField):
    """NACE Rev. 2 codes (sections A–U, divisions 01–99), each checked against the reference
    list; cleans to the :class:`Sector` rows."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("sectors (NACE codes)"))
        kwargs.setdefault(
            "help_text", _("NACE Rev. 2 sections or divisions, e.g. C, 27, 46; comma separated.")
        )
        super().__init__(upper=True, **kwargs)

    def clean(self, value) -> list[Sector]:
        codes = super().clean(value)
        sectors = {s.code: s for s in Sector.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in sectors]
        if unknown:
            raise ValidationError(
                _("Not NACE Rev. 2 codes: %(codes)s (e.g. C, 27, 46).")
                % {"codes": ", ".join(unknown)},
                code="unknown_sector",
            )
        return [sectors[code] for code in codes]


def _language_field(**kwargs) -> forms.CharField:
    return forms.CharField(max_length=2, strip=True, **kwargs)


class MatchmakingProfileForm(forms.Form):
    """What an organisation says about itself for matchmaking."""

    #: Form fields copied onto the profile as they are (the sectors go to ``save_profile``).
    FIELDS = (
        "description_original",
        "description_language",
        "description_en",
        "size_class",
        "countries_of_interest",
        "languages",
    )

    description_original = forms.CharField(
        label=_("description (original language)"), widget=forms.Textarea, required=False
    )
    description_language = _language_field(
        label=_("language of the description"),
        required=False,
        help_text=_("ISO 639-1 code, e.g. zh, pl, hu, en."),
    )
    description_en = forms.CharField(
        label=_("description (English)"), widget=forms.Textarea, required=False
    )
    sectors = SectorCodesField()
    size_class = forms.ChoiceField(
        label=_("size class"),
        choices=[("", "—"), *Profile.SizeClass.choices],
        required=False,
    )
    countries_of_interest = CodesField(
        upper=True,
        label=_("countries of interest"),
        help_text=_("ISO 3166-1 alpha-2 codes, e.g. CN, PL, RS; comma separated."),
    )
    languages = CodesField(
        upper=False,
        label=_("languages spoken"),
        help_text=_("ISO 639-1 codes, e.g. zh, en, pl; comma separated."),
    )
    snapshot = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_description_language(self) -> str:
        return self.cleaned_data["description_language"].lower()


class OpportunityForm(forms.Form):
    """An opportunity as its owner writes it; its status is moved by the buttons of the list
    (submit, withdraw) and by the organisers."""

    FIELDS = (
        "kind",
        "title",
        "summary",
        "language",
        "keywords",
        "partnerships",
        "target_countries",
        "technology_readiness",
        "expires_on",
    )

    forum = forms.ChoiceField(
        label=_("forum"),
        help_text=_("An edition, or the whole series (not tied to one edition)."),
    )
    kind = forms.ChoiceField(label=_("kind"), choices=Opportunity.Kind.choices)
    title = forms.CharField(label=_("title"), max_length=300)
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea, required=False)
    language = _language_field(
        label=_("language"), help_text=_("ISO 639-1 code of the title and summary, e.g. en, zh.")
    )
    sectors = SectorCodesField()
    keywords = forms.CharField(label=_("keywords"), required=False)
    partnerships = forms.MultipleChoiceField(
        label=_("partnerships sought"),
        choices=[(kind, PARTNERSHIP_LABELS[kind]) for kind in PARTNERSHIPS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_countries = CodesField(
        upper=True,
        label=_("target countries"),
        help_text=_("ISO 3166-1 alpha-2 codes, e.g. CN, PL, RS; comma separated."),
    )
    technology_readiness = forms.IntegerField(
        label=_("technology readiness level"),
        required=False,
        help_text=_("1–9; technology offers and requests and R&D requests only."),
    )
    expires_on = forms.DateField(
        label=_("expires on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    snapshot = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, places: dict, **kwargs):
        """``places``: the forums the opportunity may be for, ``{value: (label, series,
        edition)}`` (see :func:`smeforum.portal.opportunities.places_for`)."""
        super().__init__(*args, **kwargs)
        self.places = places
        self.fields["forum"].choices = [
            ("", "—"),
            *((value, label) for value, (label, _series, _edition) in places.items()),
        ]

    def clean_language(self) -> str:
        return self.cleaned_data["language"].lower()

    def clean_forum(self) -> tuple:
        """The (series, edition) chosen; edition ``None``: the whole series."""
        _label, series, edition = self.places[self.cleaned_data["forum"]]
        return series, edition


def with_fresh_token(form: forms.Form, token: str, **kwargs) -> forms.Form:
    """``form`` bound again to what the user typed, with the ``token`` of the record as it is
    stored now: after an edit conflict, saving again replaces the other person's change on
    purpose, and nothing typed is lost."""
    data = form.data.copy()
    data["snapshot"] = token
    fresh = type(form)(data, **kwargs)
    fresh.is_valid()
    return fresh
