from collections.abc import Iterator

import pytest
from django.utils import translation

from digibank.testing import World, build_world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _default_language_after_each_test() -> Iterator[None]:
    """A request through the test client leaves its language active in the thread (the locale
    middleware activates it and nothing resets it), so a test that asked for Dutch pages would
    make the next test in that worker read Dutch messages."""
    yield
    translation.deactivate()
