"""Donations and intake: donors, asset tags (in parallel: test_concurrency.py), serials, details."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, AuditEntry
from digibank.devices import services
from digibank.devices.models import (
    Device,
    DeviceEvent,
    DeviceKind,
    DonationStatus,
    DonorKind,
    MediumKind,
)
from digibank.devices.tests.helpers import make_device, make_digibank, make_donation
from digibank.organisations import services as organisation_services
from digibank.organisations.models import PartnerKind
from digibank.organisations.permissions import SYSTEM
from digibank.testing import act

pytestmark = pytest.mark.django_db


def test_a_partner_company_donates_and_the_donation_is_audited(world):
    acme = organisation_services.create_partner(
        by=SYSTEM, digibank=world.a.digibank, name="Acme", kind=PartnerKind.COMPANY
    )
    coordinator = world.a.users["coordinator"]
    donation = services.create_donation(
        digibank=world.a.digibank,
        by=act(coordinator),
        donor_kind=DonorKind.COMPANY,
        donor_partner=acme,
        delivery="pick_up",
        expected_counts={"laptop": 20, "screen": "5", "mouse": 0},
    )
    assert donation.status == DonationStatus.ACCEPTED
    assert donation.donor_display == "Acme"
    assert donation.expected_counts == {"laptop": 20, "screen": 5}
    assert len(donation.reference) == 9 and donation.reference[4] == "-"
    entry = AuditEntry.objects.get(object_type="devices.donation", action=AuditAction.CREATE)
    assert "donor_partner" in entry.fields and entry.actor == coordinator


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"donor_kind": "private", "donor_name": ""}, "donor_name"),
        ({"donor_kind": "company", "donor_name": ""}, "donor_name"),
        ({"donor_kind": "private", "contact_email": "", "contact_phone": ""}, "contact_email"),
        ({"donor_kind": "alien"}, "donor_kind"),
        ({"contact_email": "not-an-email"}, "contact_email"),
        ({"contact_phone": "call me"}, "contact_phone"),
        ({"postcode": "12"}, "postcode"),
        ({"delivery": "pick_up", "street": ""}, "street"),
        ({"expected_counts": {"laptop": -1}}, "expected_counts"),
        ({"expected_counts": {"spaceship": 1}}, "expected_counts"),
        ({"donor_name": "x" * 151}, "donor_name"),
        ({"notes": "x" * 2001}, "notes"),
    ],
)
def test_it_refuses_a_donation_with_bad_details(world, fields, field):
    base = {
        "donor_kind": DonorKind.PRIVATE,
        "donor_name": "Jan Peeters",
        "contact_email": "jan@example.be",
    }
    with pytest.raises(DomainError) as refused:
        services.create_donation(digibank=world.a.digibank, by=SYSTEM, **{**base, **fields})
    assert refused.value.field == field


def test_only_a_company_partner_of_the_same_digibank_can_donate(world):
    with pytest.raises(DomainError, match="kind company"):
        make_donation(world.a.digibank, donor_partner=world.a.partner)  # the OCMW
    foreign = organisation_services.create_partner(
        by=SYSTEM, digibank=world.b.digibank, name="Eeklo Metal", kind=PartnerKind.COMPANY
    )
    with pytest.raises(DomainError, match="partner of this digibank"):
        make_donation(world.a.digibank, donor_partner=foreign)


def test_a_hub_volunteer_may_not_record_donations(world):
    with pytest.raises(PermissionDenied):
        make_donation(world.a.digibank, by=act(world.a.users["hub_volunteer"]))


def test_donation_status_follows_offered_accepted_received(world):
    donation = services.offer_donation(
        digibank=world.a.digibank,
        donor_kind=DonorKind.COMPANY,
        donor_name="Bakkerij Claes",
        contact_name="An Claes",
        contact_phone="015 12 34 56",
        expected_counts={"laptop": 3},
    )
    assert donation.status == DonationStatus.OFFERED
    with pytest.raises(DomainError):
        services.set_donation_status(donation=donation, by=SYSTEM, status="offered")
    services.set_donation_status(donation=donation, by=SYSTEM, status="accepted", note="call Mon")
    services.set_donation_status(donation=donation, by=SYSTEM, status="received")
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED and donation.received_on
    assert "call Mon" in donation.notes
    with pytest.raises(DomainError):
        services.set_donation_status(donation=donation, by=SYSTEM, status="declined")
    assert list(donation.events.values_list("from_state", "to_state")) == [
        ("offered", "accepted"),
        ("accepted", "received"),
    ]


def test_registering_a_device_marks_its_donation_received_and_keeps_history():
    digibank, staff = make_digibank()
    donation = make_donation(digibank)
    device = make_device(digibank, act(staff), donation=donation, serial=" pf-1abc 23 ")
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED
    assert device.asset_tag == "LIE-0001"
    assert device.serial_key == "PF1ABC23"
    assert device.media.get().kind == MediumKind.SSD
    event = device.events.get()
    assert (event.kind, event.to_state, event.by) == (DeviceEvent.Kind.INTAKE, "received", staff)


def test_asset_tags_are_short_readable_and_per_digibank():
    lier, _staff = make_digibank("lier")
    gent, _staff = make_digibank("gent")
    tags = [make_device(lier, serial=f"L{i}").asset_tag for i in range(3)]
    assert tags == ["LIE-0001", "LIE-0002", "LIE-0003"]
    assert make_device(gent, serial="G1").asset_tag == "GEN-0001"


def test_the_same_serial_cannot_be_registered_twice_in_a_digibank(world):
    first = make_device(world.a.digibank, serial="5CG-123")
    with pytest.raises(DomainError, match=first.asset_tag) as refused:
        make_device(world.a.digibank, serial="5cg 123")
    assert refused.value.field == "serial"
    make_device(world.b.digibank, serial="5CG123")  # another digibank may have it


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "toaster"}, "kind"),
        ({"memory_gb": -1}, "memory_gb"),
        ({"memory_gb": "eight"}, "memory_gb"),
        ({"battery_health": 101}, "battery_health"),
        ({"screen_inch": "huge"}, "screen_inch"),
        ({"screen_inch": "0"}, "screen_inch"),
        ({"keyboard_layout": "dvorak"}, "keyboard_layout"),
        ({"accessories": ["jetpack"]}, "accessories"),
        ({"condition": "shiny"}, "condition"),
        ({"serial": "x" * 61}, "serial"),
        ({"serial": "---"}, "serial"),
        ({"brand": "b" * 61}, "brand"),
    ],
)
def test_it_refuses_a_device_with_bad_details(world, fields, field):
    base = {"kind": DeviceKind.LAPTOP, "brand": "HP", "serial": "OK1"}
    with pytest.raises(DomainError) as refused:
        services.register_device(digibank=world.a.digibank, by=SYSTEM, **{**base, **fields})
    assert refused.value.field == field
    assert not Device.objects.exists()


def test_it_refuses_a_hub_or_donation_of_another_digibank(world):
    with pytest.raises(DomainError) as refused:
        make_device(world.a.digibank, hub=world.b.hub)
    assert refused.value.field == "hub"
    with pytest.raises(DomainError) as refused:
        make_device(world.a.digibank, donation=make_donation(world.b.digibank))
    assert refused.value.field == "donation"


def test_a_declined_donation_receives_no_devices(world):
    donation = make_donation(world.a.digibank)
    services.set_donation_status(donation=donation, by=SYSTEM, status="declined")
    with pytest.raises(DomainError, match="declined"):
        make_device(world.a.digibank, donation=donation)


def test_changing_details_is_kept_in_the_history(world):
    technician = world.a.users["technician"]
    device = make_device(world.a.digibank, serial="A1", memory_gb=4)
    services.update_device(device=device, by=act(technician), memory_gb=8, serial="A2")
    device.refresh_from_db()
    assert (device.memory_gb, device.serial_key) == (8, "A2")
    event = device.events.get(kind=DeviceEvent.Kind.EDIT)
    assert "memory" in event.note and event.by == technician
    with pytest.raises(PermissionDenied):
        services.update_device(device=device, by=act(world.a.users["hub_volunteer"]), brand="X")


def test_the_counts_per_state_follow_every_move(world):
    from digibank.devices.models import DeviceStateCount
    from digibank.devices.services.counts import recount
    from digibank.devices.tests.helpers import device_in

    technician = world.a.users["technician"]
    for state in ("received", "ready", "loaned", "recycled", "stolen"):
        device_in(state, world.a.digibank, technician, serial=f"C-{state}")
    make_device(world.b.digibank, serial="OTHER")

    def kept():
        return dict(
            DeviceStateCount.objects.filter(digibank=world.a.digibank)
            .exclude(count=0)
            .values_list("state", "count")
        )

    expected = {"received": 1, "ready": 1, "loaned": 1, "recycled": 1, "stolen": 1}
    assert kept() == expected
    recount(world.a.digibank)
    assert kept() == expected
