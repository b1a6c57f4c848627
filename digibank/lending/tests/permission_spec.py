"""Who may use each device-request and loan page and API endpoint (see core/tests/matrix.py).

The objects in the URLs belong to the digibank's `referred_person` (referred by the referrer's
partner), so a referrer may open them like the coordinator; that a referrer gets a 404 for a
request of someone their partner did not refer is tested in test_scoping.py.
"""

from digibank.core.tests.matrix import API, PUBLIC, STAFF, Spec, bank_only, no_kwargs, roles
from digibank.devices.models import Device, DeviceState
from digibank.lending.models import DeviceRequest, EligibilityRule, LendingRegulation, Loan
from digibank.lending.tests.helpers import handed_over, ready_device, reserved_request
from digibank.testing import ROLES

VIEWERS = roles("coordinator", "hub_volunteer", "referrer")
SUBMITTERS = roles("coordinator", "hub_volunteer", "referrer")
# Seeing the proof: at the desk (hub volunteer) and by the referrer, for their partner's people.
RECORDERS = roles("coordinator", "hub_volunteer", "referrer")
# Deciding: the coordinator; a referrer only where the digibank allows it, off by default (the
# world's digibanks): see test_who_decides.py for the setting switched on.
DECIDERS = roles("coordinator")
ALLOCATORS = roles("coordinator")
HANDERS = roles("coordinator", "hub_volunteer")
COORDINATOR = roles("coordinator")


def on_object(kind, allowed, success=200):
    """A role without the permission gets 403 before any lookup; an allowed role gets `success`
    for its own digibank's object and 404 for another digibank's."""

    def expect(role, case):
        if role == "anonymous":
            return {302} if kind == STAFF else {401}
        if role not in ROLES or case == "other":
            return {404}
        if role not in allowed:
            return {403}
        return {success} if case == "own" else {404}

    return expect


def _reserved(bank):
    found = (
        DeviceRequest.objects.filter(digibank=bank.digibank, status="reserved")
        .order_by("id")
        .first()
    )
    return found or reserved_request(bank)


def _loan(bank):
    return Loan.objects.filter(digibank=bank.digibank).order_by("id").first() or handed_over(bank)


def a_request(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "request_id": _reserved(object_bank).pk}


def a_loan(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "loan_id": _loan(object_bank).pk}


def a_person(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "person_id": object_bank.referred_person.pk}


def a_rule(slug_bank, object_bank):
    found = EligibilityRule.objects.filter(digibank=object_bank.digibank).order_by("id").first()
    return {"digibank": slug_bank.digibank.slug, "rule_id": found.pk}


def a_regulation(slug_bank, object_bank):
    found = LendingRegulation.objects.filter(digibank=object_bank.digibank).first()
    return {"digibank": slug_bank.digibank.slug, "regulation_id": found.pk}


def a_device(slug_bank, object_bank):
    found = (
        Device.objects.filter(digibank=object_bank.digibank, state=DeviceState.READY)
        .order_by("id")
        .first()
    )
    return {
        "digibank": slug_bank.digibank.slug,
        "device_id": (found or ready_device(object_bank)).pk,
    }


def first_step(slug_bank, object_bank):
    return {"step": "postcode"}


def api_request(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "request_id": _reserved(object_bank).pk}


def new_api_request(world):
    return {
        "person": world.a.referred_person.pk,
        "needs": ["school"],
        "device_kind": "laptop",
    }


def staff(allowed, kwargs=bank_only, **extra):
    return Spec(STAFF, kwargs, allowed=allowed, **extra)


def staff_object(allowed, kwargs, success=200):
    return Spec(STAFF, kwargs, has_object=True, expect=on_object(STAFF, allowed, success))


SPECS = {
    "lending:public_start": Spec(PUBLIC, no_kwargs),
    "lending:public_step": Spec(PUBLIC, first_step),
    # Without answers in the session, these send the visitor to the first question.
    "lending:public_check": Spec(PUBLIC, no_kwargs, success=302),
    "lending:public_sent": Spec(PUBLIC, no_kwargs, success=302),
    "lending:public_status": Spec(PUBLIC, no_kwargs),
    "lending:request_list": staff(VIEWERS),
    "lending:request_choose_person": staff(SUBMITTERS),
    "lending:request_create": staff_object(SUBMITTERS, a_person),
    "lending:waiting_list": staff(VIEWERS),
    "lending:rules": staff(COORDINATOR),
    "lending:rule_edit": staff_object(COORDINATOR, a_rule),
    "lending:who_decides": staff(COORDINATOR),
    "lending:regulation": staff(COORDINATOR),
    "lending:regulation_version": staff_object(COORDINATOR, a_regulation),
    "lending:request_detail": staff_object(VIEWERS, a_request),
    "lending:request_edit": staff_object(SUBMITTERS, a_request),
    "lending:request_cancel": staff_object(SUBMITTERS, a_request),
    "lending:evidence_add": staff_object(RECORDERS, a_request),
    "lending:decide": staff_object(DECIDERS, a_request),
    "lending:allocate": staff_object(ALLOCATORS, a_request),
    "lending:offer": staff_object(ALLOCATORS, a_device),
    "lending:release": staff_object(ALLOCATORS, a_request),
    "lending:hand_over": staff_object(HANDERS, a_request),
    "lending:hand_over_agreement": staff_object(HANDERS, a_request),
    "lending:loan_list": staff(HANDERS),
    "lending:overdue_list": staff(HANDERS),
    "lending:find_loan": staff(HANDERS),
    "lending:loan_detail": staff_object(HANDERS, a_loan),
    "lending:loan_agreement": staff_object(HANDERS, a_loan),
    "lending:loan_extend": staff_object(HANDERS, a_loan),
    "lending:loan_ownership": staff_object(ALLOCATORS, a_loan),
    "lending:loan_return": staff_object(HANDERS, a_loan),
    "lending:loan_lost": staff_object(HANDERS, a_loan),
    "api:list_requests": Spec(API, bank_only, allowed=VIEWERS),
    "api:get_request": Spec(API, api_request, has_object=True, expect=on_object(API, VIEWERS)),
    "api:create_request": Spec(
        API, bank_only, allowed=SUBMITTERS, method="post", data=new_api_request, success=201
    ),
}
