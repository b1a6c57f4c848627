"""Forms of the device bank's staff pages: plain messages next to each field, never a 500.

One module per part of the work: `inventory` (filters, a device's details), `workshop` (states,
storage, wipes, checklist, repairs, recycling) and `donations`; `common` holds what they share.
"""

from digibank.devices.forms.common import capitalised, limit_number, text_inputs
from digibank.devices.forms.donations import (
    COUNTED_KINDS,
    CountsMixin,
    DonationForm,
    DonationStatusForm,
    ImportForm,
    count_field,
)
from digibank.devices.forms.inventory import (
    KEYBOARD_CHOICES,
    DeviceFilterForm,
    DeviceForm,
    RegisterDeviceForm,
)
from digibank.devices.forms.workshop import (
    ChecklistForm,
    MediumForm,
    RecycleForm,
    RepairFinishForm,
    RepairStartForm,
    TransitionForm,
    WipeForm,
)

__all__ = [
    "COUNTED_KINDS",
    "KEYBOARD_CHOICES",
    "ChecklistForm",
    "CountsMixin",
    "DeviceFilterForm",
    "DeviceForm",
    "DonationForm",
    "DonationStatusForm",
    "ImportForm",
    "MediumForm",
    "RecycleForm",
    "RegisterDeviceForm",
    "RepairFinishForm",
    "RepairStartForm",
    "TransitionForm",
    "WipeForm",
    "capitalised",
    "count_field",
    "limit_number",
    "text_inputs",
]
