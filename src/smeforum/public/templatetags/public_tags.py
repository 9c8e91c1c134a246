"""Template helpers for public pages: country names, edition dates, figure scopes."""

from django import template
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import formats
from django.utils.translation import gettext as _

from smeforum.reference.countries import get_country

register = template.Library()


@register.simple_tag(takes_context=True)
def path_without_language(context) -> str:
    """The current path without its language prefix, for the language switcher's ``next``.

    ``/i18n/setlang/`` runs in the default language, so ``translate_url`` can only translate
    a path it resolves in that language: the unprefixed one.
    """
    path = context["request"].get_full_path()
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return "/" + path.removeprefix(prefix)
    return path


@register.filter
def country(code: str):
    """The :class:`~smeforum.reference.countries.Country` for an ISO code."""
    return get_country(code)


@register.filter
def country_label(code: str) -> str:
    found = get_country(code)
    return found.name if found else code


@register.simple_tag
def edition_dates(edition) -> str:
    """“2023-11-13”, “15–16 Dec 2022” style in the active locale, or just the year."""
    if edition.date_precision == "year":
        return str(edition.start_date.year)
    start = formats.date_format(edition.start_date, "DATE_FORMAT")
    if edition.end_date == edition.start_date:
        return start
    return f"{start} – {formats.date_format(edition.end_date, 'DATE_FORMAT')}"


@register.simple_tag
def figure_scope(figure) -> str:
    """Human label of a reported figure's scope."""
    if figure.first_edition_id is None:
        scope = _("all editions")
    elif figure.first_edition_id == figure.last_edition_id:
        scope = _("edition %(n)s") % {"n": figure.first_edition.number}
    else:
        scope = _("editions %(first)s–%(last)s") % {
            "first": figure.first_edition.number,
            "last": figure.last_edition.number,
        }
    if figure.session_id:
        scope = f"{scope} · {figure.session.title}"
    if figure.part:
        scope = f"{scope} · {figure.part}"
    return scope


@register.simple_tag
def login_url() -> str:
    """Where the "Sign in" link points: ``settings.LOGIN_URL`` (a path or a URL name)."""
    return resolve_url(settings.LOGIN_URL)
