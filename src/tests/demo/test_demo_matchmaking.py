"""The demo's sample matchmaking: profiles of the 6th edition's sample organisations in their
own language, confirmed with their registered people, and moderated opportunities."""

import io
from collections import Counter

import pytest
from django.core.management import call_command

from smeforum.demo.matchmaking_texts import FIELDS
from smeforum.matchmaking.models import Opportunity, Profile, ProfileEdition
from smeforum.participants.models import Registration

pytestmark = pytest.mark.integration


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", stdout=io.StringIO())


def test_each_sample_organisation_of_the_sixth_edition_has_a_profile(demo):
    registered = set(
        Registration.objects.filter(edition__number=6, is_sample=True)
        .exclude(status=Registration.Status.CANCELLED)
        .values_list("person__organisation_id", flat=True)
    )

    profiles = Profile.objects.all()

    assert set(profiles.values_list("organisation_id", flat=True)) == registered
    assert len(registered) == 66
    assert profiles.filter(is_sample=False).count() == 0
    assert Profile.objects.exclude(description_en="").count() == 66
    assert Profile.objects.filter(sectors__isnull=True).count() == 0


def test_profiles_are_described_in_their_organisations_language(demo):
    english = {field["description"]["en"] for field in FIELDS.values()}
    languages = Counter(
        (p.organisation.country if p.organisation.country in {"CN", "PL", "HU"} else "other")
        + ":"
        + p.description_language
        for p in Profile.objects.select_related("organisation")
    )

    assert languages == {"CN:zh": 10, "PL:pl": 8, "HU:hu": 7, "other:en": 41}
    chinese = Profile.objects.filter(organisation__country="CN").first()
    assert chinese.languages == ["zh", "en"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese.description_original)
    for language in ("zh", "pl", "hu", "en"):
        written = {field["description"][language] for field in FIELDS.values()}
        profiles = Profile.objects.filter(description_language=language)
        assert {p.description_original for p in profiles} <= written
        assert {p.description_en for p in profiles} <= english
    polish = Profile.objects.filter(organisation__country="PL").first()
    assert (polish.languages, polish.countries_of_interest[0]) == (["pl", "en"], "CN")


def test_profiles_are_confirmed_for_the_sixth_edition_with_their_registered_people(demo):
    confirmed = ProfileEdition.objects.select_related("profile", "edition")

    assert {c.edition.number for c in confirmed} == {6}
    assert confirmed.count() == 66
    for entry in confirmed.prefetch_related("attendees__person"):
        expected = set(
            Registration.objects.filter(
                edition=entry.edition, person__organisation=entry.profile.organisation_id
            )
            .exclude(status=Registration.Status.CANCELLED)
            .values_list("pk", flat=True)
        )
        assert {a.pk for a in entry.attendees.all()} == expected


def test_opportunities_are_mostly_published_two_submitted_one_rejected(demo):
    statuses = Counter(Opportunity.objects.values_list("status", flat=True))

    assert statuses == {"published": 88, "submitted": 2, "rejected": 1}
    rejected = Opportunity.objects.get(status="rejected")
    assert rejected.moderation_note.startswith("Sample moderation note:")
    assert Opportunity.objects.filter(is_sample=False).count() == 0
    per_profile = Counter(Opportunity.objects.values_list("profile_id", flat=True))
    assert set(per_profile.values()) == {1, 2}
    assert len(per_profile) == 66


def test_opportunities_cover_the_kinds_languages_and_both_sides(demo):
    kinds = set(Opportunity.objects.values_list("kind", flat=True))
    languages = Counter(Opportunity.objects.values_list("language", flat=True))

    assert kinds == set(Opportunity.Kind.values)
    assert languages == {"en": 55, "zh": 13, "pl": 13, "hu": 10}
    chinese = Opportunity.objects.filter(profile__organisation__country="CN")
    assert all(o.language == "zh" and "CN" not in o.target_countries for o in chinese)
    assert (
        Opportunity.objects.exclude(profile__organisation__country="CN")
        .exclude(target_countries=["CN"])
        .count()
        == 0
    )
    # Complementary pairs: Chinese medical offers meet CEE medical requests, and back.
    assert chinese.filter(kind="business_offer", sectors__code="32").exists()
    assert (
        Opportunity.objects.filter(kind="business_request", sectors__code="32")
        .exclude(profile__organisation__country="CN")
        .exists()
    )
    assert chinese.filter(kind="technology_request", sectors__code="01").exists()
    assert (
        Opportunity.objects.filter(kind="technology_offer", sectors__code="01")
        .exclude(profile__organisation__country="CN")
        .exists()
    )
    readiness = Opportunity.objects.exclude(technology_readiness=None)
    assert set(readiness.values_list("kind", flat=True)) == {
        "technology_offer",
        "technology_request",
        "rd_request",
    }


def test_a_second_load_adds_no_matchmaking_records(demo):
    before = (Profile.objects.count(), ProfileEdition.objects.count(), Opportunity.objects.count())

    call_command("load_demo", stdout=io.StringIO())

    after = (Profile.objects.count(), ProfileEdition.objects.count(), Opportunity.objects.count())
    assert after == before == (66, 66, 91)
