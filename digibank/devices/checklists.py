"""The refurbishing checklist of each kind of device: what a technician checks before handing out.

Every item must be ticked, and a grade given, before a device can become ready.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from digibank.devices.models import DeviceKind

K = DeviceKind

ITEMS: dict[str, Promise] = {
    "os_updated": _("Operating system installed and all updates done"),
    "battery_checked": _("Battery health measured (at least 60%)"),
    "screen_tested": _("Screen tested: no dead pixels, full brightness"),
    "keyboard_tested": _("Keyboard and touchpad tested: every key works"),
    "ports_tested": _("USB ports, sound, webcam and Wi-Fi tested"),
    "charger_present": _("Working charger present"),
    "browser": _("Up-to-date web browser installed"),
    "office_suite": _("Office suite installed (LibreOffice or similar)"),
    "eid_ready": _("eID software installed and tested with a card reader"),
    "itsme_ready": _("Can install itsme (supported system version)"),
    "accounts_removed": _("No accounts or activation locks of the donor left"),
    "cleaned": _("Cleaned and disinfected"),
    "tested": _("Tested: powers on and works"),
    "cable_present": _("Power and video cables present"),
    "plan_active": _("Data plan active and its end date noted"),
}

_COMPUTER = [
    "os_updated",
    "screen_tested",
    "keyboard_tested",
    "ports_tested",
    "browser",
    "office_suite",
    "eid_ready",
    "accounts_removed",
    "cleaned",
]
_MOBILE = [
    "os_updated",
    "battery_checked",
    "screen_tested",
    "charger_present",
    "browser",
    "itsme_ready",
    "accounts_removed",
    "cleaned",
]

BY_KIND: dict[str, list[str]] = {
    K.LAPTOP: [
        *_COMPUTER[:2],
        "battery_checked",
        *_COMPUTER[2:4],
        "charger_present",
        *_COMPUTER[4:],
    ],
    K.DESKTOP: _COMPUTER,
    K.TABLET: _MOBILE,
    K.SMARTPHONE: _MOBILE,
    K.SCREEN: ["screen_tested", "cable_present", "cleaned"],
    K.HOTSPOT: ["tested", "charger_present", "plan_active", "cleaned"],
    K.DATA_SIM: ["plan_active", "tested"],
    K.KEYBOARD: ["tested", "cleaned"],
    K.MOUSE: ["tested", "cleaned"],
    K.WEBCAM: ["tested", "cleaned"],
    K.HEADSET: ["tested", "cleaned"],
}


def items_for(kind: str) -> list[tuple[str, Promise]]:
    return [(code, ITEMS[code]) for code in BY_KIND[kind]]
