"""The loan agreement PDF: who, which device, tag and serial, conditions, due date, what to do
when it breaks or is lost, signatures, built on the regulation version, in the person's language.

The PDF is built uncompressed here so its text can be read from the bytes; letters outside ASCII
are stored as font codes, so the checks use ASCII words.
"""

import re

import pytest
from django.urls import reverse

from digibank.lending import services
from digibank.lending.agreement import agreement_pdf, data_for_loan
from digibank.lending.models import LoanCondition, LoanKind
from digibank.lending.tests.helpers import handed_over, ready_device
from digibank.organisations.permissions import SYSTEM
from digibank.testing import act

pytestmark = pytest.mark.django_db

_SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")


def pdf_text(pdf: bytes) -> str:
    """The text drawn on the pages, one string per drawing operation, joined by newlines."""
    parts = []
    for raw in _SHOWN.findall(pdf):
        text = re.sub(rb"\\([()\\])", rb"\1", raw)
        parts.append(text.decode("latin-1"))
    return "\n".join(parts)


def text_of(loan) -> str:
    pdf = agreement_pdf(data_for_loan(loan), compress=False)
    assert pdf.startswith(b"%PDF-")
    return " ".join(pdf_text(pdf).split())


def test_the_agreement_names_who_what_until_when_and_under_which_conditions(world):
    device = ready_device(world.a, brand="Dell", model="Latitude 5490", serial="SN7731XQ")
    loan = handed_over(
        world.a,
        device=device,
        due_in_days=200,
        conditions=(LoanCondition.STARTER_COURSE,),
    )
    loan.agreement_language = "en"
    text = text_of(loan)
    assert "Loan agreement for a device" in text
    assert f"Between {world.a.digibank.name} and Youssef El Amrani" in text
    assert device.asset_tag in text
    assert "SN7731XQ" in text
    assert "Dell Latitude 5490" in text
    due = loan.due_date
    assert f"You borrow this device until {due.day} {due.strftime('%B')} {due.year}" in text
    assert "follow the starter course" in text
    assert "Tell us as soon as possible" in text
    assert "report it to the police" in text
    assert "Signature of the resident" in text
    assert "Signature for the digibank" in text
    assert f"request {loan.request.reference_display}" in text
    assert "(version 1)" in text
    assert "Bringing it back. Bring the device back with its charger" in text


def test_a_gift_says_the_device_is_theirs(world):
    loan = handed_over(world.a, kind=LoanKind.GIFT)
    loan.agreement_language = "en"
    text = text_of(loan)
    assert "Agreement: a device as a gift" in text
    assert "you do not have to bring it back" in text
    assert "You borrow this device until" not in text


def test_the_agreement_is_in_the_persons_language(world):
    loan = handed_over(world.a, due_in_days=40)
    due = loan.due_date
    loan.agreement_language = "fr"
    french = text_of(loan)
    assert "Rapportez l'appareil avec le chargeur" in french
    loan.agreement_language = "nl"
    dutch = text_of(loan)
    assert "Breng het toestel terug met de lader" in dutch
    dutch_months = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ]  # fmt: skip
    assert f"{due.day} {dutch_months[due.month - 1]} {due.year}" in dutch


def test_the_agreement_keeps_the_regulation_it_was_signed_under(world):
    loan = handed_over(world.a)
    current = services.current_regulation(world.a.digibank)
    services.publish_regulation(
        digibank=world.a.digibank,
        by=act(world.a.users["coordinator"]),
        text_nl=current.text_nl,
        text_fr=current.text_fr,
        text_en="A completely new English regulation.",
    )
    loan.agreement_language = "en"
    text = text_of(loan)
    assert "(version 1)" in text
    assert "completely new" not in text
    assert "Lending regulation of the digibank" in text


def test_the_agreement_page_serves_the_pdf_before_and_after_the_hand_over(client, world):
    client.force_login(world.a.users["hub_volunteer"])
    loan = handed_over(world.a)
    response = client.get(
        reverse("lending:loan_agreement", kwargs={"digibank": "mechelen", "loan_id": loan.pk})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert f"agreement-{loan.request.reference_display}.pdf" in response["Content-Disposition"]


def test_a_name_in_another_script_does_not_break_the_pdf(world):
    from digibank.people.services import update_person

    loan = handed_over(world.a)
    update_person(person=loan.person, by=SYSTEM, first_name="يوسف", last_name="Кузнецов")
    loan.person.refresh_from_db()
    pdf = agreement_pdf(data_for_loan(loan))
    assert pdf.startswith(b"%PDF-") and len(pdf) > 1000
