"""Merging two records of one resident moves their messages (messaging's handler on
`people.merging`)."""

import datetime

from digibank.core.models import AuditAction, AuditEntry
from digibank.messaging.models import Message, MessageKind
from digibank.messaging.services import queue_message
from digibank.messaging.testing import contactable
from digibank.people import merging
from digibank.people.services import merge_people
from digibank.testing import act

DUE = {"device": "laptop", "due_date": datetime.date(2025, 3, 4), "hub_name": "Bibliotheek"}


def test_merging_moves_the_messages_to_the_kept_record(world):
    keep = contactable(world.a, first_name="Jan", last_name="Claes", email="jan@example.be")
    remove = contactable(world.a, email="jan.claes@example.be")
    message = queue_message(
        digibank=world.a.digibank, kind=MessageKind.DUE_SOON, person=remove, context=DUE
    )
    counted = {rows.model: rows.count for rows in merging.rows_pointing_at(remove)}
    assert counted[Message] == 1

    merge_people(keep=keep, remove=remove, by=act(world.users["coordinator"]))

    message.refresh_from_db()
    assert message.person == keep
    assert message.recipient == "jan.claes@example.be"  # the address it was written to
    entry = AuditEntry.objects.get(action=AuditAction.MERGE, object_id=str(keep.pk))
    assert "messages" in entry.fields
