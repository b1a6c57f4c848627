import random

import pytest

from digibank.devices import demo
from digibank.devices.models import Device, DeviceState, DonationStatus

pytestmark = pytest.mark.django_db


def test_the_demo_has_devices_in_every_state_and_donations_in_each_status(world):
    built = demo.build_demo(
        digibank=world.a.digibank,
        rng=random.Random(3),
        users=world.a.users,
        people=[world.a.person],
    )
    assert built.states == set(DeviceState.values)
    assert Device.objects.filter(digibank=world.a.digibank).count() == sum(demo.PLAN.values())
    statuses = {donation.status for donation in built.donations}
    assert statuses == {DonationStatus.RECEIVED, DonationStatus.OFFERED, DonationStatus.ACCEPTED}
    ready = Device.objects.filter(digibank=world.a.digibank, state=DeviceState.READY)
    assert all(device.grade for device in ready)
    assert Device.objects.filter(repairs__outcome="fixed").exists()
