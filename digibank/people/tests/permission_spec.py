"""Who may use each residents page and API endpoint (see digibank/core/tests/matrix.py).

The object in the URL is the digibank's `referred_person` (referred by the referrer's partner), so a
referrer may use it like the other people managers; that a referrer gets a 404 for a person their
partner did not refer is tested in test_referrer_scoping.py.
"""

from digibank.core.tests.matrix import API, STAFF, Spec, bank_only, roles
from digibank.people.models import Consent, ConsentPurpose, TargetGroup
from digibank.people.services import ensure_default_target_groups
from digibank.testing import ROLES

PEOPLE_MANAGERS = roles("coordinator", "hub_volunteer", "trainer", "referrer")
COORDINATOR = roles("coordinator")


def on_object(kind, allowed, success=200):
    """Expected answers for a URL with an object id.

    A role without the permission is refused (403) before the object is looked up, so it gets 403
    for any id and learns nothing about another digibank's objects. An allowed role gets `success`
    for its own digibank's object and 404 for any other.
    """

    def expect(role, case):
        if role == "anonymous":
            return {302} if kind == STAFF else {401}
        if role not in ROLES or case == "other":
            return {404}
        if role not in allowed:
            return {403}
        return {success} if case == "own" else {404}

    return expect


def person(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "person_id": object_bank.referred_person.pk}


def two_people(slug_bank, object_bank):
    return {
        **person(slug_bank, object_bank),
        "other_id": object_bank.person.pk,
    }


def consent(slug_bank, object_bank):
    found = Consent.objects.filter(
        person=object_bank.referred_person, withdrawn_at__isnull=True
    ).first()
    if found is None:
        found = Consent.objects.create(
            person=object_bank.referred_person, purpose=ConsentPurpose.CONTACT
        )
    return {**person(slug_bank, object_bank), "consent_id": found.pk}


def target_group(slug_bank, object_bank):
    ensure_default_target_groups(object_bank.digibank)
    group = TargetGroup.objects.filter(digibank=object_bank.digibank).order_by("code").first()
    return {"digibank": slug_bank.digibank.slug, "group_id": group.pk}


def new_person(world):
    return {"first_name": "Nora", "last_name": "Claes", "contact_method": "none"}


def photo_consent(world):
    return {"purpose": ConsentPurpose.PHOTOS}


def merge_confirmed(world):
    return {"confirm": "on"}


def group_name(world):
    return {"name": "Mantelzorgers"}


SPECS = {
    "people:list": Spec(STAFF, bank_only, allowed=PEOPLE_MANAGERS),
    "people:create": Spec(STAFF, bank_only, allowed=PEOPLE_MANAGERS),
    "people:detail": Spec(STAFF, person, has_object=True, expect=on_object(STAFF, PEOPLE_MANAGERS)),
    "people:edit": Spec(STAFF, person, has_object=True, expect=on_object(STAFF, PEOPLE_MANAGERS)),
    "people:delete": Spec(STAFF, person, has_object=True, expect=on_object(STAFF, COORDINATOR)),
    "people:consent_record": Spec(
        STAFF,
        person,
        method="post",
        data=photo_consent,
        has_object=True,
        expect=on_object(STAFF, PEOPLE_MANAGERS, 302),
    ),
    "people:consent_withdraw": Spec(
        STAFF,
        consent,
        method="post",
        has_object=True,
        expect=on_object(STAFF, PEOPLE_MANAGERS, 302),
    ),
    "people:merge": Spec(STAFF, person, has_object=True, expect=on_object(STAFF, COORDINATOR)),
    "people:merge_confirm": Spec(
        STAFF,
        two_people,
        method="post",
        data=merge_confirmed,
        has_object=True,
        expect=on_object(STAFF, COORDINATOR, 302),
    ),
    "people:target_groups": Spec(
        STAFF, bank_only, allowed=COORDINATOR, method="post", data=group_name, success=302
    ),
    "people:target_group_edit": Spec(
        STAFF, target_group, has_object=True, expect=on_object(STAFF, COORDINATOR)
    ),
    "people:target_group_toggle": Spec(
        STAFF,
        target_group,
        method="post",
        has_object=True,
        expect=on_object(STAFF, COORDINATOR, 302),
    ),
    "people:audit": Spec(STAFF, bank_only, allowed=COORDINATOR),
    "api:list_people": Spec(API, bank_only, allowed=PEOPLE_MANAGERS),
    "api:get_person": Spec(API, person, has_object=True, expect=on_object(API, PEOPLE_MANAGERS)),
    "api:create_person": Spec(
        API, bank_only, allowed=PEOPLE_MANAGERS, method="post", data=new_person, success=201
    ),
}
