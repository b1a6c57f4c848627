"""Every service verb is told who acts: a staff member's `Access` in the object's digibank, or a
system actor. Nothing else is taken, so no caller can skip the permission check by leaving the
actor out."""

import pytest
from django.core.exceptions import PermissionDenied

from digibank.core.models import AuditEntry
from digibank.devices import services as device_services
from digibank.devices.models import DeviceState
from digibank.devices.tests.helpers import make_device
from digibank.lending import services
from digibank.lending.tests.helpers import new_request
from digibank.organisations.permissions import SYSTEM, acting
from digibank.people import services as people_services

pytestmark = pytest.mark.django_db


def calls(world):
    """One verb of each kind of service, with everything but the actor."""
    return {
        "register_person": lambda by: people_services.register_person(
            digibank=world.a.digibank,
            by=by,
            first_name="Lina",
            last_name="Maes",
            contact_method="none",
        ),
        "update_person": lambda by: people_services.update_person(
            person=world.a.person, by=by, notes="Called back"
        ),
        "delete_person": lambda by: people_services.delete_person(person=world.a.person, by=by),
        "submit_request": lambda by: services.submit_request(
            digibank=world.a.digibank, person=world.a.person, by=by, needs=["school"]
        ),
        "cancel_request": lambda by: services.cancel_request(
            request=new_request(world.a), by=by, reason="Found one"
        ),
        "transition": lambda by: device_services.transition(
            device=make_device(world.a.digibank), to=DeviceState.WIPING, by=by
        ),
    }


VERBS = [
    "register_person",
    "update_person",
    "delete_person",
    "submit_request",
    "cancel_request",
    "transition",
]


@pytest.mark.parametrize("verb", VERBS)
def test_it_refuses_a_call_without_an_actor(world, verb):
    with pytest.raises(TypeError, match="by must be an Access or a SystemActor"):
        calls(world)[verb](None)


@pytest.mark.parametrize("verb", VERBS)
def test_it_refuses_a_user_instead_of_their_access(world, verb):
    with pytest.raises(TypeError, match="not User"):
        calls(world)[verb](world.users["coordinator"])


@pytest.mark.parametrize("verb", VERBS)
def test_it_refuses_an_access_to_another_digibank(world, verb):
    coordinator_of_b = acting(world.other_users["coordinator"], world.b.digibank)
    with pytest.raises(PermissionDenied):
        calls(world)[verb](coordinator_of_b)


def test_it_refuses_a_role_without_the_permission(world):
    analyst = acting(world.users["analyst"], world.a.digibank)
    for verb in VERBS:
        with pytest.raises(PermissionDenied):
            calls(world)[verb](analyst)


def test_the_audit_trail_records_the_system_as_the_system(world):
    person = calls(world)["register_person"](SYSTEM)
    entry = AuditEntry.objects.get(object_type="people.person", object_id=str(person.pk))
    assert (entry.actor, entry.system) == (None, True)


def test_the_audit_trail_records_a_staff_member_by_name(world):
    coordinator = acting(world.users["coordinator"], world.a.digibank)
    person = calls(world)["register_person"](coordinator)
    entry = AuditEntry.objects.get(object_type="people.person", object_id=str(person.pk))
    assert (entry.actor, entry.system) == (world.users["coordinator"], False)
