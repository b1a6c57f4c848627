"""The service other apps call to change a device's history: `blank_event_notes`."""

import datetime

from django.utils import timezone

from digibank.devices import services
from digibank.devices.models import DeviceEvent
from digibank.devices.tests.helpers import make_device
from digibank.testing import act


def _notes(device):
    return list(
        DeviceEvent.objects.filter(device=device).order_by("pk").values_list("note", flat=True)
    )


def test_it_takes_the_words_out_of_the_notes_and_keeps_the_lines(world):
    device = make_device(world.a.digibank)
    technician = world.users["technician"]
    since = timezone.now() - datetime.timedelta(seconds=1)
    services.start_repair(device=device, by=act(technician), fault="Screen cracked; Jan dropped it")
    lines = DeviceEvent.objects.filter(device=device).count()

    changed = services.blank_event_notes(
        device_id=device.pk, since=since, texts=["Jan dropped it", ""]
    )

    assert changed == 1
    assert DeviceEvent.objects.filter(device=device).count() == lines
    assert "Screen cracked" in _notes(device)
    assert not any("Jan" in note for note in _notes(device))


def test_it_leaves_the_history_before_the_given_moment_alone(world):
    device = make_device(world.a.digibank)
    technician = world.users["technician"]
    services.start_repair(device=device, by=act(technician), fault="Jan dropped it")
    later = timezone.now() + datetime.timedelta(minutes=1)

    changed = services.blank_event_notes(device_id=device.pk, since=later, texts=["Jan dropped it"])

    assert changed == 0
    assert "Jan dropped it" in _notes(device)


def test_it_changes_no_other_device(world):
    device = make_device(world.a.digibank)
    other = make_device(world.a.digibank)
    technician = world.users["technician"]
    since = timezone.now() - datetime.timedelta(seconds=1)
    services.start_repair(device=other, by=act(technician), fault="Jan dropped it")

    assert services.blank_event_notes(device_id=device.pk, since=since, texts=["Jan"]) == 0
    assert "Jan dropped it" in _notes(other)
