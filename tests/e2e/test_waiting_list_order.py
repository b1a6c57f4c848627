"""The waiting list's order in Chromium, with axe-core on every page visited.

A coordinator opens the waiting list, follows a ready laptop to the page that offers it, finds the
first in line proposed, chooses the second person instead, is asked why, gives the reason, and
sees "skipped because ..." next to the person passed over. The data before the journey (two
eligible requests, a refurbished laptop) is made through the services, as in the other journeys.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext

from digibank.lending.models import Allocation, DeviceRequest, SkipReason, WaitingListSkip
from digibank.lending.tests.helpers import ready_device, waiting_request
from digibank.testing import World
from tests.e2e.browser import DESKTOP
from tests.e2e.steps import dutch, go, log_in, submit

pytestmark = pytest.mark.e2e

LISTS = ("request_list", "waiting_list")


def test_a_ready_laptop_is_offered_to_the_first_in_line_and_a_skip_needs_a_reason(
    new_context: Callable[..., BrowserContext], live_server, e2e_world: World
):
    bank = e2e_world.a
    slug = bank.digibank.slug
    first = waiting_request(bank)
    DeviceRequest.objects.filter(pk=first.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=30)
    )
    second = waiting_request(bank, person=bank.person)
    laptop = ready_device(bank)

    page = new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
    log_in(page, live_server.url, bank.users["coordinator"])

    def open_the_waiting_list() -> None:
        requests, waiting = (reverse(f"lending:{name}", args=[slug]) for name in LISTS)
        go(page, lambda: page.click(f'nav a[href="{requests}"]'))
        go(page, lambda: page.click(f'main nav a[href="{waiting}"]'))

    open_the_waiting_list()
    offer = reverse("lending:offer", kwargs={"digibank": slug, "device_id": laptop.pk})
    go(page, lambda: page.click(f'main a[href="{offer}"]'))

    assert first.reference_display in page.inner_text("main .panel")
    assert page.is_checked(f"input[name=request][value='{first.pk}']")
    page.check(f"input[name=request][value='{second.pk}']")
    submit(page)  # without a reason: refused, with the message in the error summary
    assert page.locator(".error-summary").count() == 1
    assert not Allocation.objects.exists()

    page.check(f"input[name=skip_reason][value='{SkipReason.UNREACHABLE}']")
    page.fill("textarea[name=skip_note]", "Drie keer gebeld deze week, geen antwoord.")
    submit(page)
    assert Allocation.objects.get().request == second
    assert WaitingListSkip.objects.get().skipped == first

    open_the_waiting_list()
    place = page.locator("main .waiting-list__item", has_text=first.reference_display)
    text = place.inner_text()
    assert dutch(SkipReason.UNREACHABLE.label) in text
    assert "Drie keer gebeld deze week, geen antwoord." in text
