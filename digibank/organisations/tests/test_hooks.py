"""The hooks the tenancy layer offers to the apps above it (`organisations.hooks`)."""

import pytest

from digibank.organisations import hooks, queries, services
from digibank.organisations.models import Digibank, Hub, Municipality
from digibank.organisations.permissions import SYSTEM, acting_in_region


@pytest.fixture
def heard():
    """Every `digibank_created` call, with its keyword arguments, while the test runs."""
    calls = []

    def receiver(**kwargs):
        calls.append(kwargs)

    hooks.digibank_created.connect(receiver, dispatch_uid="test_receiver")
    yield calls
    hooks.digibank_created.disconnect(dispatch_uid="test_receiver")


def test_creating_a_digibank_sends_the_documented_payload(world, heard):
    admin = world.region_users["region_admin"]
    gent = Municipality.objects.get(nis_code="44021")

    digibank = services.create_digibank(
        region=world.region,
        name="Digibank Gent",
        slug="gent",
        municipalities=[gent],
        by=acting_in_region(admin, world.region),
    )

    assert len(heard) == 1
    call = heard[0]
    assert call["sender"] is Digibank
    assert call["digibank"] == digibank
    assert call["by"] == admin
    assert set(call) == {"signal", "sender", "digibank", "by"}


def test_it_tells_the_receivers_when_a_system_action_creates_a_digibank(world, heard):
    services.create_digibank(by=SYSTEM, region=world.region, name="Digibank Gent", slug="gent")
    assert heard[0]["by"] is None


def test_a_failing_receiver_undoes_the_creation(world):
    def refuse(**kwargs):
        raise RuntimeError("an app above could not set the digibank up")

    hooks.digibank_created.connect(refuse, dispatch_uid="test_refuse")
    try:
        with pytest.raises(RuntimeError):
            services.create_digibank(
                by=SYSTEM, region=world.region, name="Digibank Gent", slug="gent"
            )
    finally:
        hooks.digibank_created.disconnect(dispatch_uid="test_refuse")
    assert not Digibank.objects.filter(slug="gent").exists()


def test_the_region_figures_carry_every_registered_count(world):
    before = hooks.digibank_counts()
    hooks.register_digibank_count("inactive_hub_count", lambda: Hub.objects.filter(active=False))
    try:
        world.a.hub.active = False
        world.a.hub.save()
        figures = {d.slug: d for d in queries.region_digibanks(world.region)}
    finally:
        hooks._digibank_counts.clear()
        hooks._digibank_counts.update(before)

    assert figures[world.a.digibank.slug].inactive_hub_count == 1
    assert figures[world.b.digibank.slug].inactive_hub_count == 0
