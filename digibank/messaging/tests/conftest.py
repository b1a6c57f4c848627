"""A real SMTP server (aiosmtpd) and a real HTTP SMS gateway on 127.0.0.1, for the sending tests.

The SMTP server and the residents to write to come from `digibank/messaging/testing.py`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import override_settings

from digibank.messaging import reminders, sending
from digibank.messaging.testing import SmtpServer, free_port, running_smtp_server


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_smtp_server() as server:
        yield server


@pytest.fixture
def closed_smtp_port() -> Iterator[int]:
    """Mail settings that point at a local port where nothing listens."""
    port = free_port()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=2,
    ):
        yield port


@dataclass
class SmsGateway:
    """What the gateway received; `statuses` are answers to give, in order, before 200."""

    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    delay: float = 0.0


@pytest.fixture
def sms_gateway() -> Iterator[SmsGateway]:
    gateway = SmsGateway()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            gateway.requests.append(
                {
                    "path": self.path,
                    "headers": dict(self.headers.items()),
                    "json": json.loads(body),
                }
            )
            if gateway.delay:
                time.sleep(gateway.delay)
            status = gateway.statuses.pop(0) if gateway.statuses else 200
            answer = json.dumps({"ok": status == 200}).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}/messages"
    try:
        with override_settings(
            SMS_BACKEND="http",
            SMS_HTTP_URL=gateway.url,
            SMS_HTTP_TOKEN="secret-gateway-token",
            SMS_SENDER="Digibank",
        ):
            yield gateway
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def no_retry_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries become due at once, so one worker batch runs every attempt."""
    monkeypatch.setattr(sending, "RETRY_DELAYS", (0, 0, 0))


@pytest.fixture
def reminder_sources() -> Iterator[None]:
    """Only the sources a test registers are asked (not lending's); the others come back after."""
    before = reminders.sources()
    for source in before:
        reminders.unregister(source)
    yield
    for source in reminders.sources():
        reminders.unregister(source)
    for source in before:
        reminders.register(source)
