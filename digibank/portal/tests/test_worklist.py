"""The staff home page lists, per role, what needs the user now, each line a link to the work."""

from __future__ import annotations

import pytest
from django.urls import reverse

from digibank.core import login_limits
from digibank.devices.models import DeviceKind, DeviceState, KeyboardLayout
from digibank.lending import queue
from digibank.lending.tests.helpers import (
    new_request,
    ready_device,
    reserved_request,
    waiting_request,
)
from digibank.organisations.models import Role
from digibank.portal.tests.worklist_data import (
    coordinator_work,
    freeze_today,
    later_than_every_due_date,
    technician_work,
)
from digibank.portal.worklist.figures import READY_DEVICES_SHOWN

pytestmark = pytest.mark.django_db

HOME = reverse("portal:dashboard", kwargs={"digibank": "mechelen"})


def home_as(client, user):
    client.force_login(user)
    with freeze_today(later_than_every_due_date()):
        response = client.get(HOME)
    assert response.status_code == 200
    return response


def sections_of(response):
    return {section.role: section for section in response.context["sections"]}


def lines_of(response, role):
    return sections_of(response)[role].lines


def line_with(lines, words):
    found = [line for line in lines if words in line.text or words in line.detail]
    assert len(found) == 1, f"no single line says {words!r}: {[line.text for line in lines]}"
    return found[0]


def shows(client, url, text):
    """The page a line links to opens, and shows `text` (the object of the work)."""
    with freeze_today(later_than_every_due_date()):
        page = client.get(url)
    assert page.status_code == 200, url
    return text in page.content.decode()


def test_the_coordinator_sees_each_kind_of_work_most_urgent_first_linked_to_its_list(client, world):
    work = coordinator_work(world.a)
    response = home_as(client, world.a.users["coordinator"])
    lines = lines_of(response, Role.COORDINATOR)
    texts = [line.text for line in lines]

    failed = line_with(lines, "could not be sent")
    assert failed.count == 1
    assert shows(client, failed.url, work.failed.recipient)
    reminded = line_with(lines, "after its reminder")
    assert reminded.count == 1
    assert shows(client, reminded.url, work.reminded.device.asset_tag)
    assert not shows(client, reminded.url, work.overdue.device.asset_tag)
    overdue = line_with(lines, "loans are overdue")
    assert overdue.count == 2
    ending = line_with(lines, "within two days")
    assert ending.count == 1
    assert shows(client, ending.url, work.pickup_ending.reference_display)
    assert not shows(client, ending.url, work.reserved.reference_display)
    handover = line_with(lines, "planned today")
    assert handover.count == 1
    assert shows(client, handover.url, work.reserved.reference_display)
    assert not shows(client, handover.url, work.pickup_ending.reference_display)
    tablets = line_with(lines, f"Tablet {work.ready_tablet.asset_tag} is ready")
    assert tablets.url == reverse(
        "lending:offer", kwargs={"digibank": "mechelen", "device_id": work.ready_tablet.pk}
    )
    assert work.first_in_line.reference_display in tablets.detail
    assert work.second_in_line.reference_display not in tablets.detail
    assert shows(client, tablets.url, work.first_in_line.reference_display)
    to_assess = line_with(lines, "new request to assess")
    assert shows(client, to_assess.url, work.to_assess.reference_display)
    assert not shows(client, to_assess.url, work.waiting_for_proof.reference_display)
    no_proof = line_with(lines, "waits for a proof")
    assert shows(client, no_proof.url, work.waiting_for_proof.reference_display)
    assert not shows(client, no_proof.url, work.to_assess.reference_display)
    no_type = line_with(lines, "waits for a device type")
    assert shows(client, no_type.url, work.waiting_for_device_type.reference_display)
    partners = line_with(lines, "no contact person")
    assert shows(client, partners.url, work.partner_without_contact.name)
    assert not shows(client, partners.url, world.b.partner.name)

    order = [
        failed,
        reminded,
        overdue,
        ending,
        handover,
        tablets,
        to_assess,
        no_proof,
        no_type,
        partners,
    ]
    assert [texts.index(line.text) for line in order] == sorted(
        texts.index(line.text) for line in order
    )


def test_the_home_page_offers_a_ready_device_to_the_first_in_line_it_fits(client, world):
    """The home page and the offer page follow one rule: a laptop with a Belgian AZERTY keyboard
    is not offered to someone ahead in line who needs a QWERTY one; it goes to the next."""
    needs_qwerty = waiting_request(world.a, keyboard_layout=KeyboardLayout.QWERTY_US)
    fits = waiting_request(world.a)
    laptop = ready_device(world.a)
    lines = lines_of(home_as(client, world.a.users["coordinator"]), Role.COORDINATOR)
    offer = line_with(lines, f"{laptop.asset_tag} is ready")
    assert fits.reference_display in offer.detail
    assert needs_qwerty.reference_display not in offer.detail
    assert offer.url == reverse(
        "lending:offer", kwargs={"digibank": "mechelen", "device_id": laptop.pk}
    )
    assert queue.first_in_line([laptop]) == {laptop.pk: fits}


def test_the_home_page_shows_a_few_ready_devices_and_links_to_the_waiting_list_for_more(
    client, world
):
    waiting_request(world.a)
    devices = [ready_device(world.a) for _ in range(READY_DEVICES_SHOWN + 1)]
    lines = lines_of(home_as(client, world.a.users["coordinator"]), Role.COORDINATOR)
    offered = [line for line in lines if "is ready" in line.text]
    assert len(offered) == READY_DEVICES_SHOWN
    assert devices[-1].asset_tag not in " ".join(line.text for line in offered)
    more = line_with(lines, "More ready devices")
    assert more.url == reverse("lending:waiting_list", kwargs={"digibank": "mechelen"})


def test_a_ready_device_nobody_waits_for_is_not_offered_on_the_home_page(client, world):
    waiting_request(world.a, device_kind=DeviceKind.TABLET)
    laptop = ready_device(world.a)
    lines = lines_of(home_as(client, world.a.users["coordinator"]), Role.COORDINATOR)
    assert not [line for line in lines if laptop.asset_tag in line.text]


def test_the_coordinator_sees_a_locked_out_member_and_reaches_the_unlock_button(client, world):
    volunteer = world.a.users["hub_volunteer"]
    client.force_login(volunteer)
    for _ in range(6):
        client.logout()
        client.post(reverse("login"), {"username": volunteer.username, "password": "wrong"})
    assert login_limits.locked_usernames([volunteer.username]) == {volunteer.username}

    response = home_as(client, world.a.users["coordinator"])
    locked = line_with(lines_of(response, Role.COORDINATOR), "cannot log in")
    assert locked.count == 1
    page = client.get(locked.url).content.decode()
    assert volunteer.username in page
    assert world.a.users["technician"].username not in page


def test_the_technician_sees_blocked_devices_and_why_then_donations_then_the_queue(client, world):
    work = technician_work(world.a)
    lines = lines_of(home_as(client, world.a.users["technician"]), Role.TECHNICIAN)

    assert lines[0].text.startswith(work.blocked.asset_tag)
    assert lines[0].detail == "Spare parts not available"
    assert lines[0].url.endswith(f"/devices/{work.blocked.pk}/")
    intake = line_with(lines, "awaits intake")
    assert shows(client, intake.url, work.awaiting_intake.reference)
    received = line_with(lines, "waits for intake")
    assert received.count == 1
    assert received.url.endswith(f"?state={DeviceState.RECEIVED}")
    assert shows(client, received.url, work.received.asset_tag)
    assert lines.index(intake) < lines.index(received)


def test_the_hub_volunteer_sees_the_hand_overs_of_each_hub_and_the_proofs_to_see(client, world):
    reserved = reserved_request(world.a, pickup_on=later_than_every_due_date())
    waiting = new_request(world.a, person=world.a.person)
    response = home_as(client, world.a.users["hub_volunteer"])
    section = sections_of(response)[Role.HUB_VOLUNTEER]

    hub = line_with(section.lines, world.a.hub.name)
    assert hub.count == 1
    assert shows(client, hub.url, reserved.reference_display)
    proof = line_with(section.lines, "proof of eligibility")
    assert shows(client, proof.url, waiting.reference_display)


def test_the_referrer_sees_only_the_referrals_of_their_partner(client, world):
    theirs = new_request(world.a)  # the referred person, of the world's partner
    new_request(world.a, person=world.a.person)  # came in without a partner
    new_request(world.b)
    lines = lines_of(home_as(client, world.a.users["referrer"]), Role.REFERRER)

    waiting = line_with(lines, "waits for a proof")
    assert waiting.count == 1
    assert f"partner={world.a.partner.pk}" in waiting.url
    assert shows(client, waiting.url, theirs.reference_display)


def test_a_referrer_who_is_also_a_volunteer_counts_only_their_partners_referrals_as_referrer(
    client, world
):
    new_request(world.a)  # the referred person, of the world's partner
    new_request(world.a, person=world.a.person)  # came in without a partner
    user = world.user_with_roles(Role.REFERRER, Role.HUB_VOLUNTEER)
    response = home_as(client, user)
    assert line_with(lines_of(response, Role.REFERRER), "waits for a proof").count == 1
    assert line_with(lines_of(response, Role.HUB_VOLUNTEER), "proof of eligibility").count == 2


def test_an_empty_section_says_there_is_nothing_to_do(client, world):
    body = home_as(client, world.a.users["technician"]).content.decode()
    assert sections_of(home_as(client, world.a.users["technician"]))[Role.TECHNICIAN].lines == []
    assert "Nothing needs you right now." in body


def test_a_user_with_two_roles_sees_both_sections(client, world):
    technician_work(world.a)
    reserved = reserved_request(world.a, pickup_on=later_than_every_due_date())
    user = world.user_with_roles(Role.TECHNICIAN, Role.HUB_VOLUNTEER)
    response = home_as(client, user)
    assert list(sections_of(response)) == [Role.HUB_VOLUNTEER, Role.TECHNICIAN]
    assert line_with(lines_of(response, Role.HUB_VOLUNTEER), world.a.hub.name).count == 1
    assert line_with(lines_of(response, Role.TECHNICIAN), "awaits intake").count == 1
    assert reserved.reference_display  # the reservation is what the hub line counts


def test_lines_follow_the_access_a_technician_sees_no_request_or_message(client, world):
    coordinator_work(world.a)
    response = home_as(client, world.a.users["technician"])
    assert list(sections_of(response)) == [Role.TECHNICIAN]
    body = response.content.decode()
    assert "/requests/" not in body
    assert "/messages/" not in body
    assert "/loans/" not in body


def test_another_digibanks_work_never_shows(client, world):
    roles = (Role.COORDINATOR, Role.TECHNICIAN, Role.HUB_VOLUNTEER, Role.REFERRER)
    before = {role: home_as(client, world.a.users[role]).context["sections"] for role in roles}
    coordinator_work(world.b)
    technician_work(world.b)
    for role in roles:
        assert home_as(client, world.a.users[role]).context["sections"] == before[role], role


@pytest.mark.parametrize(
    "roles",
    [
        (Role.COORDINATOR,),
        (Role.TECHNICIAN,),
        (Role.HUB_VOLUNTEER,),
        (Role.REFERRER,),
        (Role.COORDINATOR, Role.HUB_VOLUNTEER, Role.REFERRER, Role.TECHNICIAN),
    ],
)
def test_the_home_page_reads_the_same_number_of_queries_with_more_work(
    client, world, django_assert_num_queries, roles
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = world.user_with_roles(*roles)
    coordinator_work(world.a)
    technician_work(world.a)
    client.force_login(user)
    with freeze_today(later_than_every_due_date()), CaptureQueriesContext(connection) as few:
        first = client.get(HOME)
    assert any(section.lines for section in first.context["sections"])

    for number in range(3):
        coordinator_work(world.a, number=number + 1)
        technician_work(world.a)
    with (
        freeze_today(later_than_every_due_date()),
        django_assert_num_queries(len(few.captured_queries)),
    ):
        more = client.get(HOME)
    counts = [line.count for section in more.context["sections"] for line in section.lines]
    assert counts != [line.count for section in first.context["sections"] for line in section.lines]
