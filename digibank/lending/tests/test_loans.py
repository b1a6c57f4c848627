"""Hand-over (loan or gift), the regulation version kept, ownership, returns, losses, overdue
loans and the reminders lending gives messaging's planner."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from digibank.core.errors import DomainError
from digibank.devices.models import Accessory, Condition, DeviceState
from digibank.lending import queries, services
from digibank.lending.models import (
    AllocationStatus,
    LoanCondition,
    LoanKind,
    LoanStatus,
    RequestStatus,
)
from digibank.lending.queries import loans_needing_reminders
from digibank.lending.tests.helpers import every_check, handed_over, reserved_request
from digibank.messaging import reminders
from digibank.messaging.models import Message, MessageKind
from digibank.organisations.permissions import access_for
from digibank.testing import act

pytestmark = pytest.mark.django_db


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_a_loan_is_handed_over_with_its_terms_checklist_and_regulation_version(world):
    request = reserved_request(world.a)
    volunteer = world.a.users["hub_volunteer"]
    loan = services.hand_over(
        request=request,
        by=act(volunteer),
        kind=LoanKind.LOAN,
        due_date=in_days(365),
        conditions=[LoanCondition.STARTER_COURSE],
        other_conditions="Bring it to the check-up in March",
        checklist=every_check(),
        language="fr",
    )
    assert loan.status == LoanStatus.ACTIVE
    assert loan.due_date == in_days(365)
    assert loan.regulation.version == 1
    assert loan.agreement_language == "fr"
    assert loan.handed_over_by == volunteer
    assert request.status == RequestStatus.HANDED_OVER
    assert loan.allocation.status == AllocationStatus.HANDED_OVER
    loan.device.refresh_from_db()
    assert loan.device.state == DeviceState.LOANED


def test_a_gift_is_owned_at_once_and_has_no_date(world):
    loan = handed_over(world.a, kind=LoanKind.GIFT)
    assert (loan.kind, loan.status, loan.due_date) == ("gift", "owned", None)
    assert loan.owned_at is not None
    loan.device.refresh_from_db()
    assert loan.device.state == DeviceState.GIFTED


def test_every_point_of_the_checklist_must_be_done(world):
    request = reserved_request(world.a)
    with pytest.raises(DomainError) as error:
        services.hand_over(
            request=request,
            by=act(world.a.users["hub_volunteer"]),
            kind=LoanKind.LOAN,
            due_date=in_days(30),
            checklist=[check for check in every_check() if check != "safety_basics"],
        )
    assert error.value.field == "checklist"
    assert "safety basics" in error.value.message
    assert request.status == RequestStatus.RESERVED


@pytest.mark.parametrize(
    ("kind", "due", "conditions", "field"),
    [
        (LoanKind.LOAN, None, [], "due_date"),
        (LoanKind.LOAN, 0, [], "due_date"),
        (LoanKind.LOAN, -5, [], "due_date"),
        (LoanKind.LOAN, 5 * 365, [], "due_date"),
        (LoanKind.GIFT, None, [LoanCondition.STARTER_COURSE], "conditions"),
        ("rent", 30, [], "kind"),
        (LoanKind.LOAN, 30, ["climb_a_mountain"], "conditions"),
    ],
)
def test_it_refuses_impossible_terms(world, kind, due, conditions, field):
    request = reserved_request(world.a)
    with pytest.raises(DomainError) as error:
        services.hand_over(
            request=request,
            by=act(world.a.users["hub_volunteer"]),
            kind=kind,
            due_date=in_days(due) if due is not None else None,
            conditions=conditions,
            checklist=every_check(),
        )
    assert error.value.field == field


def test_only_a_reserved_request_is_handed_over_and_only_by_those_allowed(world):
    loan = handed_over(world.a)
    with pytest.raises(DomainError, match="already handed over"):
        services.hand_over(
            request=loan.request,
            by=act(world.a.users["coordinator"]),
            kind=LoanKind.GIFT,
            checklist=every_check(),
        )
    other = reserved_request(world.a)
    for role in ["referrer", "technician"]:
        with pytest.raises(PermissionDenied):
            services.hand_over(
                request=other,
                by=act(world.a.users[role]),
                kind=LoanKind.GIFT,
                checklist=every_check(),
            )


def test_a_loan_keeps_the_regulation_version_it_was_signed_under(world):
    coordinator = world.a.users["coordinator"]
    before = handed_over(world.a)
    current = services.current_regulation(world.a.digibank)
    services.publish_regulation(
        digibank=world.a.digibank,
        by=act(coordinator),
        text_nl=current.text_nl + "\n\n8. Nieuw punt.",
        text_fr=current.text_fr,
        text_en=current.text_en,
        change_note="Point 8",
    )
    after = handed_over(world.a)
    before.refresh_from_db()
    assert (before.regulation.version, after.regulation.version) == (1, 2)
    with pytest.raises(DomainError, match="the same as version 2"):
        services.publish_regulation(
            digibank=world.a.digibank,
            by=act(coordinator),
            text_nl=after.regulation.text_nl,
            text_fr=after.regulation.text_fr,
            text_en=after.regulation.text_en,
        )
    with pytest.raises(PermissionDenied):
        services.publish_regulation(
            digibank=world.a.digibank,
            by=act(world.a.users["hub_volunteer"]),
            text_nl="x",
            text_fr="y",
            text_en="z",
        )


def test_a_loan_becomes_ownership_once_its_conditions_are_met(world):
    coordinator = world.a.users["coordinator"]
    loan = handed_over(world.a, conditions=(LoanCondition.STARTER_COURSE,))
    with pytest.raises(DomainError) as error:
        services.convert_to_ownership(loan=loan, by=act(coordinator), conditions_met=False)
    assert error.value.field == "conditions_met"
    with pytest.raises(PermissionDenied):
        services.convert_to_ownership(
            loan=loan, by=act(world.a.users["hub_volunteer"]), conditions_met=True
        )
    services.convert_to_ownership(
        loan=loan, by=act(coordinator), conditions_met=True, note="Course done in May"
    )
    assert loan.status == LoanStatus.OWNED
    assert loan.owned_note == "Course done in May"
    loan.device.refresh_from_db()
    assert loan.device.state == DeviceState.GIFTED


def test_a_returned_device_goes_back_to_wiping_with_what_is_missing(world):
    loan = handed_over(world.a)
    services.register_return(
        loan=loan,
        by=act(world.a.users["hub_volunteer"]),
        condition=Condition.FAIR,
        missing_accessories=[Accessory.CHARGER],
        note="Scratch on the lid",
    )
    assert loan.status == LoanStatus.RETURNED
    assert (loan.return_condition, loan.missing_accessories) == ("fair", ["charger"])
    assert loan.received_by == world.a.users["hub_volunteer"]
    loan.device.refresh_from_db()
    assert loan.device.state == DeviceState.WIPING
    assert loan.device.cycle == 2
    assert "charger" not in loan.device.accessories
    assert Message.objects.filter(kind=MessageKind.RETURN_RECEIVED, person=loan.person).exists()
    with pytest.raises(DomainError, match="no longer on loan"):
        services.register_return(
            loan=loan, by=act(world.a.users["hub_volunteer"]), condition="good"
        )


def test_a_lost_or_stolen_device_is_recorded(world):
    stolen = handed_over(world.a)
    services.register_loss(
        loan=stolen, by=act(world.a.users["hub_volunteer"]), stolen=True, note="Bus"
    )
    assert (stolen.status, stolen.stolen, stolen.loss_note) == ("lost", True, "Bus")
    stolen.device.refresh_from_db()
    assert stolen.device.state == DeviceState.STOLEN
    lost = handed_over(world.a)
    services.register_loss(loan=lost, by=act(world.a.users["hub_volunteer"]), stolen=False)
    lost.device.refresh_from_db()
    assert lost.device.state == DeviceState.LOST


def test_a_loan_can_last_longer(world):
    loan = handed_over(world.a, due_in_days=10)
    services.extend_loan(loan=loan, by=act(world.a.users["hub_volunteer"]), due_date=in_days(100))
    assert loan.due_date == in_days(100)
    with pytest.raises(DomainError, match="after the current one"):
        services.extend_loan(
            loan=loan, by=act(world.a.users["hub_volunteer"]), due_date=in_days(50)
        )


def test_the_overdue_list_holds_active_loans_past_their_date_longest_first(world):
    late = handed_over(world.a, due_in_days=10)
    later = handed_over(world.a, due_in_days=20)
    handed_over(world.a, due_in_days=200)
    returned = handed_over(world.a, due_in_days=5)
    services.register_return(
        loan=returned, by=act(world.a.users["hub_volunteer"]), condition="good"
    )
    handed_over(world.a, kind=LoanKind.GIFT)
    access = access_for(world.a.users["hub_volunteer"], world.a.digibank)
    assert list(queries.overdue_loans(access, today=in_days(30))) == [late, later]
    assert list(queries.overdue_loans(access, today=in_days(15))) == [late]


def test_lending_tells_the_planner_which_reminders_are_due(world):
    reserved = reserved_request(world.a)
    soon = handed_over(world.a, due_in_days=5)
    conditions = handed_over(world.a, due_in_days=300, conditions=(LoanCondition.CHECK_UP,))
    far = handed_over(world.a, due_in_days=300)
    today = timezone.localdate()
    due = {(item.kind, item.dedupe_key) for item in loans_needing_reminders(today)}
    allocation = reserved.allocations.get()
    assert ("pickup_ready", f"pickup:allocation-{allocation.pk}") in due
    assert ("due_soon", f"due-soon:loan-{soon.pk}:{soon.due_date.isoformat()}") in due
    assert not any(str(far.pk) in key.split(":")[1] for _, key in due if "loan-" in key)
    later = {
        item.dedupe_key for item in loans_needing_reminders(today + datetime.timedelta(days=20))
    }
    assert f"overdue:loan-{soon.pk}:{soon.due_date.isoformat()}" in later
    assert f"condition:loan-{conditions.pk}:check_up" in later


def test_the_reminder_source_is_registered_and_plans_each_reminder_once(world):
    assert loans_needing_reminders in reminders.sources()
    loan = handed_over(world.a, due_in_days=3)
    report = reminders.plan(timezone.localdate())
    again = reminders.plan(timezone.localdate())
    assert report.queued + report.skipped >= 1
    assert report.failed == 0 and not report.failed_sources
    assert again.queued == 0 and again.already_planned >= 1
    assert Message.objects.filter(kind=MessageKind.DUE_SOON, person=loan.person).count() == 1
