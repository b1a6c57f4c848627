"""The public "I want to donate devices" pages: one question per page, a reference at the end."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digibank.devices.models import Donation, DonationStatus

pytestmark = pytest.mark.django_db


def step(name):
    return reverse("devices:donate_step", kwargs={"step": name})


def answer(client, name, data):
    response = client.post(step(name), data)
    assert response.status_code == 302, response.context["form"].errors
    return response["Location"]


def test_the_start_and_wiping_pages_explain_in_plain_words(client):
    start = client.get(reverse("devices:donate_start")).content.decode()
    assert "What we accept" in start and "NIST" in start
    wiping = client.get(reverse("devices:donate_wiping")).content.decode()
    assert "Purge" in wiping and "certificate" in wiping


def test_a_company_offers_laptops_and_gets_a_reference(client, world):
    assert answer(client, "postcode", {"postcode": "2800"}) == step("devices")
    assert answer(client, "devices", {"count_laptop": "12", "count_screen": "4"}) == step(
        "delivery"
    )
    assert answer(client, "delivery", {"delivery": "pick_up"}) == step("address")
    assert answer(client, "address", {"street": "Industrieweg 4"}) == step("company")
    answer(client, "company", {"donor_name": "Acme Logistics NV", "company_number": ""})
    answer(client, "contact", {"contact_name": "Els Wouters", "contact_email": "els@acme.be"})
    assert answer(client, "certificate", {"wants_certificate": "yes"}) == reverse(
        "devices:donate_check"
    )

    check = client.get(reverse("devices:donate_check"))
    page = check.content.decode()
    assert "12 × laptop" in page and "Industrieweg 4" in page and "Digibank Mechelen" in page
    response = client.post(reverse("devices:donate_check"))
    assert response["Location"] == reverse("devices:donate_sent")

    donation = Donation.objects.get()
    assert donation.digibank == world.a.digibank
    assert donation.status == DonationStatus.OFFERED
    assert donation.expected_counts == {"laptop": 12, "screen": 4}
    assert (donation.donor_name, donation.delivery, donation.street) == (
        "Acme Logistics NV",
        "pick_up",
        "Industrieweg 4",
    )
    assert donation.municipality.nis_code == "12025"
    sent = client.get(reverse("devices:donate_sent")).content.decode()
    assert donation.reference in sent


def test_a_drop_off_skips_the_address_question(client, world):
    answer(client, "postcode", {"postcode": "2800"})
    answer(client, "devices", {"count_tablet": "2"})
    assert answer(client, "delivery", {"delivery": "drop_off"}) == step("company")
    assert client.get(step("address")).status_code == 302


def test_it_does_not_skip_ahead(client, world):
    response = client.get(step("contact"))
    assert response["Location"] == step("postcode")
    assert client.get(reverse("devices:donate_check"))["Location"] == step("postcode")
    assert client.get(step("nonsense")).status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("postcode", {"postcode": ""}, "Enter the postcode."),
        ("postcode", {"postcode": "9999"}, "There is no digibank for postcode 9999"),
        ("postcode", {"postcode": "<script>"}, "4 digits"),
    ],
)
def test_the_first_question_explains_mistakes(client, world, name, data, message):
    response = client.post(step(name), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["postcode"])


def test_later_questions_refuse_bad_input_and_keep_it(client, world):
    answer(client, "postcode", {"postcode": "2800"})
    response = client.post(step("devices"), {})
    assert "at least one kind" in response.content.decode()
    response = client.post(step("devices"), {"count_laptop": "many"})
    assert "Enter a whole number" in response.content.decode()
    assert 'value="many"' in response.content.decode()
    answer(client, "devices", {"count_laptop": "3"})
    answer(client, "delivery", {"delivery": "drop_off"})
    response = client.post(step("company"), {"donor_name": "x" * 10_000})
    assert "at most 150 characters" in " ".join(response.context["form"].errors["donor_name"])
    answer(client, "company", {"donor_name": "Bakkerij 🥐 Claes"})
    response = client.post(step("contact"), {"contact_name": "An"})
    assert "email address or a phone number" in response.content.decode()
    response = client.post(step("contact"), {"contact_name": "An", "contact_phone": "call me"})
    assert response.context["form"].errors["contact_phone"]
    answer(client, "contact", {"contact_name": "An", "contact_phone": "015 12 34 56"})
    answer(client, "certificate", {"wants_certificate": "no"})
    client.post(reverse("devices:donate_check"))
    donation = Donation.objects.get()
    assert donation.donor_name == "Bakkerij 🥐 Claes"
    assert donation.wants_certificate is False


def test_a_postcode_served_by_two_digibanks_asks_which(client, world):
    from digibank.organisations.models import Municipality

    world.b.digibank.municipalities.add(Municipality.objects.get(nis_code="12025"))
    assert answer(client, "postcode", {"postcode": "2800"}) == step("digibank")
    response = client.get(step("digibank"))
    assert len(response.context["form"].fields["digibank"].choices) == 2
    assert answer(client, "digibank", {"digibank": world.b.digibank.pk}) == step("devices")
