"""Help for a staff member who cannot log in: reset their second log-in step (a lost phone) and,
for the region's own accounts, unlock a log-in lock-out (`unlock_account` does it for a
digibank's members)."""

from __future__ import annotations

from django.db import transaction

from digibank.core import audit, login_limits, two_factor
from digibank.core.models import AuditAction
from digibank.organisations.models import Membership, RegionMembership
from digibank.organisations.permissions import (
    Manager,
    Perm,
    RegionAccess,
    SystemActor,
    require_manager,
    require_region,
)


@transaction.atomic
def reset_second_factor(*, membership: Membership, by: Manager) -> bool:
    """Forget a member's authenticator app and recovery codes, so that they set up a new app at
    their next log-in (their sessions that passed the step with the old app stop passing). The
    coordinator of the membership's digibank, or an admin of its region, may do this; returns
    whether the member had one."""
    require_manager(by, membership.digibank, Perm.MANAGE_SETTINGS)
    removed = two_factor.remove_all(membership.user)
    audit.record(
        actor=by,
        action=AuditAction.SECOND_FACTOR_RESET,
        obj=membership.user,
        digibank=membership.digibank,
    )
    return removed > 0


@transaction.atomic
def reset_region_second_factor(
    *, membership: RegionMembership, by: RegionAccess | SystemActor
) -> bool:
    """`reset_second_factor` for an account of the region (an admin or analyst), by an admin of
    that region."""
    require_region(by, membership.region)
    removed = two_factor.remove_all(membership.user)
    audit.record(
        actor=by, action=AuditAction.SECOND_FACTOR_RESET, obj=membership.user, digibank=None
    )
    return removed > 0


@transaction.atomic
def unlock_region_account(*, membership: RegionMembership, by: RegionAccess | SystemActor) -> bool:
    """Let an account of the region that was locked out by the log-in limits try again now, by
    an admin of that region; returns whether the account was locked."""
    require_region(by, membership.region)
    user = membership.user
    was_locked = user.username in login_limits.locked_usernames([user.username])
    login_limits.unlock(user.username)
    audit.record(actor=by, action=AuditAction.UNLOCK, obj=user, digibank=None)
    return was_locked
