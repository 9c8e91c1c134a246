"""The self-service forms. They only collect input; the domain functions validate and write."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from smeforum.accounts.models import ApiToken
from smeforum.matchmaking.models import MeetingRating, MeetingRequest
from smeforum.orgs.models import Organisation
from smeforum.participants.models import Registration

#: Statuses a delegation lead may set; confirming and marking attendance stay with organisers.
LEAD_STATUSES = (
    Registration.Status.INVITED,
    Registration.Status.REGISTERED,
    Registration.Status.CANCELLED,
)


class ProfileForm(forms.Form):
    """The contact fields a participant keeps up to date themselves. Names and the organisation
    are kept by the organisers (they appear on badges and in reports)."""

    FIELDS = ("position", "email", "phone", "language")

    position = forms.CharField(label=_("title / position"), max_length=300, required=False)
    email = forms.EmailField(label=_("email"), required=False)
    phone = forms.CharField(label=_("phone"), max_length=40, required=False)
    language = forms.ChoiceField(
        label=_("language for emails"),
        choices=settings.LANGUAGES,
        help_text=_("The language of the emails smeforum sends you."),
    )
    snapshot = forms.CharField(widget=forms.HiddenInput)


class MemberForm(forms.Form):
    name = forms.CharField(label=_("name (original script)"), max_length=200)
    name_latin = forms.CharField(label=_("name (Latin script)"), max_length=200, required=False)
    position = forms.CharField(label=_("title / position"), max_length=300, required=False)
    organisation = forms.ModelChoiceField(
        label=_("organisation"), queryset=Organisation.objects.none(), required=False
    )
    email = forms.EmailField(label=_("email"), required=False)
    phone = forms.CharField(label=_("phone"), max_length=40, required=False)
    category = forms.ChoiceField(label=_("category"), choices=Registration.Category.choices)

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        # The delegation's own organisation, or organisations of its country.
        if delegation.organisation_id:
            organisations = Organisation.objects.filter(pk=delegation.organisation_id)
        else:
            organisations = Organisation.objects.filter(country=delegation.country)
        self.fields["organisation"].queryset = organisations.order_by("name")


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Registration.Status.choices)

    def __init__(self, *args, lead_only: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if lead_only:
            self.fields["status"].choices = [
                (value, label)
                for value, label in Registration.Status.choices
                if value in LEAD_STATUSES
            ]


class HeadForm(forms.Form):
    registration = forms.ModelChoiceField(
        label=_("head of delegation"), queryset=Registration.objects.none()
    )

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["registration"]
        field.queryset = delegation.members.select_related("person")
        field.label_from_instance = lambda registration: registration.person.display_name


class TokenForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    scope = forms.ChoiceField(
        label=_("scope"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ
    )


class MeetingRequestForm(forms.Form):
    """Asking a recommended organisation to meet: the edition and the receiver's confirmation
    come as hidden fields; the view finds the sender (the user's organisation)."""

    edition = forms.IntegerField(widget=forms.HiddenInput)
    receiver = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    priority = forms.TypedChoiceField(
        label=_("priority"),
        choices=MeetingRequest.Priority.choices,
        coerce=int,
        initial=MeetingRequest.Priority.NORMAL,
    )


class RequestVersionForm(forms.Form):
    """Accept, withdraw, call off: the version of the request the page showed (a request
    changed since is refused, not overwritten)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DeclineForm(RequestVersionForm):
    reason = forms.CharField(
        label=_("reason (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RatingForm(forms.Form):
    value = forms.ChoiceField(label=_("how was the meeting?"), choices=MeetingRating.Value.choices)
    comment = forms.CharField(
        label=_("comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
