"""A coordinator invites a new address; the person reads the mail, opens the link, makes their
account with their own password, accepts, logs in and lands on the staff pages. In Chromium, in
Dutch, with axe-core on every page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from digibank.organisations.models import Membership, Role
from digibank.testing import World
from tests.e2e.steps import dutch, go, log_in, open_page, path_of, submit

pytestmark = pytest.mark.e2e

PASSWORD = "kalender-fiets-42-wolk"


def test_a_coordinator_invites_a_new_address_who_makes_an_account_and_accepts(
    page: Page, new_context, live_server, e2e_world: World, mailoutbox
):
    bank = e2e_world.a
    base = live_server.url

    # The coordinator invites lotte@example.be as a trainer.
    log_in(page, base, bank.users["coordinator"])
    open_page(page, base + reverse("organisations:member_list", args=[bank.digibank.slug]))
    go(page, lambda: page.get_by_role("link", name=dutch("Invite someone")).click())
    page.get_by_label(dutch("Email address")).fill("lotte@example.be")
    page.get_by_label(dutch(Role.TRAINER.label), exact=True).check()
    submit(page)
    assert path_of(page) == reverse("organisations:member_list", args=[bank.digibank.slug])
    assert "lotte@example.be" in page.locator("main").inner_text()
    assert dutch("invited, not yet accepted") in page.locator("main").inner_text()

    # Lotte reads the mail and opens the link in her own browser.
    assert [message.to for message in mailoutbox] == [["lotte@example.be"]]
    found = re.search(r"https?://\S+/invitations/[\w-]+/", mailoutbox[0].body)
    assert found, "no link in the mail"
    invitee = new_context().new_page()
    open_page(invitee, base + urlsplit(found.group(0)).path)
    assert bank.digibank.name in invitee.locator("h1").inner_text()
    go(
        invitee,
        lambda: invitee.get_by_role("link", name=dutch("Make an account and accept")).click(),
    )

    invitee.get_by_label(dutch("First name")).fill("Lotte")
    invitee.get_by_label(dutch("Last name")).fill("Wouters")
    invitee.get_by_label(dutch("Username")).fill("lotte")
    invitee.get_by_label(dutch("Password"), exact=True).fill(PASSWORD)
    invitee.get_by_label(dutch("Password again")).fill(PASSWORD)
    submit(invitee)
    assert path_of(invitee) == reverse("login")
    assert Membership.objects.filter(
        user__username="lotte", digibank=bank.digibank, role=Role.TRAINER
    ).exists()

    # She logs in with the password she chose and lands on her digibank's staff home.
    invitee.get_by_label(dutch("Username")).fill("lotte")
    invitee.get_by_label(dutch("Password")).fill(PASSWORD)
    go(invitee, lambda: invitee.locator("main form button[type=submit]").click())
    assert path_of(invitee) == reverse("portal:dashboard", args=[bank.digibank.slug])

    # The used link no longer works, and says so.
    open_page(invitee, base + urlsplit(found.group(0)).path)
    assert dutch("This invitation link does not work") in invitee.locator("h1").inner_text()
