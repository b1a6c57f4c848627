"""Merging two records of one resident moves their device requests and loans (lending's handler
on `people.merging`)."""

from digibank.core.models import AuditAction, AuditEntry
from digibank.lending.models import DeviceRequest, Loan
from digibank.lending.tests.helpers import handed_over, new_request
from digibank.people import merging
from digibank.people.services import merge_people
from digibank.people.tests.helpers import register
from digibank.testing import act


def test_merging_moves_the_requests_and_loans_to_the_kept_record(world):
    keep = register(world.a, birth_year=1970)
    remove = register(world.a, birth_year=1970, allow_duplicate=True)
    own = new_request(world.a, person=keep)
    loan = handed_over(world.a, person=remove)

    counted = {rows.model: rows.count for rows in merging.rows_pointing_at(remove)}
    assert counted[DeviceRequest] == 1
    assert counted[Loan] == 1

    merge_people(keep=keep, remove=remove, by=act(world.users["coordinator"]))

    assert set(DeviceRequest.objects.filter(person=keep)) == {own, loan.request}
    assert list(Loan.objects.filter(person=keep)) == [loan]
    entry = AuditEntry.objects.get(action=AuditAction.MERGE, object_id=str(keep.pk))
    assert {"device_requests", "loans"} <= set(entry.fields)


def test_a_merge_without_lending_moves_nothing_of_lending(world):
    keep = register(world.a, birth_year=1971)
    remove = register(world.a, birth_year=1971, allow_duplicate=True)
    own = new_request(world.a, person=keep)

    merge_people(keep=keep, remove=remove, by=act(world.users["coordinator"]))

    assert list(DeviceRequest.objects.filter(person=keep)) == [own]
    entry = AuditEntry.objects.get(action=AuditAction.MERGE, object_id=str(keep.pk))
    assert "loans" not in entry.fields and "device_requests" not in entry.fields
