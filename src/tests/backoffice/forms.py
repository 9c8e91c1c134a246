"""Turn an admin change page's response into the POST data its form would send."""

from __future__ import annotations

import datetime as dt

from django import forms


def _post_value(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def form_values(form: forms.BaseForm) -> dict:
    """The values a browser would submit for ``form`` as shown (unchanged)."""
    data: dict = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        widget = getattr(field.widget, "widget", field.widget)
        if isinstance(widget, forms.MultiWidget):
            for index, part in enumerate(widget.decompress(value)):
                if part is not None:
                    data[f"{key}_{index}"] = _post_value(part)
        elif value is None or value is False:
            continue
        elif value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [_post_value(v) for v in value]
        else:
            data[key] = _post_value(value)
    return data


def changeform_data(response, **changes) -> dict:
    """POST data for the admin add/change page in ``response``, main form and inlines, with
    ``changes`` applied on top."""
    data = form_values(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_values(formset.management_form))
        for form in formset.forms:
            data.update(form_values(form))
    data.update(changes)
    return data
