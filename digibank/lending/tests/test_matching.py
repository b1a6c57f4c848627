"""Matching ready devices to a request: kind, specifications for the purpose, keyboard layout,
accessories; the best first, each with its reasons."""

import pytest

from digibank.devices.models import Accessory, Device, DeviceKind, Grade, KeyboardLayout
from digibank.lending.matching import assess, matching_devices
from digibank.lending.models import Need
from digibank.lending.tests.helpers import ready_device, waiting_request

pytestmark = pytest.mark.django_db


def matches_for(request):
    return matching_devices(Device.objects.all(), request)


def test_only_ready_devices_of_the_kind_asked_for_match(world):
    laptop = ready_device(world.a)
    ready_device(world.a, kind=DeviceKind.TABLET)
    ready_device(world.b)
    request = waiting_request(world.a, device_kind=DeviceKind.LAPTOP)
    assert [match.device for match in matches_for(request)] == [laptop]


def test_the_keyboard_layout_asked_for_must_match(world):
    belgian = ready_device(world.a, keyboard_layout=KeyboardLayout.AZERTY_BE)
    ready_device(world.a, keyboard_layout=KeyboardLayout.QWERTY_US)
    request = waiting_request(world.a, keyboard_layout=KeyboardLayout.AZERTY_BE)
    [match] = matches_for(request)
    assert match.device == belgian
    assert "Keyboard: AZERTY (Belgian), as asked." in match.reasons


def test_a_device_too_weak_for_the_purpose_does_not_match(world):
    weak = ready_device(world.a, memory_gb=2, storage_gb=32)
    school = waiting_request(world.a, needs=[Need.SCHOOL])
    assert matches_for(school) == []
    problems = assess(school, weak).problems
    assert "2 GB memory; at least 4 GB is needed for this purpose." in problems
    assert "32 GB storage; at least 64 GB is needed for this purpose." in problems
    staying_in_touch = waiting_request(world.a, needs=[Need.STAYING_IN_TOUCH])
    assert [match.device for match in matches_for(staying_in_touch)] == [weak]


def test_a_worn_battery_does_not_match(world):
    worn = ready_device(world.a, battery_health=40)
    request = waiting_request(world.a)
    assert matches_for(request) == []
    assert "at least 60% is needed" in " ".join(assess(request, worn).problems)


def test_devices_with_the_wanted_accessories_and_a_better_grade_come_first(world):
    bare = ready_device(world.a, accessories=[])
    complete = ready_device(
        world.a, accessories=[Accessory.CHARGER, Accessory.HEADSET, Accessory.MOUSE]
    )
    charger_only = ready_device(world.a, accessories=[Accessory.CHARGER])
    request = waiting_request(
        world.a, needs=[Need.STAYING_IN_TOUCH], accessories_wanted=[Accessory.MOUSE]
    )
    ordered = [match.device for match in matches_for(request)]
    assert ordered == [complete, charger_only, bare]
    first = matches_for(request)[0]
    assert first.missing_accessories == []
    assert any(reason.startswith("Comes with: charger") for reason in first.reasons)
    last = matches_for(request)[-1]
    assert last.missing_accessories == ["charger", "mouse", "headset"]


def test_the_grade_breaks_a_tie(world):
    grade_c = ready_device(world.a, grade=Grade.C)
    grade_a = ready_device(world.a, grade=Grade.A)
    request = waiting_request(world.a)
    assert [match.device.pk for match in matches_for(request)] == [grade_a.pk, grade_c.pk]
