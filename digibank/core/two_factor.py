"""The second log-in step, on django-otp: an authenticator app (a confirmed `TOTPDevice`) and ten
recovery codes (a `StaticDevice` whose tokens are deleted as they are used).

Everything lives in the database (the devices, the last accepted time step that stops a code from
being used twice, the throttling counters) and in the session (`otp_device_id`, set by
`django_otp.login`, read back by `OTPMiddleware` on every request), so every app process agrees.
Verification locks the device row (`select_for_update`), so one code cannot pass twice at once.

This module knows no roles: who *must* use a second step is decided by the permission layer
(`digibank.organisations.permissions.second_factor`), which sets `PENDING_SESSION_KEY` at log-in.
"""

from __future__ import annotations

import time
from base64 import b32encode
from collections.abc import Iterable
from typing import Any

import segno
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from digibank.core import audit
from digibank.core.models import AuditAction, User

RECOVERY_CODE_COUNT = 10
# Set at log-in when this session must still pass the second step before any staff page.
PENDING_SESSION_KEY = "digibank_second_step_pending"
# When the password (and the code, if any) was last given in this session (Unix time).
CONFIRMED_AT_SESSION_KEY = "digibank_confirmed_at"
APP_NAME = "app"
RECOVERY_NAME = "recovery codes"


def is_verified(request: HttpRequest) -> bool:
    """Whether this session passed the second step with a device that still exists."""
    check = getattr(request.user, "is_verified", None)
    return bool(check and check())


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def users_with_second_factor(user_ids: Iterable[int]) -> set[int]:
    """Which of these users have set up an authenticator app (one query, for a list page)."""
    return set(
        TOTPDevice.objects.filter(user_id__in=list(user_ids), confirmed=True).values_list(
            "user_id", flat=True
        )
    )


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def enrolment_device(user: User) -> TOTPDevice:
    """The app being set up: the same secret on every visit of the set-up page until it is
    confirmed, so reloading the page does not invalidate what the phone has scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app by hand: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code(device: TOTPDevice) -> dict[str, Any]:
    """The set-up QR code as SVG path data (drawn by the template, no image is fetched): one
    square per dark module, with the quiet zone of four modules around it."""
    matrix = segno.make(device.config_url, error="m", micro=False).matrix
    border = 4
    squares = [
        f"M{x + border} {y + border}h1v1h-1z"
        for y, row in enumerate(matrix)
        for x, dark in enumerate(row)
        if dark
    ]
    return {"size": len(matrix) + 2 * border, "path": "".join(squares)}


def _verified(device: TOTPDevice | StaticDevice, code: str) -> bool:
    with transaction.atomic():
        locked = type(device).objects.select_for_update().filter(pk=device.pk).first()
        return locked is not None and locked.verify_token(code)


@transaction.atomic
def confirm_enrolment(request: HttpRequest, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the app with its first code; returns the new recovery codes (shown once).

    The session counts as passed: the user has just given their password and a code."""
    if device.user_id != user.pk or device.confirmed or not _verified(device, _digits(code)):
        return []
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.refresh_from_db()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(user)
    audit.record(actor=user, action=AuditAction.SECOND_FACTOR_SET, obj=user, digibank=None)
    mark_passed(request, device)
    return codes


def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes with ten new ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(request: HttpRequest, user: User, code: str) -> bool:
    """Check a code from the app, or a recovery code (which is then used up); on success the
    session has passed the second step."""
    device = check_code(user, code)
    if device is None:
        return False
    mark_passed(request, device)
    return True


def check_code(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts this code (the app's, or a recovery code, used up), or None."""
    device = _device_for(user, code)
    normalised = _digits(code) if _is_app_code(code) else _code(code)
    if device is None or not _verified(device, normalised):
        return None
    return device


def _device_for(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    if _is_app_code(code):
        return TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def _digits(code: str) -> str:
    return "".join(code.split())


def _code(code: str) -> str:
    return _digits(code).lower()


def _is_app_code(code: str) -> bool:
    """Six digits: the app's code; anything else is tried as a recovery code (eight letters and
    digits, which may by chance all be digits, but never only six)."""
    digits = _digits(code)
    return len(digits) == 6 and digits.isdigit()


def mark_passed(request: HttpRequest, device: TOTPDevice | StaticDevice) -> None:
    """The session passed the second step: a new session key (the session is worth more now)."""
    otp_login(request, device)
    request.session.cycle_key()
    request.session.pop(PENDING_SESSION_KEY, None)
    mark_confirmed(request)


def remove_all(user: User) -> int:
    """Forget the user's app and recovery codes (a coordinator's reset); returns how many went.
    Every session verified with them stops being verified on its next request."""
    apps, _ = TOTPDevice.objects.filter(user=user).delete()
    recovery, _ = StaticDevice.objects.filter(user=user).delete()
    return int(apps) + int(recovery)


def mark_confirmed(request: HttpRequest) -> None:
    """The user has just given their password (and code): exports and erasure need no new
    confirmation for a few minutes."""
    request.session[CONFIRMED_AT_SESSION_KEY] = int(time.time())


def recently_confirmed(request: HttpRequest, minutes: int) -> bool:
    confirmed_at = request.session.get(CONFIRMED_AT_SESSION_KEY)
    return isinstance(confirmed_at, int) and time.time() - confirmed_at < minutes * 60
