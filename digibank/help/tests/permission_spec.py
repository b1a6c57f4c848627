"""Who may use each help page (see core/tests/matrix.py).

The booking pages and the reference-code pages need no account; without answers, or without a
code typed in this browser, their inner pages send the visitor back (302). The staff pages of
appointments need `MANAGE_APPOINTMENTS`: the coordinator and hub volunteers. A time or an
appointment of another digibank under the own slug is a 404.
"""

from digibank.core.tests.matrix import (
    API,
    PUBLIC,
    REGION,
    STAFF,
    Spec,
    bank_only,
    no_kwargs,
    region_only,
    roles,
)
from digibank.help.content import install_region_topics
from digibank.help.models import HelpTopic
from digibank.help.tests.guide_specs import GUIDE_SPECS
from digibank.help.tests.helpers import book, slot, topic
from digibank.help.tests.visit_specs import VISIT_SPECS
from digibank.organisations.models import Region
from digibank.testing import ROLES

MANAGERS = roles("coordinator", "hub_volunteer")
COORDINATOR = roles("coordinator")
REGION_BOTH = roles("region_admin", "region_analyst")
REGION_ADMIN = roles("region_admin")


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


def a_local_topic(slug_bank, object_bank):
    topic, _created = HelpTopic.objects.get_or_create(
        region=object_bank.digibank.region,
        digibank=object_bank.digibank,
        code=f"L{object_bank.digibank.pk}-01",
        defaults={"name_nl": "Lokale premie", "name_fr": "Prime locale"},
    )
    return {"digibank": slug_bank.digibank.slug, "topic_id": topic.pk}


def a_region_topic(slug_bank, object_bank):
    """The own region's topic, or for a foreign object another region's."""
    region = slug_bank.digibank.region
    if object_bank is not slug_bank:
        region = Region.objects.exclude(pk=region.pk).order_by("pk").first()
        install_region_topics(region, HelpTopic)
    topic = HelpTopic.objects.filter(region=region, digibank=None).first()
    return {"region": slug_bank.digibank.region.slug, "topic_id": topic.pk}


def region_admin_page(role, case):
    """An analyst is refused (403) before any lookup, also for another region's topic."""
    region_roles = REGION_BOTH
    if role == "anonymous":
        return {302}
    if case == "other" or role not in region_roles:
        return {404}
    if role not in REGION_ADMIN:
        return {403}
    return {200} if case == "own" else {404}


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
    "help:local_topics": Spec(STAFF, allowed=COORDINATOR),
    "help:local_topic_edit": Spec(STAFF, a_local_topic, allowed=COORDINATOR, has_object=True),
    "help:region_topics": Spec(REGION, region_only, allowed=REGION_BOTH),
    "help:region_topic_add": Spec(REGION, region_only, allowed=REGION_ADMIN),
    "help:region_topic_edit": Spec(
        REGION, a_region_topic, allowed=REGION_ADMIN, has_object=True, expect=region_admin_page
    ),
    "api:list_topics": Spec(PUBLIC, a_region),
    "api:list_appointments": Spec(API, bank_only, allowed=MANAGERS),
    "api:get_appointment": Spec(API, api_appointment, has_object=True, expect=on_object),
    "api:book_appointment": Spec(
        API, bank_only, allowed=MANAGERS, method="post", data=new_booking, success=201
    ),
    **VISIT_SPECS,
    **GUIDE_SPECS,
}
