import pytest

from tests.factories import UserFactory


@pytest.fixture
def staff_user(db):
    return UserFactory(username="organiser", is_staff=True, is_superuser=True)
