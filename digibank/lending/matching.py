"""Which ready devices fit a request, and why: kind, specifications for the purpose, keyboard
layout and accessories.

A device *fits* when it passes the hard checks (`problems` is empty): the kind asked for, the
keyboard layout asked for, and the minimum memory and storage for what the person will do with it.
Among the devices that fit, the best come first: the most wanted accessories, then the grade,
then memory and battery health. Each match carries the sentences that explain it to the
coordinator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from digibank.devices.models import Accessory, Device, DeviceKind, DeviceState, KeyboardLayout
from digibank.lending.models import DeviceRequest, Need

COMPUTERS = frozenset({DeviceKind.LAPTOP, DeviceKind.DESKTOP})
HANDHELDS = frozenset({DeviceKind.TABLET, DeviceKind.SMARTPHONE})
WITH_KEYBOARD = frozenset({DeviceKind.LAPTOP, DeviceKind.DESKTOP, DeviceKind.KEYBOARD})
WITH_BATTERY = frozenset({DeviceKind.LAPTOP, DeviceKind.TABLET, DeviceKind.SMARTPHONE})

# Minimum (memory GB, storage GB) for each purpose, for computers and for tablets or phones.
# Sources: the requirements of the Flemish school platforms (Smartschool) and of video calls.
MINIMUM_SPECS: dict[str, dict[str, tuple[int, int]]] = {
    "computer": {
        Need.SCHOOL: (4, 64),
        Need.JOB_SEARCH: (4, 64),
        Need.TRAINING: (4, 64),
        Need.E_GOVERNMENT: (4, 32),
        Need.STAYING_IN_TOUCH: (2, 32),
    },
    "handheld": {
        Need.SCHOOL: (3, 32),
        Need.JOB_SEARCH: (2, 32),
        Need.TRAINING: (3, 32),
        Need.E_GOVERNMENT: (2, 32),
        Need.STAYING_IN_TOUCH: (2, 16),
    },
}
MINIMUM_BATTERY_HEALTH = 60
# Accessories that help with each purpose, on top of those the request names.
HELPFUL_ACCESSORIES: dict[str, tuple[str, ...]] = {
    Need.SCHOOL: (Accessory.MOUSE,),
    Need.JOB_SEARCH: (Accessory.MOUSE,),
    Need.TRAINING: (Accessory.MOUSE,),
    Need.E_GOVERNMENT: (Accessory.EID_READER,),
    Need.STAYING_IN_TOUCH: (Accessory.HEADSET,),
}
GRADE_SCORE = {"A": 3, "B": 2, "C": 1}
MAX_CANDIDATES = 500


def minimum_for(request: DeviceRequest, kind: str) -> tuple[int, int] | None:
    """The highest minimum (memory, storage) over the request's needs, or None (no minimum)."""
    group = "computer" if kind in COMPUTERS else "handheld" if kind in HANDHELDS else None
    if group is None:
        return None
    table = MINIMUM_SPECS[group]
    minimums = [table[need] for need in request.needs if need in table]
    if not minimums:
        return None
    return max(memory for memory, _ in minimums), max(storage for _, storage in minimums)


def wanted_accessories(request: DeviceRequest, kind: str) -> list[str]:
    wanted = list(request.accessories_wanted)
    if kind in WITH_BATTERY | {DeviceKind.DESKTOP}:
        wanted.insert(0, Accessory.CHARGER if kind in WITH_BATTERY else Accessory.CABLE)
    for need in request.needs:
        wanted += HELPFUL_ACCESSORIES.get(need, ())
    return list(dict.fromkeys(wanted))


@dataclass
class Match:
    device: Device
    problems: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    missing_accessories: list[str] = field(default_factory=list)
    score: tuple = ()

    @property
    def fits(self) -> bool:
        return not self.problems


def assess(request: DeviceRequest, device: Device) -> Match:
    """Check one device against a request: what stops it, and what speaks for it."""
    match = Match(device=device)
    labels = dict(Accessory.choices)
    if request.device_kind and device.kind != request.device_kind:
        match.problems.append(
            _("The request asks for a %(wanted)s; this is a %(kind)s.")
            % {
                "wanted": DeviceKind(request.device_kind).label,
                "kind": device.get_kind_display(),
            }
        )
    if request.keyboard_layout and device.kind in WITH_KEYBOARD:
        wanted_layout = KeyboardLayout(request.keyboard_layout).label
        if device.keyboard_layout != request.keyboard_layout:
            match.problems.append(
                _("The keyboard is %(layout)s; the request asks for %(wanted)s.")
                % {
                    "layout": device.get_keyboard_layout_display() or _("unknown"),
                    "wanted": wanted_layout,
                }
            )
        else:
            match.reasons.append(_("Keyboard: %(layout)s, as asked.") % {"layout": wanted_layout})
    minimum = minimum_for(request, device.kind)
    if minimum is not None:
        memory, storage = minimum
        if device.memory_gb is None or device.storage_gb is None:
            match.reasons.append(_("Memory or storage not known: check it before handing over."))
        if device.memory_gb is not None and device.memory_gb < memory:
            match.problems.append(
                _("%(has)d GB memory; at least %(needs)d GB is needed for this purpose.")
                % {"has": device.memory_gb, "needs": memory}
            )
        if device.storage_gb is not None and device.storage_gb < storage:
            match.problems.append(
                _("%(has)d GB storage; at least %(needs)d GB is needed for this purpose.")
                % {"has": device.storage_gb, "needs": storage}
            )
        if device.memory_gb is not None and device.memory_gb >= memory:
            match.reasons.append(
                _("%(has)d GB memory: enough for %(needs)s.")
                % {"has": device.memory_gb, "needs": ", ".join(request.get_needs_display())}
            )
    if device.kind in WITH_BATTERY and device.battery_health is not None:
        if device.battery_health < MINIMUM_BATTERY_HEALTH:
            match.problems.append(
                _("The battery holds %(health)d%% of its charge; at least %(min)d%% is needed.")
                % {"health": device.battery_health, "min": MINIMUM_BATTERY_HEALTH}
            )
        else:
            match.reasons.append(_("Battery at %(health)d%%.") % {"health": device.battery_health})
    wanted = wanted_accessories(request, device.kind)
    present = [code for code in wanted if code in device.accessories]
    match.missing_accessories = [
        str(labels.get(code, code)) for code in wanted if code not in present
    ]
    if present:
        match.reasons.append(
            _("Comes with: %(items)s.")
            % {"items": ", ".join(str(labels.get(code, code)) for code in present)}
        )
    if device.grade:
        match.reasons.append(_("Grade %(grade)s.") % {"grade": device.get_grade_display()})
    match.score = (
        len(present),
        GRADE_SCORE.get(device.grade, 0),
        device.memory_gb or 0,
        device.battery_health or 0,
        -device.pk,
    )
    return match


def candidates(devices: QuerySet[Device], request: DeviceRequest) -> QuerySet[Device]:
    """Ready devices of the request's digibank that can pass the hard checks (done in SQL)."""
    queryset = devices.filter(digibank_id=request.digibank_id, state=DeviceState.READY)
    if request.device_kind:
        queryset = queryset.filter(kind=request.device_kind)
        minimum = minimum_for(request, request.device_kind)
        if minimum is not None:
            memory, storage = minimum
            queryset = queryset.filter(
                Q(memory_gb__isnull=True) | Q(memory_gb__gte=memory),
                Q(storage_gb__isnull=True) | Q(storage_gb__gte=storage),
            )
        if request.keyboard_layout and request.device_kind in WITH_KEYBOARD:
            queryset = queryset.filter(keyboard_layout=request.keyboard_layout)
    return queryset.select_related("hub").order_by("grade", "-memory_gb", "id")


def matching_devices(devices: QuerySet[Device], request: DeviceRequest) -> list[Match]:
    """The devices that fit the request, best first."""
    found = [assess(request, device) for device in candidates(devices, request)[:MAX_CANDIDATES]]
    return sorted((match for match in found if match.fits), key=lambda m: m.score, reverse=True)
