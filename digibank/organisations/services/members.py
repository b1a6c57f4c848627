"""Staff accounts and their roles: memberships of a digibank and of a region.

Staff pages never add a role directly: they invite (`services.invitations`), and the person
accepts. The verbs here that make an account or a role (`create_staff_user`, `add_member`,
`add_region_member`) are for the system only: management commands, the demo data and an accepted
invitation. Removing a role and unlocking an account are the coordinator's.
"""

from __future__ import annotations

import re
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from digibank.core import audit, login_limits
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, TokenRevocation, User
from digibank.core.services import revoke_api_tokens
from digibank.organisations.models import (
    Digibank,
    Membership,
    Partner,
    Region,
    RegionMembership,
    RegionRole,
    Role,
)
from digibank.organisations.permissions import (
    Manager,
    Perm,
    SystemActor,
    require_manager,
    require_system,
)
from digibank.organisations.services._common import full_clean

_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def generate_initial_password() -> str:
    """A random password that is easy to read aloud and type: xxxx-xxxx-xxxx (about 59 bits)."""
    groups = ("".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(4)) for _ in range(3))
    return "-".join(groups)


def unused_username(email: str) -> str:
    """A free username made from the part of the email address before the @."""
    base = re.sub(r"[^\w.+-]", "", email.split("@")[0].lower(), flags=re.ASCII)[:140] or "user"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@transaction.atomic
def create_staff_user(
    *,
    username: str,
    email: str,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    by: SystemActor,
    digibank: Digibank | None = None,
) -> User:
    """A new staff account. Without a password the account cannot log in until one is set.

    `digibank` only files the audit entry there (an account accepting its invitation)."""
    require_system(by)
    username = (username or "").strip()
    email = (email or "").strip()
    if not email:
        raise DomainError(_("Fill in the email address."), field="email")
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            _("Enter an email address like name@example.be."), field="email"
        ) from None
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("There is already an account with this email address."), field="email")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("This username is taken. Choose another one."), field="username")
    user = User(
        username=username,
        email=email,
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    full_clean(user, exclude=["password"])
    user.save()
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=user,
        digibank=digibank,
        fields=["username", "email", "first_name", "last_name"],
    )
    return user


@transaction.atomic
def add_member(
    *,
    digibank: Digibank,
    user: User,
    role: str,
    partner: Partner | None = None,
    by: SystemActor,
) -> Membership:
    """Give a user a role in a digibank, without asking them: the system only (commands, demo
    data). Staff invite instead. A partner referrer must work for a partner of it."""
    require_system(by)
    if role not in Role.values:
        raise DomainError(_("Choose a role."), field="role")
    if role == Role.REFERRER and partner is None:
        raise DomainError(_("Choose the partner this referrer works for."), field="partner")
    if partner is not None:
        if partner.digibank_id != digibank.pk:
            raise DomainError(_("Choose a partner of this digibank."), field="partner")
        if not partner.active:
            raise DomainError(_("This partner is no longer active."), field="partner")
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.is_active:
        raise DomainError(_("This account is switched off."))
    if Membership.objects.filter(user=locked, digibank=digibank, role=role).exists():
        raise DomainError(
            _("%(name)s already has this role here.") % {"name": locked}, field="role"
        )
    membership = Membership.objects.create(
        user=locked, digibank=digibank, role=role, partner=partner
    )
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=membership,
        digibank=digibank,
        fields=["user", "role", "partner"] if partner else ["user", "role"],
    )
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, by: Manager) -> None:
    """Take a role away, and stop the user's API tokens. A digibank always keeps at least one
    coordinator."""
    require_manager(by, membership.digibank, Perm.MANAGE_SETTINGS)
    coordinators = list(
        Membership.objects.select_for_update()
        .filter(digibank_id=membership.digibank_id, role=Role.COORDINATOR)
        .values_list("pk", flat=True)
    )
    if membership.role == Role.COORDINATOR and coordinators == [membership.pk]:
        raise DomainError(
            _("A digibank needs at least one coordinator. Add another coordinator first.")
        )
    audit.record(
        actor=by,
        action=AuditAction.DELETE,
        obj=membership,
        digibank=membership.digibank,
        fields=["user", "role"],
    )
    membership.delete()
    # A token acts with every role of its user: one made while the user held this role could go
    # on using it, so every token of the user stops (they make a new one if they still need it).
    revoke_api_tokens(user=membership.user, reason=TokenRevocation.ROLE, actor=by)


@transaction.atomic
def add_region_member(
    *, region: Region, user: User, role: str, by: SystemActor
) -> RegionMembership:
    """Give a user a region role: the system only (the `create_region_admin` command, demo data)."""
    require_system(by)
    if role not in RegionRole.values:
        raise DomainError(_("Choose a role."), field="role")
    locked = User.objects.select_for_update().get(pk=user.pk)
    if RegionMembership.objects.filter(user=locked, region=region, role=role).exists():
        raise DomainError(
            _("%(name)s already has this role here.") % {"name": locked}, field="role"
        )
    membership = RegionMembership.objects.create(user=locked, region=region, role=role)
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=membership,
        digibank=None,
        fields=["user", "role"],
    )
    return membership


@transaction.atomic
def unlock_account(*, membership: Membership, by: Manager) -> bool:
    """Let a member who was locked out by the log-in limits try again now. The coordinator of the
    membership's digibank (or an admin of its region) may do this; returns whether the account
    was locked."""
    require_manager(by, membership.digibank, Perm.MANAGE_SETTINGS)
    user = membership.user
    was_locked = user.username in login_limits.locked_usernames([user.username])
    login_limits.unlock(user.username)
    audit.record(actor=by, action=AuditAction.UNLOCK, obj=user, digibank=membership.digibank)
    return was_locked
