"""Who must pass the second log-in step, and the gate the view decorators run.

The rule comes from the grants: a role that shows personal data (`SECOND_FACTOR_ROLES`, derived
from `PERSONAL_DATA_PERMS`) or a region admin (`SECOND_FACTOR_REGION_ROLES`) must use an
authenticator app when `TWO_FACTOR_REQUIRED` is on; anyone who has set one up must always give its
code. At log-in the answer is kept in the session (`PENDING_SESSION_KEY`), so the gate costs no
query on each request; `staff_view` and `region_view` check the roles of the page's own tenant
again (already loaded), so a role given during a session is covered at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from digibank.core import two_factor
from digibank.organisations.models import Membership, RegionMembership
from digibank.organisations.permissions.grants import (
    SECOND_FACTOR_REGION_ROLES,
    SECOND_FACTOR_ROLES,
)

if TYPE_CHECKING:
    from digibank.core.models import User

SECOND_STEP_URL = "portal:second_step"
CONFIRM_PASSWORD_URL = "portal:confirm_password"


def roles_need_second_factor(roles: Iterable[str]) -> bool:
    return any(role in SECOND_FACTOR_ROLES for role in roles)


def region_roles_need_second_factor(roles: Iterable[str]) -> bool:
    return any(role in SECOND_FACTOR_REGION_ROLES for role in roles)


def user_needs_second_factor(user: User) -> bool:
    """Whether any of the user's roles, in any digibank or region, asks for the second step."""
    return (
        Membership.objects.filter(user=user, role__in=SECOND_FACTOR_ROLES).exists()
        or RegionMembership.objects.filter(user=user, role__in=SECOND_FACTOR_REGION_ROLES).exists()
    )


def is_required_for(user: User) -> bool:
    """The user may not skip the second step: it is required for their roles here."""
    return bool(settings.TWO_FACTOR_REQUIRED) and user_needs_second_factor(user)


def on_log_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """After the password: note whether this session must still give a code. A log-in that
    needs none counts as a fresh confirmation of the password (see `confirm_password`)."""
    if request is None or not hasattr(request, "session"):
        return
    if two_factor.has_second_factor(user) or is_required_for(user):
        request.session[two_factor.PENDING_SESSION_KEY] = True
    else:
        two_factor.mark_confirmed(request)


def second_step_redirect(
    request: HttpRequest, *, roles_need_it: bool | None
) -> HttpResponse | None:
    """The redirect to the second step when this session has not passed it and must, else None.

    `roles_need_it`: whether the roles of the page's tenant ask for it, or None on an account
    page, where all the user's roles are looked up (one query, only for a session that has not
    passed the step while it is required: after a reset of the app during the session)."""
    if two_factor.is_verified(request):
        return None
    user: Any = request.user
    must = bool(request.session.get(two_factor.PENDING_SESSION_KEY, False))
    if not must and settings.TWO_FACTOR_REQUIRED:
        must = user_needs_second_factor(user) if roles_need_it is None else roles_need_it
    if must:
        return redirect_to_login(request.get_full_path(), SECOND_STEP_URL)
    return None


def confirm_password_redirect(request: HttpRequest) -> HttpResponse | None:
    """The redirect to the password page when the password was not given in the last
    REAUTHENTICATION_MINUTES (before exports of personal data and erasure), else None."""
    if two_factor.recently_confirmed(request, int(settings.REAUTHENTICATION_MINUTES)):
        return None
    return redirect_to_login(request.get_full_path(), CONFIRM_PASSWORD_URL)
