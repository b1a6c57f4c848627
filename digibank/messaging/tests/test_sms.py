"""Text messages: the file, console and HTTP backends, and the sending task with each."""

from __future__ import annotations

import datetime
import io

import pytest
from django.test import override_settings

from digibank.messaging import sms
from digibank.messaging.models import Message, MessageKind, MessageReason, MessageStatus
from digibank.messaging.services import queue_message
from digibank.messaging.sms import (
    ConsoleBackend,
    FileBackend,
    HttpBackend,
    SmsError,
    get_backend,
    international_number,
)
from digibank.messaging.tasks import send_queued_message
from digibank.messaging.testing import contactable, free_port
from digibank.people.models import ContactMethod

DUE = {"device": "laptop", "due_date": datetime.date(2025, 3, 4)}


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("0470 12 34 56", "+32470123456"),
        ("0470/12.34.56", "+32470123456"),
        ("+32 470 12 34 56", "+32470123456"),
        ("0031 6 1234 5678", "+31612345678"),
        ("", ""),
    ],
)
def test_it_writes_phone_numbers_in_international_form(typed, number):
    assert international_number(typed) == number


def test_the_file_backend_writes_one_file_per_message(tmp_path):
    backend = FileBackend(tmp_path / "sms")

    backend.send(to="+32470123456", text="Uw laptop is klaar.", sender="Digibank")
    backend.send(to="+32470654321", text="Tweede bericht 🙂", sender="Digibank")

    files = sorted((tmp_path / "sms").iterdir())
    assert len(files) == 2
    contents = {path.read_text(encoding="utf-8") for path in files}
    assert "From: Digibank\nTo: +32470123456\n\nUw laptop is klaar.\n" in contents
    assert any("Tweede bericht 🙂" in text for text in contents)


def test_the_file_backend_reports_a_directory_it_cannot_write(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")

    with pytest.raises(SmsError) as raised:
        FileBackend(blocked / "sms").send(to="+32470123456", text="x", sender="Digibank")

    assert raised.value.temporary


def test_the_console_backend_prints_the_message():
    stream = io.StringIO()

    ConsoleBackend(stream).send(to="+32470123456", text="Uw laptop is klaar.", sender="Digibank")

    assert "to +32470123456" in stream.getvalue()
    assert "Uw laptop is klaar." in stream.getvalue()


@override_settings(SMS_BACKEND="console")
def test_the_backend_is_chosen_by_the_setting():
    assert isinstance(get_backend(), ConsoleBackend)


def test_the_http_backend_posts_json_with_the_token(sms_gateway):
    HttpBackend().send(to="+32470123456", text="Uw laptop is klaar.", sender="Digibank")

    request = sms_gateway.requests[0]
    assert request["path"] == "/messages"
    assert request["headers"]["Authorization"] == "Bearer secret-gateway-token"
    assert request["headers"]["Content-Type"] == "application/json"
    assert request["json"] == {
        "to": "+32470123456",
        "from": "Digibank",
        "text": "Uw laptop is klaar.",
    }


@pytest.mark.parametrize(
    ("status", "temporary"), [(500, True), (503, True), (429, True), (400, False), (401, False)]
)
def test_the_http_backend_tells_temporary_from_permanent_failures(sms_gateway, status, temporary):
    sms_gateway.statuses = [status]

    with pytest.raises(SmsError) as raised:
        HttpBackend().send(to="+32470123456", text="x", sender="Digibank")

    assert raised.value.temporary is temporary
    assert str(status) in str(raised.value)


def test_the_http_backend_gives_up_waiting_after_its_timeout(sms_gateway, monkeypatch):
    monkeypatch.setattr(sms, "HTTP_TIMEOUT", 0.2)
    sms_gateway.delay = 1

    with pytest.raises(SmsError) as raised:
        HttpBackend().send(to="+32470123456", text="x", sender="Digibank")

    assert raised.value.temporary


def test_the_http_backend_reports_a_gateway_that_cannot_be_reached():
    backend = HttpBackend(url=f"http://127.0.0.1:{free_port()}/messages", token="t")

    with pytest.raises(SmsError) as raised:
        backend.send(to="+32470123456", text="x", sender="Digibank")

    assert raised.value.temporary
    assert "cannot be reached" in str(raised.value)


def test_the_http_backend_refuses_to_send_the_token_in_clear_text():
    with pytest.raises(SmsError) as raised:
        HttpBackend(url="http://sms.example.com/send", token="t")

    assert not raised.value.temporary


@pytest.mark.django_db
def test_a_text_message_goes_out_through_the_file_backend(world, tmp_path):
    person = contactable(world.a, method=ContactMethod.PHONE, phone="0470 12 34 56", language="nl")
    message = queue_message(
        digibank=world.a.digibank, kind=MessageKind.OVERDUE, person=person, context=DUE
    )

    with override_settings(SMS_BACKEND="file", SMS_FILE_PATH=tmp_path):
        assert send_queued_message(message.pk) == "sent"

    (written,) = tmp_path.iterdir()
    text = written.read_text(encoding="utf-8")
    assert "To: +32470123456" in text
    assert message.body in text
    assert "4 maart" in text  # the person's language
    assert Message.objects.get(pk=message.pk).status == MessageStatus.SENT


@pytest.mark.django_db
def test_a_text_message_goes_out_through_the_http_gateway(world, sms_gateway):
    person = contactable(world.a, method=ContactMethod.PHONE, phone="0470 12 34 56")
    message = queue_message(
        digibank=world.a.digibank, kind=MessageKind.OVERDUE, person=person, context=DUE
    )

    assert send_queued_message(message.pk) == "sent"

    assert sms_gateway.requests[0]["json"]["to"] == "+32470123456"
    assert sms_gateway.requests[0]["json"]["text"] == message.body


@pytest.mark.django_db
def test_a_gateway_that_refuses_the_message_fails_it_at_once(world, sms_gateway):
    sms_gateway.statuses = [422]
    person = contactable(world.a, method=ContactMethod.PHONE)
    message = queue_message(
        digibank=world.a.digibank, kind=MessageKind.OVERDUE, person=person, context=DUE
    )

    assert send_queued_message(message.pk) == "failed"

    failed = Message.objects.get(pk=message.pk)
    assert failed.reason == MessageReason.REFUSED
    assert "422" in failed.last_error


@pytest.mark.django_db
def test_a_gateway_that_is_down_is_tried_again(world, sms_gateway):
    sms_gateway.statuses = [503]
    person = contactable(world.a, method=ContactMethod.PHONE)
    message = queue_message(
        digibank=world.a.digibank, kind=MessageKind.OVERDUE, person=person, context=DUE
    )

    assert send_queued_message(message.pk) == "retry"

    waiting = Message.objects.get(pk=message.pk)
    assert waiting.status == MessageStatus.QUEUED
    assert "503" in waiting.last_error
