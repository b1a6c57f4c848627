"""Demo donations and devices for one digibank, made through the real services.

Donations from a partner company, a private person and a company that offered devices on the
public page; devices in every state of the lifecycle, with wipes, checklists and repairs.
Devices shown as lent, given, lost or stolen here were handed out before the digibank used this
system (their history says so); the lending demo adds loans with agreements on top. Time is the
only thing set directly: dates are moved into the past so the workshop queue shows real waiting
times.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone

from digibank.core.models import User
from digibank.devices import journeys, services
from digibank.devices.models import (
    Accessory,
    Condition,
    Device,
    DeviceEvent,
    DeviceKind,
    DeviceState,
    Donation,
    DonorKind,
    Grade,
    RepairBarrier,
    RepairOutcome,
)
from digibank.organisations.models import Digibank, Partner, PartnerKind, Role
from digibank.organisations.permissions import SYSTEM, Access, acting
from digibank.people.models import Person

S = DeviceState

# (kind, brand, model, processor, memory GB, storage GB, screen inch)
MODELS = [
    (DeviceKind.LAPTOP, "Lenovo", "ThinkPad T480", "Intel Core i5-8350U", 8, 256, "14"),
    (DeviceKind.LAPTOP, "Dell", "Latitude 5400", "Intel Core i5-8365U", 8, 256, "14"),
    (DeviceKind.LAPTOP, "HP", "EliteBook 830 G6", "Intel Core i5-8265U", 16, 512, "13.3"),
    (DeviceKind.LAPTOP, "Lenovo", "ThinkPad X270", "Intel Core i5-7300U", 8, 128, "12.5"),
    (DeviceKind.DESKTOP, "Dell", "OptiPlex 7060", "Intel Core i5-8500", 8, 256, None),
    (DeviceKind.SCREEN, "Dell", "P2419H", "", None, None, "24"),
    (DeviceKind.SCREEN, "Philips", "243V7", "", None, None, "24"),
    (DeviceKind.TABLET, "Samsung", "Galaxy Tab A7", "", 3, 32, "10.4"),
    (DeviceKind.SMARTPHONE, "Samsung", "Galaxy A51", "", 4, 64, "6.5"),
    (DeviceKind.HOTSPOT, "Huawei", "E5576", "", None, None, None),
    (DeviceKind.MOUSE, "Logitech", "M185", "", None, None, None),
    (DeviceKind.HEADSET, "Jabra", "Evolve 20", "", None, None, None),
]
HANDED_OUT_NOTE = "Handed out before the digibank used this system."
# How many devices to make in each state (every state at least once).
PLAN: dict[DeviceState, int] = {
    S.RECEIVED: 6,
    S.WIPING: 3,
    S.WIPED: 3,
    S.REFURBISHING: 3,
    S.READY: 8,
    S.RESERVED: 1,
    S.LOANED: 4,
    S.GIFTED: 2,
    S.RETURNED: 1,
    S.IN_REPAIR: 2,
    S.END_OF_LIFE: 2,
    S.RECYCLED: 2,
    S.LOST: 1,
    S.STOLEN: 1,
}


@dataclass
class DevicesDemo:
    donations: list[Donation] = field(default_factory=list)
    devices: list[Device] = field(default_factory=list)

    @property
    def states(self) -> set[str]:
        return {device.state for device in self.devices}


def _company(digibank: Digibank) -> Partner | None:
    return Partner.objects.filter(digibank=digibank, kind=PartnerKind.COMPANY).first()


def _donations(digibank: Digibank, by: Access, rng: random.Random) -> list[Donation]:
    hub = digibank.hubs.filter(active=True).order_by("name").first()
    company = _company(digibank)
    first = services.create_donation(
        digibank=digibank,
        by=by,
        donor_kind=DonorKind.COMPANY,
        donor_partner=company,
        donor_name="" if company else "Vandenberghe Logistics NV",
        contact_name="Els Wouters",
        contact_email="it@vandenberghe.example",
        delivery="pick_up",
        street="Industrieweg 12",
        hub=hub,
        expected_counts={DeviceKind.LAPTOP: 20, DeviceKind.SCREEN: 6, DeviceKind.MOUSE: 10},
        notes="Laptops of 2018-2019, replaced by the company's new fleet.",
    )
    second = services.create_donation(
        digibank=digibank,
        by=by,
        donor_kind=DonorKind.PRIVATE,
        donor_name="Marc Janssens",
        contact_phone="0478 11 22 33",
        delivery="drop_off",
        hub=hub,
        expected_counts={DeviceKind.TABLET: 1, DeviceKind.SMARTPHONE: 2},
    )
    offered = services.offer_donation(
        digibank=digibank,
        donor_kind=DonorKind.COMPANY,
        donor_name="Bakkerij De Korenaar BV",
        company_number="0456.789.123",
        contact_name="Sofie Claes",
        contact_email="sofie@korenaar.example",
        delivery="drop_off",
        expected_counts={DeviceKind.LAPTOP: 3, DeviceKind.SCREEN: 3},
    )
    accepted = services.offer_donation(
        digibank=digibank,
        donor_kind=DonorKind.ORGANISATION,
        donor_name="Vrije Basisschool De Regenboog",
        contact_name="Tom Peeters",
        contact_phone="015 22 33 44",
        delivery="pick_up",
        street="Schoolstraat 3",
        expected_counts={DeviceKind.DESKTOP: 8, DeviceKind.SCREEN: 8},
    )
    services.set_donation_status(
        donation=accepted, by=by, status="accepted", note="Pick-up planned after the holidays."
    )
    return [first, second, offered, accepted]


def _register(
    digibank: Digibank,
    rng: random.Random,
    donation: Donation | None,
    number: int,
    *,
    kinds: Sequence[str] | None = None,
) -> Device:
    choices = [model for model in MODELS if kinds is None or model[0] in kinds]
    kind, brand, model, processor, memory, storage, screen = rng.choice(choices)
    accessories = []
    if kind in {DeviceKind.LAPTOP, DeviceKind.TABLET, DeviceKind.SMARTPHONE}:
        accessories.append(Accessory.CHARGER)
    if kind == DeviceKind.LAPTOP and rng.random() < 0.4:
        accessories.append(Accessory.BAG)
    return services.register_device(
        digibank=digibank,
        by=SYSTEM,
        donation=donation,
        kind=kind,
        brand=brand,
        model=model,
        serial=f"{brand[:2].upper()}{digibank.pk:02d}{number:05d}D",
        processor=processor,
        memory_gb=memory,
        storage_gb=storage,
        screen_inch=screen,
        battery_health=rng.randint(62, 97) if kind == DeviceKind.LAPTOP else None,
        operating_system="Windows 11 Pro" if kind in {DeviceKind.LAPTOP, "desktop"} else "",
        keyboard_layout="azerty_be" if kind == DeviceKind.LAPTOP else "",
        accessories=accessories,
        condition=rng.choice([Condition.GOOD, Condition.GOOD, Condition.FAIR, Condition.NEW]),
        hub=donation.hub if donation else None,
        media=journeys.storage_for(kind, storage),
    )


def _backdate(device: Device, days: int) -> None:
    when = timezone.now() - datetime.timedelta(days=days, hours=days % 9)
    Device.objects.filter(pk=device.pk).update(
        state_changed_at=when, received_on=(when - datetime.timedelta(days=days)).date()
    )


def build_demo(
    *,
    digibank: Digibank,
    rng: random.Random,
    users: dict[str, User],
    people: Sequence[Person],
) -> DevicesDemo:
    """Donations and devices in every state of the lifecycle (`people` are not needed here)."""
    coordinator = users[Role.COORDINATOR]
    technician = users.get(Role.TECHNICIAN, coordinator)
    by, by_technician = acting(coordinator, digibank), acting(technician, digibank)
    demo = DevicesDemo(donations=_donations(digibank, by, rng))
    company, private = demo.donations[0], demo.donations[1]
    numbers = iter(range(1, 100_000))
    for state, count in PLAN.items():
        for index in range(count):
            donation = private if index % 4 == 3 else company
            kinds = None
            if donation is private:
                kinds = [DeviceKind.TABLET, DeviceKind.SMARTPHONE]
            if state in {S.END_OF_LIFE, S.RECYCLED, S.IN_REPAIR}:
                kinds = [DeviceKind.LAPTOP, DeviceKind.DESKTOP]
            device = _register(digibank, rng, donation, next(numbers), kinds=kinds)
            demo.devices.append(_bring(device, state, index, (by, by_technician), technician, rng))
            _backdate(device, rng.randint(1, 40))
    return demo


def _bring(
    device: Device,
    state: DeviceState,
    index: int,
    actors: tuple[Access, Access],
    technician: User,
    rng: random.Random,
) -> Device:
    by, by_technician = actors  # the coordinator's and the technician's access
    grade = rng.choice([Grade.A, Grade.B, Grade.B, Grade.C])
    if state == S.IN_REPAIR:
        journeys.bring_to(device, S.WIPED, by=by, technician=technician)
        services.start_repair(
            device=device, by=by_technician, fault=rng.choice(["Broken hinge", "Keyboard: keys"])
        )
    elif state == S.END_OF_LIFE:
        journeys.bring_to(device, S.WIPED, by=by, technician=technician)
        repair = services.start_repair(device=device, by=by_technician, fault="Mainboard dead")
        services.finish_repair(
            repair=repair,
            by=by_technician,
            outcome=RepairOutcome.END_OF_LIFE,
            barriers=[RepairBarrier.NO_PARTS, RepairBarrier.PARTS_TOO_EXPENSIVE],
            minutes=45,
        )
    elif state == S.RECYCLED:
        journeys.bring_to(device, S.END_OF_LIFE, by=by, technician=technician)
        services.recycle_device(
            device=device, by=by_technician, recycler="Recupel collection point"
        )
    elif state == S.READY and index == 0:
        # A repaired device on its way back: fixed, then graded and ready again.
        journeys.bring_to(device, S.READY, by=by, technician=technician, grade=grade)
        repair = services.start_repair(device=device, by=by_technician, fault="Battery worn out")
        services.finish_repair(
            repair=repair,
            by=by_technician,
            outcome=RepairOutcome.FIXED,
            parts="Battery 48 Wh",
            minutes=25,
        )
    else:
        # Some devices wait half-way: a wipe not yet done, a checklist not yet complete.
        finish = index % 2 == 0 or state not in {S.WIPING, S.REFURBISHING}
        journeys.bring_to(
            device, state, by=by, technician=technician, finish_work=finish, grade=grade
        )
    if state in {S.LOANED, S.GIFTED, S.LOST, S.STOLEN, S.RETURNED}:
        DeviceEvent.objects.filter(
            device=device, to_state__in=[S.RESERVED, S.LOANED, S.GIFTED]
        ).update(note=HANDED_OUT_NOTE)
    device.refresh_from_db()
    return device
