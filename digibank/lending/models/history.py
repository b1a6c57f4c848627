"""The history of every status change of a request, a reservation and a loan.

Written by the state machines in `digibank.lending.states`, in the transaction of the change. A
row holds the two statuses, who and when, and no free text: nothing to blank when the resident
is erased (the request and loan stay, anonymous, and so does their history).
"""

from __future__ import annotations

from django.db import models

from digibank.core.states import StateHistory
from digibank.lending.models.loans import Allocation, Loan
from digibank.lending.models.requests import DeviceRequest


class RequestEvent(StateHistory):
    request = models.ForeignKey(DeviceRequest, on_delete=models.CASCADE, related_name="events")

    class Meta(StateHistory.Meta):
        indexes = [models.Index(fields=["request", "at"])]


class AllocationEvent(StateHistory):
    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="events")

    class Meta(StateHistory.Meta):
        indexes = [models.Index(fields=["allocation", "at"])]


class LoanEvent(StateHistory):
    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="events")

    class Meta(StateHistory.Meta):
        indexes = [models.Index(fields=["loan", "at"])]
