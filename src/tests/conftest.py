import pytest
from django.core.cache import cache
from django.utils import translation

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _english():
    """A request to a /zh-hans/ page leaves Chinese active in the thread; start each test in
    English."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits (allauth's, per address) live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff_user(db):
    return UserFactory(username="organiser", is_staff=True, is_superuser=True)
