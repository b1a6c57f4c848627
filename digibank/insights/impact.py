"""Repair and reuse impact: the documented factors per device kind.

Devices carry no weight, so the impact is an estimate: the number of devices reused (lent or
given) or recycled, times a typical weight and the greenhouse gas a new device's making would have
emitted. The factors are rounded averages of public life-cycle figures for typical devices
(manufacturers' product environmental reports and the EU's Ecodesign preparatory studies; a
laptop's manufacturing footprint is some 200-300 kg CO2e). They are shown on the data dictionary
page, so anyone can redo the sums; change them here, with their source, when better ones exist.

`kg`: the typical weight of one device. `co2e_kg`: the CO2e avoided by reusing one device instead
of buying a new one (the production share of its life cycle). Recycling avoids no production; it
is counted in kg of electronics kept out of residual waste only.
"""

from __future__ import annotations

from dataclasses import dataclass

from digibank.devices.models import DeviceKind


@dataclass(frozen=True)
class Factor:
    kg: float
    co2e_kg: float


FACTORS: dict[str, Factor] = {
    DeviceKind.LAPTOP: Factor(kg=2.0, co2e_kg=250.0),
    DeviceKind.DESKTOP: Factor(kg=8.0, co2e_kg=350.0),
    DeviceKind.SCREEN: Factor(kg=5.0, co2e_kg=300.0),
    DeviceKind.TABLET: Factor(kg=0.5, co2e_kg=90.0),
    DeviceKind.SMARTPHONE: Factor(kg=0.2, co2e_kg=60.0),
    DeviceKind.HOTSPOT: Factor(kg=0.2, co2e_kg=20.0),
    DeviceKind.DATA_SIM: Factor(kg=0.01, co2e_kg=0.5),
    DeviceKind.KEYBOARD: Factor(kg=0.6, co2e_kg=15.0),
    DeviceKind.MOUSE: Factor(kg=0.1, co2e_kg=5.0),
    DeviceKind.WEBCAM: Factor(kg=0.15, co2e_kg=10.0),
    DeviceKind.HEADSET: Factor(kg=0.3, co2e_kg=10.0),
}
