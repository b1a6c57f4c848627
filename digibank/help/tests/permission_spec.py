"""Who may use each help page (see core/tests/matrix.py).

The booking pages and the reference-code pages need no account; without answers, or without a
code typed in this browser, their inner pages send the visitor back (302). The staff pages of
appointments need `MANAGE_APPOINTMENTS`: the coordinator and hub volunteers. A time or an
appointment of another digibank under the own slug is a 404.
"""

from digibank.core.tests.matrix import API, PUBLIC, STAFF, Spec, bank_only, no_kwargs, roles
from digibank.help.tests.helpers import book, slot, topic
from digibank.testing import ROLES

MANAGERS = roles("coordinator", "hub_volunteer")


def a_slot(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "slot_id": slot(object_bank).pk}


def an_appointment(slug_bank, object_bank):
    appointment = book(object_bank, slot(object_bank))
    return {"digibank": slug_bank.digibank.slug, "appointment_id": appointment.pk}


def a_person(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "person_id": object_bank.referred_person.pk}


def first_step(slug_bank, object_bank):
    return {"step": "topic"}


def cancelling(world):
    return {"status": "cancelled"}


def a_region(slug_bank, object_bank):
    return {"region": slug_bank.digibank.region.slug}


def api_appointment(slug_bank, object_bank):
    appointment = book(object_bank, slot(object_bank))
    return {"digibank": slug_bank.digibank.slug, "appointment_id": appointment.pk}


def new_booking(world):
    at = slot(world.a)
    return {"slot": at.pk, "topic": topic(world.a).pk, "name": "Jef", "phone": "0470123456"}


def on_object(role, case):
    """A role without the permission gets 403 before any lookup; an allowed role gets the own
    digibank's appointment and a 404 for another digibank's."""
    if role == "anonymous":
        return {401}
    if role not in ROLES or case == "other":
        return {404}
    if role not in MANAGERS:
        return {403}
    return {200} if case == "own" else {404}


SPECS = {
    "help:book_start": Spec(PUBLIC, no_kwargs),
    "help:book_step": Spec(PUBLIC, first_step),
    "help:book_check": Spec(PUBLIC, no_kwargs, success=302),
    "help:book_done": Spec(PUBLIC, no_kwargs, success=302),
    "help:manage": Spec(PUBLIC, no_kwargs),
    "help:yours": Spec(PUBLIC, no_kwargs, success=302),
    "help:cancel": Spec(PUBLIC, no_kwargs, success=302),
    "help:move": Spec(PUBLIC, no_kwargs, success=302),
    "help:day": Spec(STAFF, allowed=MANAGERS),
    "help:slots": Spec(STAFF, allowed=MANAGERS),
    "help:slot_add": Spec(STAFF, allowed=MANAGERS),
    "help:slot_detail": Spec(STAFF, a_slot, allowed=MANAGERS, has_object=True),
    "help:staff_book": Spec(STAFF, a_slot, allowed=MANAGERS, has_object=True),
    "help:staff_book_for_person": Spec(STAFF, a_person, allowed=MANAGERS, has_object=True),
    "help:outcome": Spec(
        STAFF,
        an_appointment,
        allowed=MANAGERS,
        method="post",
        data=cancelling,
        success=302,
        has_object=True,
    ),
    "api:list_topics": Spec(PUBLIC, a_region),
    "api:list_appointments": Spec(API, bank_only, allowed=MANAGERS),
    "api:get_appointment": Spec(API, api_appointment, has_object=True, expect=on_object),
    "api:book_appointment": Spec(
        API, bank_only, allowed=MANAGERS, method="post", data=new_booking, success=201
    ),
}
