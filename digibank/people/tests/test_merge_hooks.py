"""The registry through which a merge reaches the rows of other apps (`people.merging`)."""

import pytest

from digibank.core.errors import DomainError
from digibank.people import merging, services
from digibank.people.merging import MovingRows, PersonMerged
from digibank.people.models import Consent, Person
from digibank.people.tests.helpers import register
from digibank.testing import act


@pytest.fixture
def twins(world):
    keep = register(world.a, birth_year=1960)
    remove = register(world.a, birth_year=1960, allow_duplicate=True, consents=["photos"])
    return keep, remove


@pytest.fixture
def registry():
    """The handlers as the apps registered them, put back after the test."""
    before = dict(merging._handlers)
    yield merging._handlers
    merging._handlers.clear()
    merging._handlers.update(before)


def test_a_handler_gets_the_documented_payload_inside_the_merge(world, twins, registry):
    keep, remove = twins
    heard = []

    def move(merged):
        heard.append(merged)
        assert Person.objects.filter(pk=merged.remove.pk).exists()  # not deleted yet
        return [MovingRows(Consent, "consents", 0)]

    merging.register("test", models=[], count=lambda person: [], move=move)
    coordinator = world.users["coordinator"]
    services.merge_people(keep=keep, remove=remove, by=act(coordinator))

    assert heard == [PersonMerged(keep=keep, remove=remove, by=coordinator)]


def test_a_refusing_handler_rolls_the_whole_merge_back(world, twins, registry):
    keep, remove = twins

    def refuse(merged):
        raise DomainError("Their enrolments clash.")

    merging.register("test", models=[], count=lambda person: [], move=refuse)
    with pytest.raises(DomainError, match="enrolments clash"):
        services.merge_people(keep=keep, remove=remove, by=act(world.users["coordinator"]))

    assert Person.objects.filter(pk=remove.pk).exists()
    assert remove.consents.filter(purpose="photos").exists()


def test_every_table_that_points_at_a_person_has_a_merge_handler():
    assert [relation.related_model for relation in merging.unhandled_relations()] == []


def test_rows_that_no_handler_moves_refuse_the_merge(world, twins, registry):
    keep, remove = twins
    del registry["people"]  # as if consents had no handler: they would be lost with `remove`

    with pytest.raises(DomainError, match="cannot be merged"):
        services.merge_people(keep=keep, remove=remove, by=act(world.users["coordinator"]))

    assert remove.consents.filter(purpose="photos").exists()


def test_the_preview_counts_what_each_handler_would_move(twins):
    _keep, remove = twins

    moving = merging.rows_pointing_at(remove)

    assert [(rows.model, rows.count) for rows in moving] == [(Consent, 1)]
    assert moving[0].label == "consents"
