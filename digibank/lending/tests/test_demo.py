"""The demo data: requests in every status, loans active, overdue, returned, owned and lost."""

import random

import pytest

from digibank.lending import demo, queries
from digibank.lending.models import LoanStatus, RequestStatus
from digibank.organisations.permissions import SYSTEM, access_for
from digibank.people.services import register_person

pytestmark = pytest.mark.django_db

NAMES = ["Anna", "Bram", "Chloé", "Daan", "Emma", "Fatima", "Gert", "Hana"]


def test_the_demo_has_requests_in_every_status_and_loans_in_every_state(world):
    bank = world.a
    people = [
        register_person(
            digibank=bank.digibank,
            by=SYSTEM,
            first_name=NAMES[number % len(NAMES)],
            last_name=NAMES[number // len(NAMES)],
            contact_method="none",
            referrer_partner=bank.partner if number % 3 == 0 else None,
        )
        for number in range(40)
    ]
    built = demo.build_demo(
        digibank=bank.digibank, rng=random.Random(7), users=bank.users, people=people
    )
    statuses = {
        request.status for request in type(built.requests[0]).objects.filter(digibank=bank.digibank)
    }
    assert statuses == set(RequestStatus.values)
    loan_statuses = {
        loan.status for loan in type(built.loans[0]).objects.filter(digibank=bank.digibank)
    }
    assert loan_statuses == set(LoanStatus.values)
    access = access_for(bank.users["coordinator"], bank.digibank)
    assert queries.overdue_loans(access).count() == 2
    assert queries.waiting_order(queries.requests_for(access)).count() >= 6
