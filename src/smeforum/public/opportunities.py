"""The public marketplace of an edition's cooperation opportunities: a filtered, paginated list
and one opportunity's page. Only published editions; only published, unexpired opportunities
(see :func:`smeforum.matchmaking.queries.marketplace_opportunities`)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from smeforum.forums.models import Edition
from smeforum.matchmaking import queries as matchmaking_queries
from smeforum.matchmaking.models import Opportunity
from smeforum.matchmaking.recommendations import PARTNERSHIP_LABELS
from smeforum.reference.countries import get_country


def _published_edition(series_slug: str, number: int) -> Edition:
    return get_object_or_404(
        Edition.objects.select_related("series"),
        series__slug=series_slug,
        number=number,
        is_published=True,
    )


def _marketplace(edition: Edition):
    today = timezone.localdate(timezone=ZoneInfo(edition.time_zone))
    return matchmaking_queries.marketplace_opportunities(edition, today=today)


def _filters(request: HttpRequest) -> dict[str, str]:
    """The GET filters, cleaned; an unknown kind is dropped."""
    kind = request.GET.get("kind", "").strip()
    return {
        "q": request.GET.get("q", "").strip()[:200],
        "kind": kind if kind in Opportunity.Kind.values else "",
        "sector": request.GET.get("sector", "").strip().upper()[:4],
        "country": request.GET.get("country", "").strip().upper()[:2],
    }


def _labelled(opportunity: Opportunity) -> Opportunity:
    """Attach display labels (partnerships, target countries, the organisation's country)."""
    opportunity.partnership_labels = [
        str(PARTNERSHIP_LABELS.get(p, p)) for p in opportunity.partnerships
    ]
    opportunity.target_country_names = [
        (found.name if (found := get_country(code)) else code)
        for code in opportunity.target_countries
    ]
    found = get_country(opportunity.profile.organisation.country)
    opportunity.country_name = found.name if found else opportunity.profile.organisation.country
    return opportunity


def opportunity_list(request: HttpRequest, series: str, number: int) -> HttpResponse:
    edition = _published_edition(series, number)
    filters = _filters(request)
    rows = matchmaking_queries.search_opportunities(_marketplace(edition), **filters)
    page = Paginator(rows, settings.SMEFORUM_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [_labelled(o) for o in page.object_list]
    countries = set(
        _marketplace(edition).order_by().values_list("profile__organisation__country", flat=True)
    )
    choices = sorted((get_country(code) for code in countries if get_country(code)), key=str)
    return render(
        request,
        "public/opportunities.html",
        {
            "edition": edition,
            "series": edition.series,
            "page": page,
            "filters": filters,
            "kinds": Opportunity.Kind.choices,
            "countries": choices,
        },
    )


def opportunity_detail(request: HttpRequest, series: str, number: int, pk: int) -> HttpResponse:
    edition = _published_edition(series, number)
    opportunity = _marketplace(edition).filter(pk=pk).first()
    if opportunity is None:
        raise Http404(_("No such opportunity in this edition's marketplace."))
    return render(
        request,
        "public/opportunity.html",
        {"opportunity": _labelled(opportunity), "edition": edition, "series": edition.series},
    )
