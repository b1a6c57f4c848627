from decimal import Decimal

import pytest

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.organisations import services
from digibank.organisations.models import Hub, Municipality
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.helpers import hub_fields
from digibank.testing import act


def test_it_creates_a_hub_and_records_it(world):
    coordinator = world.users["coordinator"]

    hub = services.create_hub(
        digibank=world.a.digibank,
        by=act(coordinator),
        **hub_fields(world.a, languages=["fr", "nl", "nl"], services=["help", "devices"]),
    )

    assert hub.digibank == world.a.digibank
    assert hub.languages == ["nl", "fr"]  # in the order of the choices, without doubles
    assert hub.services == ["devices", "help"]
    entry = AuditEntry.objects.get(object_type="organisations.hub", object_id=hub.pk)
    assert entry.actor == coordinator and entry.action == "create"


def test_it_strips_spaces_around_text(world):
    hub = services.create_hub(
        by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, name="  Bib  ")
    )
    assert hub.name == "Bib"


def test_it_refuses_a_municipality_the_digibank_does_not_serve(world):
    eeklo = world.b.digibank.municipalities.get()
    with pytest.raises(DomainError) as refused:
        services.create_hub(
            by=SYSTEM,
            digibank=world.a.digibank,
            **hub_fields(world.a, municipality=eeklo, postcode=eeklo.postcodes[0]),
        )
    assert refused.value.field == "municipality"


def test_it_refuses_a_postcode_of_another_municipality(world):
    with pytest.raises(DomainError) as refused:
        services.create_hub(
            by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, postcode="9900")
        )
    assert refused.value.field == "postcode"
    assert "2800" in refused.value.message


def test_it_accepts_every_postcode_of_the_municipality(world):
    hub = services.create_hub(
        by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, postcode="2811")
    )
    assert hub.postcode == "2811"


def test_it_refuses_an_unknown_language_or_service(world):
    with pytest.raises(DomainError) as language:
        services.create_hub(
            by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, languages=["xx"])
        )
    with pytest.raises(DomainError) as service:
        services.create_hub(
            by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, services=["spa"])
        )
    assert language.value.field == "languages"
    assert service.value.field == "services"


def test_it_refuses_a_name_that_is_too_long(world):
    with pytest.raises(DomainError) as refused:
        services.create_hub(
            by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, name="x" * 121)
        )
    assert refused.value.field == "name"


def test_it_refuses_a_hub_without_a_street(world):
    with pytest.raises(DomainError) as refused:
        services.create_hub(by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, street=""))
    assert refused.value.field == "street"


def test_it_refuses_only_one_coordinate(world):
    with pytest.raises(DomainError) as refused:
        services.create_hub(
            by=SYSTEM, digibank=world.a.digibank, **hub_fields(world.a, latitude="51.02")
        )
    assert refused.value.field == "longitude"


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [("4.47", "51.02", "latitude"), ("51.02", "45", "longitude"), ("north", "4.4", "latitude")],
)
def test_it_refuses_a_point_outside_belgium_or_not_a_number(world, latitude, longitude, field):
    with pytest.raises(DomainError) as refused:
        services.create_hub(
            by=SYSTEM,
            digibank=world.a.digibank,
            **hub_fields(world.a, latitude=latitude, longitude=longitude),
        )
    assert refused.value.field == field


def test_it_rounds_coordinates_to_six_decimals(world):
    hub = services.create_hub(
        by=SYSTEM,
        digibank=world.a.digibank,
        **hub_fields(world.a, latitude=51.02812345678, longitude="4,4777777"),
    )
    hub.refresh_from_db()
    assert hub.latitude == Decimal("51.028123")
    assert hub.longitude == Decimal("4.477778")


def test_it_changes_a_hub_and_records_only_what_changed(world):
    coordinator = world.users["coordinator"]

    hub = services.update_hub(
        hub=world.a.hub, by=act(coordinator), phone="015 20 30 40", name=world.a.hub.name
    )

    assert hub.phone == "+3215203040"
    entry = AuditEntry.objects.filter(object_type="organisations.hub").latest("id")
    assert entry.action == "change" and entry.fields == ["phone"]


def test_it_records_a_moved_hub_as_a_changed_municipality(world):
    gent = Municipality.objects.get(nis_code="44021")
    world.a.digibank.municipalities.add(gent)
    services.update_hub(hub=world.a.hub, by=SYSTEM, municipality=gent, postcode="9000")
    entry = AuditEntry.objects.filter(object_type="organisations.hub").latest("id")
    assert entry.fields == ["municipality", "postcode"]


def test_it_refuses_a_change_that_breaks_a_rule_and_keeps_the_hub(world):
    with pytest.raises(DomainError):
        services.update_hub(hub=world.a.hub, by=SYSTEM, postcode="1000")
    world.a.hub.refresh_from_db()
    assert world.a.hub.postcode == "2800"


def test_it_refuses_fields_a_hub_does_not_have(world):
    with pytest.raises(TypeError):
        services.update_hub(hub=world.a.hub, by=SYSTEM, digibank=world.b.digibank)


def test_it_closes_and_reopens_a_hub(world):
    hub = services.deactivate_hub(hub=world.a.hub, by=act(world.users["coordinator"]))
    assert not Hub.objects.get(pk=hub.pk).active

    with pytest.raises(DomainError):
        services.deactivate_hub(hub=hub, by=SYSTEM)

    services.reactivate_hub(hub=hub, by=SYSTEM)
    assert Hub.objects.get(pk=hub.pk).active
    with pytest.raises(DomainError):
        services.reactivate_hub(hub=hub, by=SYSTEM)
    notes = list(
        AuditEntry.objects.filter(object_type="organisations.hub", object_id=hub.pk)
        .exclude(note="")
        .order_by("id")
        .values_list("note", flat=True)
    )
    assert notes == ["deactivated", "reactivated"]
