"""Domain ``ValidationError``s shown on the form they came from."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_domain_errors(form: forms.Form, error: ValidationError, *, rename=None) -> None:
    """Put each message of ``error`` on the form field it names (``rename`` maps model field
    names to form field names); messages about other fields or none go to the whole form."""
    rename = rename or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.error_dict.items():
        name = rename.get(field, field)
        messages = [message for e in errors for message in e.messages]
        form.add_error(name if name in form.fields else None, messages)
