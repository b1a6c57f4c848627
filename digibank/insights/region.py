"""The region's side-by-side table: each digibank's main figures, one query per measure."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digibank.devices.models import Device, DeviceEvent, DeviceState
from digibank.insights.figures import help as help_at_hubs
from digibank.insights.figures import learning, people
from digibank.insights.figures.devices import device_filters
from digibank.insights.sources import Window
from digibank.insights.tables import Table, side_by_side
from digibank.lending.models import DeviceRequest, RequestStatus
from digibank.organisations.models import Digibank

COLUMNS = (
    ("people_reached", gettext_lazy("people reached")),
    ("devices_received", gettext_lazy("devices received")),
    ("devices_handed_over", gettext_lazy("devices handed over")),
    ("skills_checks", gettext_lazy("skills checks")),
    ("waiting_list", gettext_lazy("on the waiting list now")),
    ("sessions_held", gettext_lazy("sessions held")),
    ("help_visits", gettext_lazy("help visits")),
)


def _per_bank(rows: object, field: str = "digibank_id") -> dict[int, int]:
    return {row[field]: row["n"] for row in rows}  # type: ignore[attr-defined]


def digibanks_side_by_side(window: Window, digibanks: Sequence[Digibank]) -> Table:
    """Seven grouped queries, whatever the number of digibanks."""
    reached = people.reached_by_digibank(window)
    received = _per_bank(
        Device.objects.filter(created_at__gte=window.start, created_at__lt=window.end)
        .filter(**device_filters(window))
        .values("digibank_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    handed = _per_bank(
        DeviceEvent.objects.filter(
            at__gte=window.start, at__lt=window.end, from_state=DeviceState.RESERVED
        )
        .filter(**device_filters(window, "device__"))
        .filter(Q(to_state__in=(DeviceState.LOANED, DeviceState.GIFTED)))
        .values("device__digibank_id")
        .annotate(n=Count("id"))
        .order_by(),
        "device__digibank_id",
    )
    checks = _per_bank(
        people.skills_checks(window).values("digibank_id").annotate(n=Count("id")).order_by()
    )
    waiting_rows = DeviceRequest.objects.filter(
        digibank_id__in=window.digibank_ids, status=RequestStatus.WAITING
    )
    if window.municipality_id is not None:
        waiting_rows = waiting_rows.filter(person__municipality_id=window.municipality_id)
    waiting = _per_bank(waiting_rows.values("digibank_id").annotate(n=Count("id")).order_by())
    sessions = _per_bank(
        learning.held_sessions(window).values("digibank_id").annotate(n=Count("id")).order_by()
    )
    visits = _per_bank(
        help_at_hubs.visits(window).values("digibank_id").annotate(n=Count("id")).order_by()
    )
    return side_by_side(
        "digibanks",
        _("Digibanks side by side"),
        _("Digibank"),
        list(COLUMNS),
        [
            (
                bank.slug,
                bank.name,
                [
                    measure.get(bank.pk, 0)
                    for measure in (reached, received, handed, checks, waiting, sessions, visits)
                ],
            )
            for bank in digibanks
        ],
    )
