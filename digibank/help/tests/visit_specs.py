"""Who may use the pages of visits, the queue, referrals and shifts (merged into `SPECS` by
`permission_spec.py`; see core/tests/matrix.py).

The quick log and the queue need `LOG_VISITS` (coordinator, hub volunteer); sending referrals and
their list `REFER_PEOPLE` (the same); the incoming referrals `HANDLE_REFERRALS` (coordinator, and
a partner's referrer for their own partner: the world's referrer works for the partner the
referral goes to); taking shifts `TAKE_SHIFTS` (coordinator, hub volunteer) and planning them
`MANAGE_SHIFTS` (coordinator). Another digibank's hub, arrival, person, referral or shift under
one's own slug is a 404.
"""

import datetime

from django.utils import timezone

from digibank.core.tests.matrix import API, STAFF, Spec, bank_only, roles
from digibank.help.models import Arrival, Referral, Shift

DESK = roles("coordinator", "hub_volunteer")
HANDLERS = roles("coordinator", "referrer")
COORDINATOR = roles("coordinator")
FIGURES = roles("coordinator", "analyst")


def a_hub(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "hub_id": object_bank.hub.pk}


def an_arrival(slug_bank, object_bank):
    arrival = Arrival.objects.create(
        digibank=object_bank.digibank, hub=object_bank.hub, label="Anna"
    )
    return {**a_hub(slug_bank, object_bank), "arrival_id": arrival.pk}


def a_person(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "person_id": object_bank.referred_person.pk}


def a_referral(slug_bank, object_bank):
    referral = Referral.objects.create(
        digibank=object_bank.digibank,
        partner=object_bank.partner,
        hub=object_bank.hub,
        reason="Schulden",
    )
    return {"digibank": slug_bank.digibank.slug, "referral_id": referral.pk}


def a_shift(slug_bank, object_bank):
    starts = timezone.now() + datetime.timedelta(days=2)
    shift = Shift.objects.create(
        digibank=object_bank.digibank,
        hub=object_bank.hub,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        volunteers_needed=2,
    )
    return {"digibank": slug_bank.digibank.slug, "shift_id": shift.pk}


def post(kwargs, allowed):
    return Spec(STAFF, kwargs, allowed=allowed, method="post", success=302, has_object=True)


VISIT_SPECS = {
    "help:visit_new": Spec(STAFF, allowed=DESK),
    "help:visit_new_for_person": Spec(STAFF, a_person, allowed=DESK, has_object=True),
    "help:queue_hubs": Spec(STAFF, allowed=DESK),
    "help:queue": Spec(STAFF, a_hub, allowed=DESK, has_object=True),
    "help:arrival_start": post(an_arrival, DESK),
    "help:arrival_finish": post(an_arrival, DESK),
    "help:referral_list": Spec(STAFF, allowed=DESK),
    "help:referral_new": Spec(STAFF, allowed=DESK),
    "help:referral_new_for_person": Spec(STAFF, a_person, allowed=DESK, has_object=True),
    "help:incoming_referrals": Spec(STAFF, allowed=HANDLERS),
    "help:referral_detail": Spec(STAFF, a_referral, allowed=HANDLERS, has_object=True),
    "help:shift_list": Spec(STAFF, allowed=DESK),
    "help:shift_plan": Spec(STAFF, allowed=COORDINATOR),
    "help:shift_sign_up": post(a_shift, DESK),
    "help:shift_withdraw": post(a_shift, DESK),
    "help:shift_cancel": post(a_shift, COORDINATOR),
    "api:visit_counts": Spec(API, bank_only, allowed=FIGURES),
    "api:list_referrals": Spec(API, bank_only, allowed=HANDLERS),
    "api:set_referral_status": Spec(
        API,
        a_referral,
        allowed=HANDLERS,
        method="post",
        data=lambda world: {"status": "accepted", "response": "Gebeld"},
        has_object=True,
    ),
}
