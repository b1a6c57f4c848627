"""Helpers for tests that send messages: a real local SMTP server, and residents to write to.

Used by this app's tests and by the browser journeys in tests/e2e/.
"""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from django.test import override_settings

from digibank.people.models import ConsentPurpose, ContactMethod, Person
from digibank.people.services import register_person
from digibank.testing import Bank, act


def free_port() -> int:
    """A port nothing listens on (a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class SmtpServer:
    """Collects what it receives; `answers` are RCPT replies to give, in order, before "250"."""

    port: int = 0
    received: list[EmailMessage] = field(default_factory=list)
    envelopes: list[Any] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    always: str = ""  # a RCPT reply given every time, e.g. "550 No such user"

    # aiosmtpd calls these hooks by name; it ships no types for their arguments.
    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if self.always:
            return self.always
        if self.answers:
            return self.answers.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        self.received.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"


@contextmanager
def running_smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server on a free local port, and the settings that send mail to it."""
    server = SmtpServer(port=free_port())
    controller = Controller(server, hostname="127.0.0.1", port=server.port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=server.port,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_TIMEOUT=5,
            DEFAULT_FROM_EMAIL="Digibank <noreply@digibank.example>",
        ):
            yield server
    finally:
        controller.stop()


def contactable(
    bank: Bank,
    *,
    first_name: str = "Amélie",
    last_name: str = "Dubois",
    method: str = ContactMethod.EMAIL,
    email: str = "amelie.dubois@example.be",
    phone: str = "0470 12 34 56",
    language: str = "fr",
    consent: bool = True,
) -> Person:
    """A resident of a test world bank who agreed to be contacted, registered as staff do."""
    return register_person(
        digibank=bank.digibank,
        by=act(bank.users["coordinator"], bank.digibank),
        first_name=first_name,
        last_name=last_name,
        contact_method=method,
        email=email if method == ContactMethod.EMAIL else "",
        phone=phone,
        preferred_language=language,
        consents=[ConsentPurpose.CONTACT] if consent else [],
    )
