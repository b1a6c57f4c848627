"""The workshop's lines: the technician's blocked devices, donations and queue by next step."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digibank.devices import worklist as devices
from digibank.devices.models import DeviceState, DonationStatus
from digibank.organisations.permissions import Access, Perm
from digibank.portal.worklist.figures import Figures, Line, url_of

S = DeviceState


# The workshop's next step for devices in each state.
def _step_text(state: str, count: int) -> str:
    texts: dict[str, str] = {
        S.REFURBISHING: ngettext(
            "device is being refurbished: finish its checklist and grade it",
            "devices are being refurbished: finish their checklists and grade them",
            count,
        ),
        S.WIPED: ngettext(
            "wiped device waits to be tested and refurbished",
            "wiped devices wait to be tested and refurbished",
            count,
        ),
        S.WIPING: ngettext(
            "device is being wiped: record the wipe of each drive",
            "devices are being wiped: record the wipe of each drive",
            count,
        ),
        S.RETURNED: ngettext(
            "returned device waits to be wiped again",
            "returned devices wait to be wiped again",
            count,
        ),
        S.RECEIVED: ngettext(
            "received device waits for intake: register its drives and wipe them",
            "received devices wait for intake: register their drives and wipe them",
            count,
        ),
        S.IN_REPAIR: ngettext("device is in repair", "devices are in repair", count),
        S.END_OF_LIFE: ngettext(
            "device at the end of its life waits for the recycler",
            "devices at the end of their life wait for the recycler",
            count,
        ),
        S.READY: ngettext("device is ready to hand out", "devices are ready to hand out", count),
    }
    return texts[state]


def technician_lines(access: Access, figures: Figures) -> list[Line]:
    lines: list[Line] = []
    if access.can(Perm.MANAGE_DEVICES):
        blocked, total = figures.blocked
        for device in blocked:
            lines.append(
                Line(
                    _("%(tag)s is blocked: %(state)s")
                    % {"tag": device.asset_tag, "state": DeviceState(device.state).label},
                    url_of("devices:detail", access, device_id=device.device_id),
                    detail=capfirst(", ".join(device.reasons)),
                )
            )
        if total > len(blocked):
            more = total - len(blocked)
            lines.append(
                Line(
                    ngettext("more blocked device", "more blocked devices", more),
                    url_of("devices:work_queue", access),
                    more,
                )
            )
    if access.can(Perm.MANAGE_DONATIONS):
        offered = figures.donations.get(DonationStatus.OFFERED, 0)
        accepted = figures.donations.get(DonationStatus.ACCEPTED, 0)
        if offered:
            lines.append(
                Line(
                    ngettext(
                        "donation is offered: accept or decline it",
                        "donations are offered: accept or decline them",
                        offered,
                    ),
                    url_of("devices:donation_list", access, {"status": DonationStatus.OFFERED}),
                    offered,
                )
            )
        if accepted:
            lines.append(
                Line(
                    ngettext(
                        "accepted donation awaits intake: register its devices when they arrive",
                        "accepted donations await intake: register their devices when they arrive",
                        accepted,
                    ),
                    url_of("devices:donation_list", access, {"status": DonationStatus.ACCEPTED}),
                    accepted,
                )
            )
    if access.can(Perm.MANAGE_DEVICES):
        for state in devices.WORKSHOP_STEPS:
            count = figures.device_states.get(state, 0)
            if not count:
                continue
            url = (
                url_of("devices:list", access, {"state": state})
                if state == S.READY
                else url_of("devices:work_queue", access, {"state": state})
            )
            lines.append(Line(_step_text(state, count), url, count))
    return lines
