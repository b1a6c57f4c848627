import pytest

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.organisations import services
from digibank.organisations.models import Digibank, Municipality, Region
from digibank.organisations.permissions import SYSTEM, acting_in_region
from digibank.organisations.tests.helpers import hub_fields
from digibank.testing import act


@pytest.fixture
def gent(db):
    return Municipality.objects.get(nis_code="44021")


def test_it_creates_a_digibank_with_its_municipalities(world, gent):
    admin = world.region_users["region_admin"]

    digibank = services.create_digibank(
        region=world.region,
        name="Digibank Gent",
        slug="gent",
        municipalities=[gent],
        by=acting_in_region(admin, world.region),
        email="info@digibank-gent.be",
    )

    assert list(digibank.municipalities.all()) == [gent]
    assert digibank.email == "info@digibank-gent.be"
    entry = AuditEntry.objects.get(object_type="organisations.digibank", object_id=digibank.pk)
    assert entry.actor == admin
    assert "municipalities" in entry.fields


@pytest.mark.parametrize("slug", ["account", "Account", "new", "api"])
def test_it_refuses_a_reserved_slug(world, slug):
    with pytest.raises(DomainError) as refused:
        services.create_digibank(by=SYSTEM, region=world.region, name="Digibank X", slug=slug)
    assert refused.value.field == "slug"
    assert not Digibank.objects.filter(name="Digibank X").exists()


def test_it_refuses_a_slug_another_digibank_uses(world):
    with pytest.raises(DomainError) as refused:
        services.create_digibank(by=SYSTEM, region=world.region, name="Other", slug="MECHELEN")
    assert refused.value.field == "slug"


@pytest.mark.parametrize("slug", ["", "with space", "<script>", "é-accent"])
def test_it_refuses_a_slug_that_is_not_a_web_address_part(world, slug):
    with pytest.raises(DomainError) as refused:
        services.create_digibank(by=SYSTEM, region=world.region, name="Digibank X", slug=slug)
    assert refused.value.field == "slug"


def test_it_refuses_a_digibank_without_a_name(world):
    with pytest.raises(DomainError) as refused:
        services.create_digibank(by=SYSTEM, region=world.region, name="  ", slug="leeg")
    assert refused.value.field == "name"


def test_it_changes_a_digibank_and_records_only_the_changed_fields(world):
    coordinator = world.users["coordinator"]

    updated = services.update_digibank(
        digibank=world.a.digibank,
        by=act(coordinator),
        phone="015 12 34 56",
        name="Digibank Mechelen",
    )

    assert updated.phone == "+3215123456"
    entry = AuditEntry.objects.filter(object_type="organisations.digibank").latest("id")
    assert entry.fields == ["phone"]


def test_it_records_nothing_when_nothing_changes(world):
    before = AuditEntry.objects.count()
    services.update_digibank(digibank=world.a.digibank, by=SYSTEM, name=world.a.digibank.name)
    assert AuditEntry.objects.count() == before


def test_it_adds_and_removes_municipalities_served(world, gent):
    mechelen = world.a.digibank.municipalities.get()
    services.update_digibank(digibank=world.a.digibank, by=SYSTEM, municipalities=[mechelen, gent])
    assert set(world.a.digibank.municipalities.all()) == {mechelen, gent}

    services.update_digibank(digibank=world.a.digibank, by=SYSTEM, municipalities=[mechelen])
    assert list(world.a.digibank.municipalities.all()) == [mechelen]


def test_it_refuses_to_drop_a_municipality_that_still_has_a_hub(world, gent):
    with pytest.raises(DomainError) as refused:
        services.update_digibank(digibank=world.a.digibank, by=SYSTEM, municipalities=[gent])
    assert refused.value.field == "municipalities"
    assert world.a.hub.name in refused.value.message
    assert gent not in world.a.digibank.municipalities.all()


def test_it_refuses_to_change_the_slug_into_a_reserved_one(world):
    with pytest.raises(DomainError):
        services.update_digibank(digibank=world.a.digibank, by=SYSTEM, slug="account")
    world.a.digibank.refresh_from_db()
    assert world.a.digibank.slug == "mechelen"


def test_a_new_digibank_can_have_hubs_in_its_municipalities(world, gent):
    digibank = services.create_digibank(
        by=SYSTEM, region=world.region, name="Digibank Gent", slug="gent", municipalities=[gent]
    )
    hub = services.create_hub(
        by=SYSTEM,
        digibank=digibank,
        **{**hub_fields(world.a), "municipality": gent, "postcode": "9000"},
    )
    assert hub.digibank == digibank


def test_it_creates_a_region_with_a_small_letter_slug_and_records_it(db):
    region = services.create_region(by=SYSTEM, name=" Oost-Vlaanderen ", slug=" Oost-Vlaanderen ")

    assert (region.name, region.slug) == ("Oost-Vlaanderen", "oost-vlaanderen")
    entry = AuditEntry.objects.get(object_type="organisations.region", object_id=region.pk)
    assert entry.fields == ["name", "slug"] and entry.digibank is None


def test_it_refuses_a_region_slug_another_region_uses(world):
    with pytest.raises(DomainError) as refused:
        services.create_region(by=SYSTEM, name="Vlaanderen 2", slug="VLAANDEREN")
    assert refused.value.field == "slug"
    assert refused.value.message == "Another region already uses this short name."


@pytest.mark.parametrize("slug", ["", "oost vlaanderen", "<script>", "gent-🙂", "x" * 51])
def test_it_refuses_a_bad_region_slug(db, slug):
    with pytest.raises(DomainError) as refused:
        services.create_region(by=SYSTEM, name="Oost-Vlaanderen", slug=slug)
    assert refused.value.field == "slug"
    assert not Region.objects.exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_it_refuses_a_missing_or_too_long_region_name(db, name):
    with pytest.raises(DomainError) as refused:
        services.create_region(by=SYSTEM, name=name, slug="oost-vlaanderen")
    assert refused.value.field == "name"
    assert not Region.objects.exists()
