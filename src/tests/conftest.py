import pytest
from django.utils import translation

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _english():
    """A request to a /zh-hans/ page leaves Chinese active in the thread; start each test in
    English."""
    with translation.override("en"):
        yield


@pytest.fixture
def staff_user(db):
    return UserFactory(username="organiser", is_staff=True, is_superuser=True)
