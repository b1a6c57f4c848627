"""The outbox pages: list with filters, a message's details, and sending a failed one again."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from digibank.core.models import AuditAction, AuditEntry
from digibank.messaging.models import Message, MessageKind, MessageStatus
from digibank.messaging.services import queue_message
from digibank.messaging.tasks import send_queued_message
from digibank.messaging.testing import contactable
from digibank.people.models import ContactMethod
from digibank.testing import PASSWORD

pytestmark = pytest.mark.django_db

DUE = {"device": "laptop", "due_date": datetime.date(2025, 3, 4)}


@pytest.fixture
def coordinator(client, world):
    client.login(username=world.a.users["coordinator"].username, password=PASSWORD)
    return client


def list_url(world, **query):
    url = reverse("messaging:list", kwargs={"digibank": world.a.digibank.slug})
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def detail_url(world, message):
    return reverse(
        "messaging:detail", kwargs={"digibank": world.a.digibank.slug, "message_id": message.pk}
    )


def send_again_url(world, message):
    return reverse(
        "messaging:send_again",
        kwargs={"digibank": world.a.digibank.slug, "message_id": message.pk},
    )


def donation_thanks(bank, number: int = 0) -> Message:
    message = queue_message(
        digibank=bank.digibank,
        kind=MessageKind.DONATION_RECEIVED,
        to_email=f"it-{number}@company.example",
        context={"device_count": 3},
    )
    assert message is not None
    return message


def failed_message(world, smtp_server) -> Message:
    smtp_server.always = "550 5.1.1 No such mailbox here"
    message = queue_message(
        digibank=world.a.digibank,
        kind=MessageKind.OVERDUE,
        person=contactable(world.a),
        context=DUE,
    )
    assert message is not None
    send_queued_message(message.pk)
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    return message


def test_the_outbox_lists_the_digibanks_messages_only(coordinator, world):
    mine = donation_thanks(world.a, 1)
    theirs = donation_thanks(world.b, 2)

    response = coordinator.get(list_url(world))

    assert response.status_code == 200
    assert detail_url(world, mine).encode() in response.content
    assert theirs.recipient.encode() not in response.content
    assert b"1 message." in response.content


def test_the_outbox_filters_by_status_and_kind(coordinator, world):
    queued = donation_thanks(world.a, 1)
    skipped = queue_message(
        digibank=world.a.digibank,
        kind=MessageKind.OVERDUE,
        person=contactable(world.a, consent=False),
        context=DUE,
    )

    by_status = coordinator.get(list_url(world, status="skipped"))
    by_kind = coordinator.get(list_url(world, kind="donation_received"))

    assert detail_url(world, skipped).encode() in by_status.content
    assert detail_url(world, queued).encode() not in by_status.content
    assert detail_url(world, queued).encode() in by_kind.content
    assert detail_url(world, skipped).encode() not in by_kind.content


@pytest.mark.parametrize("value", ["", "nonsense", "<script>alert(1)</script>", "🙂", "a" * 10_000])
def test_a_strange_filter_value_shows_a_message_and_the_whole_list(coordinator, world, value):
    message = donation_thanks(world.a, 1)

    response = coordinator.get(list_url(world), {"status": value})

    assert response.status_code == 200
    assert detail_url(world, message).encode() in response.content
    assert b"<script>alert(1)</script>" not in response.content
    if value:
        assert b'class="error-message"' in response.content


def test_the_outbox_is_paginated(coordinator, world):
    for number in range(55):
        donation_thanks(world.a, number)

    first = coordinator.get(list_url(world))
    second = coordinator.get(list_url(world, page=2))

    assert first.content.count(b"<tr>") == 51  # the header row and 50 messages
    assert second.content.count(b"<tr>") == 6
    assert b"Page 2 of 2" in second.content


def test_the_outbox_needs_the_same_number_of_queries_for_more_messages(
    coordinator, world, django_assert_max_num_queries
):
    person = contactable(world.a)
    for number in range(3):
        queue_message(
            digibank=world.a.digibank, kind=MessageKind.OVERDUE, person=person, context=DUE
        )
        donation_thanks(world.a, number)
    with django_assert_max_num_queries(12) as few:
        coordinator.get(list_url(world))

    for number in range(30):
        queue_message(
            digibank=world.a.digibank, kind=MessageKind.OVERDUE, person=person, context=DUE
        )
        donation_thanks(world.a, 100 + number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = coordinator.get(list_url(world))

    assert response.content.count(b"<tr>") == 51  # a full page, and the person on half of it
    assert response.content.count(person.full_name.encode()) == 25


def test_the_detail_shows_the_text_and_how_delivery_went(coordinator, world, smtp_server):
    message = failed_message(world, smtp_server)

    response = coordinator.get(detail_url(world, message))

    content = response.content.decode()
    assert response.status_code == 200
    assert message.subject in content
    assert "No such mailbox here" in content
    assert "Send again" in content
    assert "Amélie Dubois" in content
    assert (
        reverse(
            "people:detail",
            kwargs={"digibank": world.a.digibank.slug, "person_id": message.person_id},
        )
        in content
    )


def test_looking_at_a_message_is_recorded_in_the_audit_trail(coordinator, world):
    message = donation_thanks(world.a)

    coordinator.get(detail_url(world, message))

    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_type="messaging.message", object_id=str(message.pk)
    ).exists()


def test_a_message_that_did_not_fail_has_no_send_again_button(coordinator, world):
    message = donation_thanks(world.a)

    response = coordinator.get(detail_url(world, message))

    assert b"Send again" not in response.content


def test_the_detail_says_when_the_persons_language_has_no_messages(coordinator, world):
    message = queue_message(
        digibank=world.a.digibank,
        kind=MessageKind.OVERDUE,
        person=contactable(world.a, language="uk"),
        context=DUE,
    )

    response = coordinator.get(detail_url(world, message))

    assert b"the person prefers Ukrainian" in response.content


def test_a_failed_message_is_sent_again(
    coordinator, world, smtp_server, django_capture_on_commit_callbacks
):
    message = failed_message(world, smtp_server)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(send_again_url(world, message), follow=True)

    assert response.redirect_chain[-1][0] == detail_url(world, message)
    assert b"will be sent again" in response.content
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 0
    assert DBTaskResult.objects.filter(args_kwargs__args=[message.pk]).exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE, object_type="messaging.message", object_id=str(message.pk)
    ).exists()


def test_sending_again_goes_to_the_corrected_address(coordinator, world, smtp_server):
    message = failed_message(world, smtp_server)
    person = message.person
    person.email = "amelie.d@example.be"
    person.save()

    coordinator.post(send_again_url(world, message))

    message.refresh_from_db()
    assert message.recipient == "amelie.d@example.be"


def test_sending_again_respects_a_withdrawn_consent(coordinator, world, smtp_server):
    message = failed_message(world, smtp_server)
    message.person.consents.update(withdrawn_at=message.created_at)

    response = coordinator.post(send_again_url(world, message), follow=True)

    message.refresh_from_db()
    assert message.status == MessageStatus.SKIPPED
    assert b"is not sent" in response.content


def test_sending_again_refuses_when_the_person_changed_how_to_reach_them(
    coordinator, world, smtp_server
):
    message = failed_message(world, smtp_server)
    message.person.contact_method = ContactMethod.PHONE
    message.person.save()

    response = coordinator.post(send_again_url(world, message), follow=True)

    assert b"wants to be reached another way" in response.content
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED


def test_it_refuses_to_send_again_a_message_that_did_not_fail(coordinator, world):
    message = donation_thanks(world.a)

    response = coordinator.post(send_again_url(world, message), follow=True)

    assert b"Only a message that failed can be sent again." in response.content
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED


def test_send_again_needs_a_post(coordinator, world):
    message = donation_thanks(world.a)

    response = coordinator.get(send_again_url(world, message))

    assert response.status_code == 405


def test_the_navigation_shows_messages_to_coordinators_only(client, world):
    client.login(username=world.a.users["hub_volunteer"].username, password=PASSWORD)
    volunteer_page = client.get(reverse("portal:dashboard", kwargs={"digibank": "mechelen"}))
    client.login(username=world.a.users["coordinator"].username, password=PASSWORD)
    coordinator_page = client.get(reverse("portal:dashboard", kwargs={"digibank": "mechelen"}))

    assert list_url(world).encode() not in volunteer_page.content
    assert list_url(world).encode() in coordinator_page.content
