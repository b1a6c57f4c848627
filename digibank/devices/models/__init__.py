"""The device bank: donations, devices and everything done to a device until it leaves us.

One module per idea: `donations` (who gives), `devices` (what we hold and its state),
`workshop` (wipes, refurbishing checklists and repairs). Everything is re-exported here, so
`from digibank.devices.models import Device` keeps working and the migrations do not change.
"""

from digibank.devices.models.devices import (
    STORAGE_KINDS,
    Accessory,
    Condition,
    Device,
    DeviceEvent,
    DeviceImport,
    DeviceKind,
    DeviceState,
    DeviceStateCount,
    Grade,
    KeyboardLayout,
    TagSequence,
)
from digibank.devices.models.donations import (
    Delivery,
    Donation,
    DonationEvent,
    DonationStatus,
    DonorKind,
)
from digibank.devices.models.workshop import (
    MediumKind,
    RefurbishChecklist,
    Repair,
    RepairBarrier,
    RepairOutcome,
    StorageMedium,
    Wipe,
    WipeMethod,
    WipeResult,
)

__all__ = [
    "STORAGE_KINDS",
    "Accessory",
    "Condition",
    "Delivery",
    "Device",
    "DeviceEvent",
    "DeviceImport",
    "DeviceKind",
    "DeviceState",
    "DeviceStateCount",
    "Donation",
    "DonationEvent",
    "DonationStatus",
    "DonorKind",
    "Grade",
    "KeyboardLayout",
    "MediumKind",
    "RefurbishChecklist",
    "Repair",
    "RepairBarrier",
    "RepairOutcome",
    "StorageMedium",
    "TagSequence",
    "Wipe",
    "WipeMethod",
    "WipeResult",
]
