"""Domain ValidationErrors land on the form field they name."""

import pytest
from django.core.exceptions import ValidationError

from smeforum.orgs.domain.organisations import save_person
from smeforum.orgs.models import Person
from smeforum.participants.domain.registrations import set_delegation_head
from smeforum.portal.errors import add_domain_errors
from smeforum.portal.forms import HeadForm, MemberForm, TokenForm

pytestmark = pytest.mark.integration


def _raised(call) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value


def test_a_person_error_lands_on_the_member_field(world):
    form = MemberForm({"name": "x", "category": "enterprise"}, delegation=world.delegation_a)
    assert form.is_valid()
    error = _raised(lambda: save_person(Person(name="", email="bad")))

    add_domain_errors(form, error)

    assert sorted(form.errors) == ["email", "name"]


def test_the_head_error_is_renamed_to_the_form_field(world):
    form = HeadForm({"registration": world.ana.pk}, delegation=world.delegation_a)
    assert form.is_valid()
    error = _raised(lambda: set_delegation_head(world.delegation_a, person=world.boris.person))

    add_domain_errors(form, error, rename={"head": "registration"})

    assert form.errors == {
        "registration": [
            "Boris Beta is not a member of this delegation; add their registration first."
        ]
    }


def test_an_error_without_a_form_field_goes_to_the_whole_form(db):
    form = TokenForm({"name": "n", "scope": "read"})
    assert form.is_valid()

    add_domain_errors(form, ValidationError({"user": "Someone else's."}))
    add_domain_errors(form, ValidationError("Changed meanwhile."))

    assert form.non_field_errors() == ["Someone else's.", "Changed meanwhile."]
