"""The pieces of the staff home: a line of work, a role's section, and the page's figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from digibank.devices import worklist as devices
from digibank.help import guide_queries
from digibank.help import queries as help_appointments
from digibank.help import visit_queries as help_queries
from digibank.help.models import Shift
from digibank.lending import queries as lending_queries
from digibank.lending import queue
from digibank.lending import worklist as lending
from digibank.messaging import queries as messaging
from digibank.organisations import queries as organisations
from digibank.organisations.permissions import Access
from digibank.skills import worklist as skills

# Ready devices offered to the first in line on the home page; the waiting list shows more.
READY_DEVICES_SHOWN = 5


@dataclass(frozen=True)
class Line:
    """One thing to do: what, how many, and the page where it is done."""

    text: str
    url: str
    count: int | str | None = None  # a figure of the analyst may read "<10"
    detail: str = ""


@dataclass(frozen=True)
class Section:
    role: str
    title: str
    lines: list[Line] = field(default_factory=list)
    # False for a role whose work has no page yet: it says so instead of "nothing to do".
    has_work_list: bool = True


class Figures:
    """The figures of one page, each read on first use and then kept for the other sections."""

    def __init__(self, access: Access) -> None:
        self.access = access

    @cached_property
    def requests(self) -> lending.RequestTallies:
        return lending.request_tallies(lending_queries.requests_for(self.access))

    @cached_property
    def referrals(self) -> lending.RequestTallies:
        partner_requests = lending_queries.requests_for(self.access).filter(
            person__referrer_partner_id__in=self.access.partner_ids
        )
        return lending.request_tallies(partner_requests)

    @cached_property
    def loans(self) -> lending.LoanTallies:
        return lending.loan_tallies(self.access, timezone.localdate())

    @cached_property
    def hand_overs(self) -> list[lending.HubHandOvers]:
        return lending.hand_overs_by_hub(self.access, timezone.localdate())

    @cached_property
    def pickups(self) -> lending.PickupTallies:
        return lending.pickup_tallies(self.access, timezone.localdate())

    @cached_property
    def ready_for_the_line(self) -> tuple[list[queue.Line], bool]:
        """Ready devices someone waits for, each with its line (the waiting list's own rule,
        fit included), and whether there are more than the page shows."""
        return queue.ready_for_the_line(self.access.digibank.pk, limit=READY_DEVICES_SHOWN)

    @cached_property
    def failed_messages(self) -> int:
        return messaging.failed_count(self.access)

    @cached_property
    def locked_members(self) -> int:
        return len(organisations.locked_out_members(self.access))

    @cached_property
    def partners_without_contact(self) -> int:
        return (
            organisations.partners_for(self.access).filter(organisations.without_contact()).count()
        )

    @cached_property
    def training(self) -> skills.TrainerWork:
        return skills.trainer_work(self.access)

    @cached_property
    def next_shifts(self) -> list[Shift]:
        return help_queries.next_shifts_of(self.access, limit=3)

    @cached_property
    def todays_queues(self) -> list[help_queries.HubQueue]:
        return help_queries.queue_tallies(self.access, self.todays_hubs) if self.todays_hubs else []

    @cached_property
    def todays_hubs(self) -> set[int]:
        return help_queries.hubs_of_todays_shifts(self.access)

    @cached_property
    def todays_appointments(self) -> dict[int, int]:
        hubs = self.todays_hubs
        return help_appointments.booked_today(self.access, hubs) if hubs else {}

    @cached_property
    def incoming_referrals(self) -> dict[str, int]:
        return help_queries.referral_tallies(help_queries.incoming_referrals(self.access))

    @cached_property
    def local_guides(self) -> guide_queries.LocalGuideTallies:
        return guide_queries.local_guide_tallies(self.access)

    @cached_property
    def shift_gaps(self) -> int:
        return help_queries.coverage_gaps(self.access).count()

    @cached_property
    def device_states(self) -> dict[str, int]:
        return devices.state_counts(self.access)

    @cached_property
    def donations(self) -> dict[str, int]:
        return devices.donation_counts(self.access)

    @cached_property
    def blocked(self) -> tuple[list[devices.BlockedDevice], int]:
        return devices.blocked_devices(self.access)


def url_of(name: str, access: Access, query: dict[str, object] | None = None, **kwargs: int) -> str:
    url = reverse(name, kwargs={"digibank": access.digibank.slug, **kwargs})
    return f"{url}?{urlencode(query)}" if query else url


def requests_url(access: Access, **query: object) -> str:
    return url_of("lending:request_list", access, query)
