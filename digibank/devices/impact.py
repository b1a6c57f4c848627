"""Impact figures: kilograms of e-waste and CO2e avoided because devices were reused or repaired.

How it is counted
-----------------
A device counts as *reused* once it has been handed out (lent or given) at least once. Each reused
device is a device that did not become e-waste yet, and a new device that did not have to be made:

    e-waste avoided (kg) = Σ average weight of its kind
    CO2e avoided (kg)    = Σ greenhouse gases emitted to make a new device of its kind

Only the making of a device is counted (raw materials, components, assembly, transport), not
its use: reuse changes little in the electricity a device uses, but avoids most of its footprint,
which for laptops, tablets and smartphones lies mainly in its production. A repaired device that is
handed out again is counted once, as a reused device; the number of repairs is shown apart.

The table
---------
The figures below are deliberately rounded down and kept at the low end of the published ranges,
so a digibank never claims more than it achieved. They are averages per kind, not per model.

Sources:

1. Weight: typical weights of current models from manufacturers' specification sheets, checked
   against the average weights per product category (UNU-KEYs) used for e-waste statistics in
   Forti, Baldé, Kuehr (2018), "E-waste Statistics: Guidelines on classification, reporting and
   indicators", 2nd edition, United Nations University / UNITAR (ViE – SCYCLE), Bonn.
2. Footprint of making a device: ADEME, Base Empreinte® (the French public database of emission
   factors, base-empreinte.ademe.fr), equipment category "Numérique", as published on ADEME's
   Impact CO2 site (impactco2.fr, 2022 onwards), and ADEME & Arcep (2022), "Évaluation de l'impact
   environnemental du numérique en France et analyse prospective"; cross-checked with
   manufacturers' product carbon footprint sheets (Dell, HP, Lenovo, Apple, Samsung).

Per kind, the lowest credible published figure is taken. Checked in November 2026 against ADEME's
figures as quoted in secondary sources (Base Empreinte itself could not be consulted from the
build machine): re-check against the database before a public campaign quotes totals.

- laptop 100 kg: ADEME gives 156 kg CO2e over the life of a 2 kg laptop, of which 103 kg for its
  making; manufacturers' sheets for entry-level laptops give 200-300 kg over the life, 70-85 % of
  it for the making.
- smartphone 30 kg: ADEME's Impact CO2 gave about 31 kg for a whole life; ADEME itself announced a
  higher average (about 85 kg) and manufacturers give 22-85 kg, so 30 kg is the floor.
- desktop 150 kg, screen 150 kg, tablet 60 kg: ADEME's figures for a desktop unit without
  screen, a 21-24 inch screen and a tablet, rounded down, all below the manufacturers' sheets.
- accessories, hotspots and SIM cards: small, rounded down from ADEME's small-electronics factors;
  they never weigh much in a total.

When ADEME publishes new factors, change TABLE and this list together: the totals shown on the
donor reports follow at once (they are computed, never stored).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from digibank.devices.models import (
    Device,
    DeviceEvent,
    DeviceKind,
    DeviceState,
    RepairOutcome,
    WipeResult,
)


@dataclass(frozen=True)
class Footprint:
    weight_kg: Decimal
    co2e_kg: Decimal


K = DeviceKind
D = Decimal

# Kind → average weight and the CO2e of making a new one (see the module's docstring for sources).
TABLE: dict[str, Footprint] = {
    K.LAPTOP: Footprint(D("2.0"), D("100")),
    K.DESKTOP: Footprint(D("7.5"), D("150")),
    K.SCREEN: Footprint(D("4.5"), D("150")),
    K.TABLET: Footprint(D("0.5"), D("60")),
    K.SMARTPHONE: Footprint(D("0.2"), D("30")),
    K.HOTSPOT: Footprint(D("0.15"), D("10")),
    K.DATA_SIM: Footprint(D("0.005"), D("0.2")),
    K.KEYBOARD: Footprint(D("0.6"), D("10")),
    K.MOUSE: Footprint(D("0.1"), D("4")),
    K.WEBCAM: Footprint(D("0.15"), D("5")),
    K.HEADSET: Footprint(D("0.25"), D("8")),
}

SOURCES = [
    _(
        "Weight: typical weights from manufacturers' specification sheets, checked against the "
        "average weights used for e-waste statistics in Forti, Baldé and Kuehr (2018), E-waste "
        "Statistics: Guidelines on classification, reporting and indicators, 2nd edition, United "
        "Nations University / UNITAR."
    ),
    _(
        "CO2e of making a new device: ADEME, Base Empreinte (French public database of emission "
        "factors), digital equipment; ADEME and Arcep (2022), Évaluation de l'impact "
        "environnemental du numérique en France; cross-checked with manufacturers' product "
        "carbon footprint sheets."
    ),
    _(
        "Only the making of a new device is counted, at the low end of the published ranges, so "
        "the figures never claim more than was achieved."
    ),
]

HANDED_OUT = (DeviceState.LOANED, DeviceState.GIFTED)


@dataclass
class KindLine:
    kind: str
    reused: int
    weight_kg: Decimal
    co2e_kg: Decimal

    @property
    def label(self) -> str:
        return str(DeviceKind(self.kind).label)


@dataclass
class Impact:
    received: int = 0
    wiped: int = 0
    reused: int = 0
    repaired: int = 0
    recycled: int = 0
    people_reached: int | None = None
    lines: list[KindLine] = field(default_factory=list)

    @property
    def waste_avoided_kg(self) -> Decimal:
        return sum((line.weight_kg for line in self.lines), D("0"))

    @property
    def co2e_avoided_kg(self) -> Decimal:
        return sum((line.co2e_kg for line in self.lines), D("0"))


def table_rows() -> list[tuple[str, Footprint]]:
    """The table as shown on the impact page, in the order of the kinds."""
    return [(str(kind.label), TABLE[kind]) for kind in DeviceKind]


def reused_devices(devices: QuerySet[Device]) -> QuerySet[Device]:
    """Devices handed out at least once."""
    handed_out = DeviceEvent.objects.filter(
        kind=DeviceEvent.Kind.TRANSITION, to_state__in=HANDED_OUT
    ).values("device_id")
    return devices.filter(pk__in=handed_out)


def people_reached(devices: QuerySet[Device]) -> int | None:
    """How many different residents received one of these devices; None without lending."""
    if not apps.is_installed("digibank.lending"):
        return None
    loan = apps.get_model("lending", "Loan")
    # An erased person's loans keep a random key of their own instead of the person: counted too.
    counts = loan.objects.filter(device__in=devices.values("pk")).aggregate(
        known=Count("person", distinct=True), erased=Count("erased_person_key", distinct=True)
    )
    return counts["known"] + counts["erased"]


def impact_of(devices: QuerySet[Device]) -> Impact:
    """The figures of a set of devices: a digibank's, a donor's or one donation's."""
    devices = devices.order_by()
    totals = devices.aggregate(
        received=Count("pk"), recycled=Count("pk", filter=Q(state=DeviceState.RECYCLED))
    )
    per_kind = dict(
        reused_devices(devices).values_list("kind").annotate(count=Count("pk")).order_by()
    )
    lines = []
    for kind in DeviceKind:
        count = per_kind.get(kind, 0)
        if count:
            footprint = TABLE[kind]
            lines.append(
                KindLine(kind, count, footprint.weight_kg * count, footprint.co2e_kg * count)
            )
    return Impact(
        received=totals["received"],
        wiped=devices.filter(wipes__result=WipeResult.PASSED).values("pk").distinct().count(),
        reused=sum(per_kind.values()),
        repaired=devices.filter(repairs__outcome=RepairOutcome.FIXED)
        .values("pk")
        .distinct()
        .count(),
        recycled=totals["recycled"],
        people_reached=people_reached(devices),
        lines=lines,
    )
