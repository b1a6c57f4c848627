"""Text messages through a pluggable backend, chosen with the SMS_BACKEND setting.

- `file` writes every message to its own file in SMS_FILE_PATH (development, demo);
- `console` prints every message (development);
- `http` posts every message as JSON to an SMS gateway at SMS_HTTP_URL with the bearer token
  SMS_HTTP_TOKEN: `{"to": "+32470123456", "from": SMS_SENDER, "text": "..."}`. A 2xx answer is
  success; 429 and 5xx answers, time-outs and network errors are temporary (sent again later);
  other answers are refused for good.

Another gateway needs only a subclass of `SmsBackend` with a `send` method.
"""

from __future__ import annotations

import ipaddress
import json
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

HTTP_TIMEOUT = 10  # seconds
DEFAULT_COUNTRY_CODE = "32"


class SmsError(Exception):
    """Sending a text message failed; `temporary` says whether trying later may work."""

    def __init__(self, message: str, *, temporary: bool) -> None:
        super().__init__(message)
        self.temporary = temporary


def international_number(phone: str, country_code: str = DEFAULT_COUNTRY_CODE) -> str:
    """'0470 12 34 56' → '+32470123456'; '0031 6 1234 5678' → '+31612345678'."""
    digits = "".join(char for char in phone if char.isdigit())
    if phone.strip().startswith("+"):
        return f"+{digits}"
    if digits.startswith("00"):
        return f"+{digits[2:]}"
    if digits.startswith("0"):
        return f"+{country_code}{digits[1:]}"
    return f"+{digits}" if digits else ""


class SmsBackend:
    def send(self, *, to: str, text: str, sender: str) -> None:
        raise NotImplementedError


class FileBackend(SmsBackend):
    """One file per message, named after the time it was written."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory or settings.SMS_FILE_PATH)

    def send(self, *, to: str, text: str, sender: str) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            path = self.directory / f"{stamp}-{uuid.uuid4().hex[:8]}.txt"
            path.write_text(f"From: {sender}\nTo: {to}\n\n{text}\n", encoding="utf-8")
        except OSError as error:
            raise SmsError(f"Cannot write the message file: {error}", temporary=True) from error


class ConsoleBackend(SmsBackend):
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def send(self, *, to: str, text: str, sender: str) -> None:
        stream = self.stream or sys.stdout
        stream.write(f"SMS from {sender} to {to}:\n{text}\n{'-' * 40}\n")
        stream.flush()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class HttpBackend(SmsBackend):
    def __init__(self, url: str | None = None, token: str | None = None) -> None:
        self.url = url if url is not None else settings.SMS_HTTP_URL
        self.token = token if token is not None else settings.SMS_HTTP_TOKEN
        parts = urlsplit(self.url)
        # The token never travels in clear text, except to a gateway on this very machine.
        local = parts.scheme == "http" and _is_loopback(parts.hostname or "")
        if parts.scheme != "https" and not local:
            raise SmsError("SMS_HTTP_URL must start with https://.", temporary=False)

    def send(self, *, to: str, text: str, sender: str) -> None:
        payload = json.dumps({"to": to, "from": sender, "text": text}).encode()
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked in __init__
            self.url,
            data=payload,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Authorization": f"Bearer {self.token}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:  # noqa: S310
                response.read()
        except urllib.error.HTTPError as error:
            detail = error.read(500).decode(errors="replace").strip()
            temporary = error.code == 429 or error.code >= 500
            raise SmsError(
                f"The SMS gateway answered {error.code}: {detail or error.reason}",
                temporary=temporary,
            ) from error
        except OSError as error:  # URLError, time-outs and refused connections
            reason = getattr(error, "reason", error)
            raise SmsError(
                f"The SMS gateway cannot be reached: {reason}", temporary=True
            ) from error


BACKENDS: dict[str, type[SmsBackend]] = {
    "file": FileBackend,
    "console": ConsoleBackend,
    "http": HttpBackend,
}


def get_backend(name: str | None = None) -> SmsBackend:
    return BACKENDS[name or settings.SMS_BACKEND]()


def send_sms(*, to: str, text: str) -> None:
    get_backend().send(to=to, text=text, sender=settings.SMS_SENDER)
