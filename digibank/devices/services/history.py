"""Changes to a device's history (`DeviceEvent`) that other apps ask for, through this service.

A device's history is the device bank's own record: other apps never write it directly. Lending,
erasing a resident, asks here to take that resident's words out of the lines it copied there.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from digibank.devices.models import DeviceEvent


@transaction.atomic
def blank_event_notes(*, device_id: int, since: datetime.datetime, texts: Iterable[str]) -> int:
    """Remove each of `texts` from the notes of the device's events since `since`.

    The lines stay (who, when, which state, the condition): only the words go, with the "; " that
    joined them to the rest of the note. Returns how many events changed. Part of an erasure
    (GDPR art. 17), so it is recorded in the audit trail by the erasure that asks for it.
    """
    texts = [text for text in texts if text]
    if not texts:
        return 0
    query = Q()
    for text in texts:
        query |= Q(note__contains=text)
    changed = []
    for event in DeviceEvent.objects.select_for_update().filter(
        query, device_id=device_id, at__gte=since
    ):
        for text in texts:
            event.note = event.note.replace(text, "")
        event.note = event.note.strip().strip(";").strip()
        changed.append(event)
    DeviceEvent.objects.bulk_update(changed, ["note"])
    return len(changed)
