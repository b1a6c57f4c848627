"""Every write about the device bank: donations, intake, the lifecycle and the workshop.

Each function is atomic, checks what `by` may do in the device's digibank (`by` is the actor's
`Access`, or `SYSTEM` for demo data and management commands, never `None`), locks the rows two
staff members could change at once and raises a `DomainError` with a message that can be shown next
to the field it names.
"""

from digibank.devices.services.donations import (
    create_donation,
    normalise_reference,
    offer_donation,
    set_donation_status,
    update_donation,
)
from digibank.devices.services.history import blank_event_notes
from digibank.devices.services.importing import ImportRejected, ImportReport, import_devices
from digibank.devices.services.intake import next_asset_tags, register_device, update_device
from digibank.devices.services.states import (
    check_in_device,
    hand_over_device,
    mark_lost,
    release_reservation,
    reserve_device,
    transition,
)
from digibank.devices.services.workshop import (
    finish_repair,
    record_wipe,
    recycle_device,
    register_medium,
    remove_medium,
    save_checklist,
    start_repair,
)

__all__ = [
    "ImportRejected",
    "ImportReport",
    "blank_event_notes",
    "check_in_device",
    "create_donation",
    "finish_repair",
    "hand_over_device",
    "import_devices",
    "mark_lost",
    "next_asset_tags",
    "normalise_reference",
    "offer_donation",
    "record_wipe",
    "recycle_device",
    "register_device",
    "register_medium",
    "release_reservation",
    "remove_medium",
    "reserve_device",
    "save_checklist",
    "set_donation_status",
    "start_repair",
    "transition",
    "update_device",
    "update_donation",
]
