"""A completed module meets the loan condition "follow the starter course", through the
`people.hooks.module_completed` signal that skills sends (lending never imports skills)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from digibank.core.errors import DomainError
from digibank.core.models import AuditEntry
from digibank.lending import services
from digibank.lending.models import LoanCondition, LoanConditionMet, LoanKind
from digibank.lending.services.conditions import conditions_met_by
from digibank.lending.tests.helpers import handed_over
from digibank.organisations.permissions import SYSTEM
from digibank.people.hooks import CompletedModule, module_completed
from digibank.people.models import Person
from digibank.testing import act

STARTER = CompletedModule(key="M02", title="Smartphone basics", level=1)
ADVANCED = CompletedModule(key="M07", title="Making a CV on the computer", level=3)


def _complete(person, module, digibank, by):
    module_completed.send(sender=Person, person=person, module=module, digibank=digibank, by=by)


@pytest.mark.parametrize(
    ("level", "met"),
    [(1, [LoanCondition.STARTER_COURSE]), (2, [LoanCondition.STARTER_COURSE]), (3, []), (4, [])],
)
def test_only_a_module_at_the_foundation_level_is_the_starter_course(level, met):
    assert conditions_met_by(CompletedModule(key="M", title="t", level=level)) == met


def test_completing_a_starter_module_meets_the_condition_on_the_active_loan(world):
    loan = handed_over(world.a, conditions=(LoanCondition.STARTER_COURSE, LoanCondition.CHECK_UP))
    trainer = world.a.users["trainer"]
    _complete(loan.person, STARTER, world.a.digibank, act(trainer))
    met = LoanConditionMet.objects.get(loan=loan)
    assert met.condition == LoanCondition.STARTER_COURSE
    assert met.module_title == "Smartphone basics"
    assert met.by == trainer
    entry = AuditEntry.objects.get(object_id=str(met.pk), object_type="lending.loanconditionmet")
    assert entry.actor == trainer and entry.digibank == world.a.digibank
    # Met once: completing a second starter module changes nothing.
    _complete(loan.person, STARTER, world.a.digibank, act(trainer))
    assert LoanConditionMet.objects.filter(loan=loan).count() == 1


def test_a_module_above_the_foundation_level_meets_nothing(world):
    loan = handed_over(world.a, conditions=(LoanCondition.STARTER_COURSE,))
    _complete(loan.person, ADVANCED, world.a.digibank, SYSTEM)
    assert not LoanConditionMet.objects.filter(loan=loan).exists()


def test_a_loan_without_the_condition_or_not_active_is_left_alone(world):
    without = handed_over(world.a, conditions=(LoanCondition.CHECK_UP,))
    gift = handed_over(world.a, kind=LoanKind.GIFT)
    _complete(without.person, STARTER, world.a.digibank, SYSTEM)
    _complete(gift.person, STARTER, world.a.digibank, SYSTEM)
    assert not LoanConditionMet.objects.exists()


def test_it_refuses_an_actor_of_another_digibank(world):
    loan = handed_over(world.a, conditions=(LoanCondition.STARTER_COURSE,))
    with pytest.raises(PermissionDenied):
        _complete(loan.person, STARTER, world.a.digibank, act(world.b.users["trainer"]))
    assert not LoanConditionMet.objects.exists()


def test_it_refuses_to_meet_a_condition_of_an_ended_loan(world):
    loan = handed_over(world.a, conditions=(LoanCondition.STARTER_COURSE,))
    services.convert_to_ownership(
        loan=loan, by=act(world.a.users["coordinator"]), conditions_met=True
    )
    with pytest.raises(DomainError):
        services.meet_condition(
            loan=loan, condition=LoanCondition.STARTER_COURSE, module_title="x", by=SYSTEM
        )
    assert not LoanConditionMet.objects.exists()


def test_the_loan_page_shows_met_and_unmet_conditions_and_offers_ownership_once_all_are_met(
    client, world
):
    loan = handed_over(world.a, conditions=(LoanCondition.STARTER_COURSE,))
    client.force_login(world.a.users["coordinator"])
    page = reverse("lending:loan_detail", kwargs={"digibank": "mechelen", "loan_id": loan.pk})
    ownership = reverse(
        "lending:loan_ownership", kwargs={"digibank": "mechelen", "loan_id": loan.pk}
    )
    before = client.get(page).content.decode()
    assert "Not yet met" in before and "Every condition of this loan is met" not in before
    _complete(loan.person, STARTER, world.a.digibank, act(world.a.users["trainer"]))
    after = client.get(page).content.decode()
    assert "completed the module “Smartphone basics”" in after
    assert "Not yet met" not in after
    assert "Every condition of this loan is met" in after and ownership in after
