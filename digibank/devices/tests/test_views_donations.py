"""The donations pages: list, record, change, accept and receive."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digibank.devices.models import Donation, DonationStatus
from digibank.devices.tests.helpers import make_device, make_donation

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"devices:{name}", kwargs={"digibank": "mechelen", **kwargs})


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.a.users["coordinator"])
    return client


def test_the_list_makes_the_same_queries_for_3_or_33_donations(
    coordinator, world, django_assert_max_num_queries
):
    for _ in range(3):
        make_device(world.a.digibank, donation=make_donation(world.a.digibank))
    with django_assert_max_num_queries(12) as few:
        coordinator.get(url("donation_list"))
    for _ in range(30):
        make_donation(world.a.digibank)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = coordinator.get(url("donation_list"))
    assert len(response.context["page"].object_list) == 33
    make_donation(world.b.digibank, donor_name="Eeklo NV")
    assert "Eeklo NV" not in coordinator.get(url("donation_list")).content.decode()


def test_recording_a_donation_with_announced_counts(coordinator, world):
    response = coordinator.post(
        url("donation_create"),
        {
            "donor_kind": "private",
            "donor_name": "Jan Peeters",
            "contact_phone": "0470 12 34 56",
            "delivery": "drop_off",
            "count_laptop": "2",
            "count_mouse": "",
            "wants_certificate": "on",
        },
    )
    donation = Donation.objects.get()
    assert response["Location"] == url("donation_detail", donation_id=donation.pk)
    assert donation.expected_counts == {"laptop": 2}
    page = coordinator.get(response["Location"]).content.decode()
    assert "2 × laptop" in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"donor_kind": "private", "donor_name": ""}, "donor_name"),
        ({"donor_kind": "company", "donor_name": "x" * 10_000}, "donor_name"),
        ({"donor_kind": "company", "donor_name": "A", "count_laptop": "-3"}, "count_laptop"),
        ({"donor_kind": "company", "donor_name": "A", "contact_phone": "<b>"}, "contact_phone"),
        ({"donor_kind": "company", "donor_name": "A", "postcode": "ABCD"}, "postcode"),
    ],
)
def test_bad_input_on_the_donation_form(coordinator, world, data, field):
    response = coordinator.post(
        url("donation_create"), {"delivery": "drop_off", "contact_email": "a@b.be", **data}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Donation.objects.exists()


def test_accepting_an_offer_then_receiving_it(coordinator, world):
    from digibank.devices import services

    offer = services.offer_donation(
        digibank=world.a.digibank,
        donor_kind="company",
        donor_name="Acme",
        contact_email="it@acme.be",
        expected_counts={"laptop": 1},
    )
    coordinator.post(url("donation_status", donation_id=offer.pk), {"status": "accepted"})
    offer.refresh_from_db()
    assert offer.status == DonationStatus.ACCEPTED
    response = coordinator.post(url("donation_status", donation_id=offer.pk), {"status": "offered"})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == DonationStatus.ACCEPTED
    coordinator.post(url("donation_status", donation_id=offer.pk), {"status": "received"})
    offer.refresh_from_db()
    assert offer.status == DonationStatus.RECEIVED


def test_changing_a_donation(coordinator, world):
    donation = make_donation(world.a.digibank)
    response = coordinator.post(
        url("donation_edit", donation_id=donation.pk),
        {
            "donor_kind": "company",
            "donor_name": "Acme Logistics BV",
            "contact_email": "it@acme.example",
            "delivery": "drop_off",
            "count_laptop": "8",
        },
    )
    assert response.status_code == 302
    donation.refresh_from_db()
    assert (donation.donor_name, donation.expected_counts) == ("Acme Logistics BV", {"laptop": 8})
