"""People, scoped: organisers with the participants permission see the people registered to
their series' (or edition's) editions, with contacts; everyone else sees only themselves."""

from django.db.models import Exists, OuterRef, Q, Value
from ninja import Router, Schema
from ninja.pagination import paginate

from smeforum.accounts.models import OrganiserRole, PersonAccount
from smeforum.api.auth import API_AUTH
from smeforum.api.common import AUTH_ERRORS, Pages
from smeforum.orgs.models import Person

router = Router(auth=API_AUTH, tags=["people"])


class PersonOut(Schema):
    id: int
    name: str
    name_latin: str
    position: str
    organisation: str | None
    email: str | None
    phone: str | None

    @staticmethod
    def resolve_organisation(obj) -> str | None:
        return obj.organisation.display_name if obj.organisation_id else None

    @staticmethod
    def resolve_email(obj) -> str | None:
        return obj.email if obj.with_contacts else None

    @staticmethod
    def resolve_phone(obj) -> str | None:
        return obj.phone if obj.with_contacts else None


def _managed_people_filter(user) -> Q | None:
    """People registered to an edition the user organises with the participants permission;
    ``None`` when the user organises none."""
    if user.is_superuser:
        return Q()
    scope = Q(pk__in=[])
    found = False
    for role in OrganiserRole.objects.filter(user=user, can_participants=True):
        found = True
        if role.edition_id is None:
            scope |= Q(registrations__edition__series_id=role.series_id)
        else:
            scope |= Q(registrations__edition_id=role.edition_id)
    return scope if found else None


@router.get("/people", response={200: list[PersonOut], **AUTH_ERRORS})
@paginate(Pages)
def list_people(request):
    """The people the caller may see, by name: contacts only for organisers with the
    participants permission."""
    user = request.auth
    own = PersonAccount.objects.filter(user=user).values("person_id")
    scope = _managed_people_filter(user)
    if scope is None:
        people = Person.objects.filter(pk__in=own).annotate(with_contacts=Value(False))
    else:
        managed = Person.objects.filter(scope).values("pk")
        people = Person.objects.filter(Q(pk__in=managed) | Q(pk__in=own)).annotate(
            with_contacts=Exists(managed.filter(pk=OuterRef("pk")))
        )
    return people.select_related("organisation").order_by("name", "id")
