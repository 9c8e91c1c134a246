"""Read-only queries over organisations and people."""

from django.db.models import QuerySet

from smeforum.orgs.models import Organisation


def organisations_in(country: str) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(country=country)
        .select_related("city")
        .order_by("name_en", "name")
    )
