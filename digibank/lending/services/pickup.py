"""Reservations nobody picked up end on their own, the day after their pick-up deadline.

The pick-up message promises the device until `Allocation.pickup_until`; after that day the
device goes to the line again. `release_overdue_reservations` is an upkeep job of the periodic
task (`messaging.reminders.register_upkeep`, run by `manage.py run_worker` every few minutes): it
releases each overdue reservation through `allocation.release` (so the state machines move the
device back to ready and the request back to the waiting list, audited as the system), and tells
the resident through the outbox. Running it again the same day finds nothing more to do.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.lending import notify
from digibank.lending.models import Allocation, AllocationStatus
from digibank.lending.services.allocation import release
from digibank.organisations.permissions import SYSTEM

logger = logging.getLogger(__name__)


def release_overdue_reservations(today: datetime.date) -> int:
    """Release every active reservation whose pick-up deadline is before `today`; how many.

    Each reservation in its own transaction: one that was handed over meanwhile (the service
    refuses it) does not hold the others up.
    """
    overdue = list(
        Allocation.objects.filter(status=AllocationStatus.ACTIVE, pickup_until__lt=today)
        .order_by("pickup_until", "id")
        .values_list("pk", flat=True)
    )
    released = 0
    for pk in overdue:
        allocation = Allocation.objects.select_related("request", "device", "digibank").get(pk=pk)
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("Not picked up by %(date)s.") % {
                "date": notify.pickup_deadline(allocation).strftime("%d/%m/%Y")
            }
        try:
            with transaction.atomic():
                release(request=allocation.request, by=SYSTEM, reason=reason)
                notify.reservation_released_sent(allocation)
        except DomainError:
            logger.info("Reservation %s was no longer active when released", pk)
            continue
        released += 1
    return released
