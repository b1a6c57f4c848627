"""What merging two records of one resident means for their device requests and loans.

Registered with `digibank.people.merging` at start-up (see `signals.connect`): people decides
which record stays, lending points its own rows at it. Requests and loans move as they are,
open or closed, so the kept record carries the whole lending history.
"""

from __future__ import annotations

from digibank.lending.models import DeviceRequest, Loan
from digibank.people.merging import MovingRows, PersonMerged, repoint
from digibank.people.models import Person

MODELS = (DeviceRequest, Loan)


def count_lending_of(person: Person) -> list[MovingRows]:
    return [
        MovingRows(DeviceRequest, "device_requests", person.device_requests.count()),
        MovingRows(Loan, "loans", person.loans.count()),
    ]


def move_lending(merged: PersonMerged) -> list[MovingRows]:
    requests = DeviceRequest.objects.filter(person=merged.remove)
    loans = Loan.objects.filter(person=merged.remove)
    return [
        MovingRows(DeviceRequest, "device_requests", repoint(requests, "person", merged.keep)),
        MovingRows(Loan, "loans", repoint(loans, "person", merged.keep)),
    ]
