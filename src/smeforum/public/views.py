"""Public pages. Thin: load through queries, check it is published, render."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from smeforum.forums import queries as forum_queries
from smeforum.forums.models import Edition, Session
from smeforum.orgs import queries as org_queries
from smeforum.participants import queries as participant_queries
from smeforum.reference.countries import get_country
from smeforum.reference.queries import country_memberships


def _page(request: HttpRequest, items):
    return Paginator(items, settings.SMEFORUM_PAGE_SIZE).get_page(request.GET.get("page"))


def _published_edition(series_slug: str, number: int) -> Edition:
    return get_object_or_404(
        Edition.objects.select_related("series"),
        series__slug=series_slug,
        number=number,
        is_published=True,
    )


def home(request: HttpRequest) -> HttpResponse:
    page = _page(request, forum_queries.published_editions())
    return render(
        request,
        "public/home.html",
        {"page": page, "series_list": list(forum_queries.all_series())},
    )


def series_detail(request: HttpRequest, series: str) -> HttpResponse:
    series_obj = get_object_or_404(forum_queries.all_series(), slug=series)
    page = _page(request, forum_queries.published_editions(series_obj))
    return render(
        request,
        "public/series.html",
        {
            "series": series_obj,
            "page": page,
            "figures": forum_queries.series_figures(series_obj),
        },
    )


def edition_detail(request: HttpRequest, series: str, number: int) -> HttpResponse:
    edition = forum_queries.edition_for_page(_published_edition(series, number))
    sample_count, total = participant_queries.sample_share(edition)
    return render(
        request,
        "public/edition.html",
        {
            "edition": edition,
            "series": edition.series,
            "programme": forum_queries.programme(edition),
            "figures": forum_queries.edition_figures(edition),
            "covering_figures": forum_queries.covering_figures(edition),
            "by_category": participant_queries.counts_by_category(edition),
            "by_country": participant_queries.counts_by_country(edition),
            "participant_total": total,
            "sample_count": sample_count,
            "delegations": participant_queries.delegations_for_page(edition),
        },
    )


def session_detail(request: HttpRequest, series: str, number: int, pk: int) -> HttpResponse:
    edition = _published_edition(series, number)
    try:
        session = forum_queries.session_for_page(edition, pk)
    except Session.DoesNotExist:
        raise Http404(_("No such session in this edition.")) from None
    return render(
        request,
        "public/session.html",
        {"session": session, "edition": edition, "series": edition.series},
    )


def country_list(request: HttpRequest) -> HttpResponse:
    rows = [(get_country(code), n) for code, n in forum_queries.countries_with_roles()]
    return render(request, "public/countries.html", {"page": _page(request, rows)})


def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    country = get_country(code)
    if country is None or code != country.code:
        raise Http404(_("No such country code."))
    return render(
        request,
        "public/country.html",
        {
            "country": country,
            "roles": list(forum_queries.country_roles(country.code)),
            "memberships": list(country_memberships(country.code)),
            "page": _page(request, org_queries.organisations_in(country.code)),
        },
    )
