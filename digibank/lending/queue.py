"""Who is first in line for a ready device: the waiting list's own order, per device kind.

The waiting list (`queries.waiting_order`: the rule's priority, then the longest wait) is the one
order the staff waiting-list page shows and the resident's status page counts from. The line for
a device is that same order, limited to the requests asking for the device's kind. The first in
line is the first of them whom the device *fits* (`matching.assess`: keyboard layout, memory and
storage for the purpose, battery): a person it does not fit is not passed over, they simply
cannot use it, and the page says why.

Reserving a device for anyone later in the line passes over everyone ahead whom it fits; the
reservation service (`services.allocation.allocate`) then asks for a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from digibank.devices.models import Device, DeviceState
from digibank.lending.matching import assess
from digibank.lending.models import DeviceRequest, RequestStatus
from digibank.lending.queries import waiting_order


def line_for(digibank_id: int, kinds: Iterable[str]) -> QuerySet[DeviceRequest]:
    """The waiting requests asking for one of `kinds`, in the waiting list's order."""
    return waiting_order(
        DeviceRequest.objects.filter(digibank_id=digibank_id, device_kind__in=list(kinds))
    ).select_related("person", "eligibility_rule")


@dataclass
class Line:
    """The line for one device: who is first, who is ahead but cannot use it, who comes next."""

    device: Device
    first: DeviceRequest | None = None
    # Ahead of the first, with the reasons the device does not fit them.
    not_fitting: list[tuple[DeviceRequest, list[str]]] = field(default_factory=list)
    # The others the device fits, in line after the first.
    others: list[DeviceRequest] = field(default_factory=list)

    def passed_over_by(self, chosen: DeviceRequest) -> list[DeviceRequest]:
        """Everyone the device fits who stands ahead of `chosen` (nobody when it is the first)."""
        if self.first is None:
            return []
        fitting = [self.first, *self.others]
        ids = [request.pk for request in fitting]
        return fitting[: ids.index(chosen.pk)] if chosen.pk in ids else fitting


def lines_for(devices: Iterable[Device], requests: Iterable[DeviceRequest]) -> list[Line]:
    """The line of each device, from `requests` already in the waiting list's order."""
    waiting = list(requests)
    lines = []
    for device in devices:
        line = Line(device=device)
        for request in waiting:
            if request.device_kind != device.kind:
                continue
            match = assess(request, device)
            if not match.fits:
                if line.first is None:
                    line.not_fitting.append((request, [str(problem) for problem in match.problems]))
            elif line.first is None:
                line.first = request
            else:
                line.others.append(request)
        lines.append(line)
    return lines


def line_of(device: Device) -> Line:
    """The line for one device, in one query."""
    return lines_for([device], line_for(device.digibank_id, [device.kind]))[0]


def first_in_line(devices: Iterable[Device]) -> dict[int, DeviceRequest | None]:
    """For each device (by id), the request it is offered to first; one query for all of them.

    The devices must belong to one digibank.
    """
    devices = list(devices)
    if not devices:
        return {}
    requests = line_for(devices[0].digibank_id, {device.kind for device in devices})
    return {line.device.pk: line.first for line in lines_for(devices, requests)}


def ready_for_the_line(digibank_id: int, *, limit: int) -> tuple[list[Line], bool]:
    """Ready devices of a kind someone is waiting for, each with its line; and whether there are
    more than `limit`. Two queries, whatever the numbers: the devices, then the line."""
    waiting_kinds = DeviceRequest.objects.filter(
        digibank_id=digibank_id, status=RequestStatus.WAITING
    ).values("device_kind")
    devices = list(
        Device.objects.filter(
            digibank_id=digibank_id, state=DeviceState.READY, kind__in=waiting_kinds
        )
        .select_related("hub")
        .order_by("kind", "id")[: limit + 1]
    )
    shown = devices[:limit]
    if not shown:
        return [], False
    requests = line_for(digibank_id, {device.kind for device in shown})
    return lines_for(shown, requests), len(devices) > limit
