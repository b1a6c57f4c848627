"""Who may use each outbox page (see digibank/core/tests/matrix.py): coordinators only."""

from digibank.core.tests.matrix import STAFF, Spec, bank_only, roles
from digibank.messaging.models import Message, MessageKind
from digibank.messaging.services import queue_message
from digibank.people.tests.permission_spec import on_object

COORDINATOR = roles("coordinator")


def message(slug_bank, object_bank):
    found = Message.objects.filter(digibank=object_bank.digibank).first()
    if found is None:
        found = queue_message(
            digibank=object_bank.digibank,
            kind=MessageKind.DONATION_RECEIVED,
            to_email="it@company.example",
            context={"device_count": 3},
        )
    return {"digibank": slug_bank.digibank.slug, "message_id": found.pk}


SPECS = {
    "messaging:list": Spec(STAFF, bank_only, allowed=COORDINATOR),
    "messaging:detail": Spec(STAFF, message, has_object=True, expect=on_object(STAFF, COORDINATOR)),
    "messaging:send_again": Spec(
        STAFF,
        message,
        method="post",
        has_object=True,
        expect=on_object(STAFF, COORDINATOR, 302),
    ),
}
