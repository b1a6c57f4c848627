"""Invitations: how a coordinator (or a region admin, for a new digibank's coordinator) gives
someone roles. Nobody is added without accepting.

- `invite_member` never looks at accounts: the same invitation and the same mail go out whether
  or not an account has the address, so the answer tells the inviter nothing about other
  digibanks' staff. Only this digibank's own roles are checked (the coordinator sees those on the
  staff page anyway).
- The link carries a random key; only its digest is stored. It works for `INVITATION_DAYS` days,
  once. `resend_invitation` makes a new key (the old link stops working) and a new expiry.
- `accept_invitation` takes the key, not an invitation, so nothing can accept without the link;
  the logged-in account's e-mail address must be the invited one. Only then are the
  `Membership` rows made. `accept_invitation_with_new_account` first makes the person's own
  account, with the password they choose (Django's password validators).
- Each person may have `INVITATION_HOURLY_LIMIT` invitation mails sent an hour, counted in the
  database, so the form cannot be used to send mail in bulk.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction, User
from digibank.core.states import Can
from digibank.organisations.invitation_mail import role_labels, send_invitation_mail
from digibank.organisations.models import (
    Digibank,
    Invitation,
    InvitationMail,
    InvitationStatus,
    Membership,
    Partner,
    Role,
)
from digibank.organisations.permissions import (
    Access,
    Manager,
    Perm,
    SystemActor,
    require_manager,
    require_system,
)
from digibank.organisations.services.members import create_staff_user
from digibank.organisations.states import ACCEPT_INVITATION, INVITATION_STATES

HOUR = timedelta(hours=1)


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()
    if not email:
        raise DomainError(_("Fill in their email address."), field="email")
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            _("Enter an email address like name@example.be."), field="email"
        ) from None
    return email


def _clean_roles(roles: list[str], partner: Partner | None, digibank: Digibank) -> list[str]:
    chosen = sorted(set(roles))
    if not chosen or any(role not in Role.values for role in chosen):
        raise DomainError(_("Choose at least one role."), field="roles")
    if Role.REFERRER in chosen:
        if partner is None:
            raise DomainError(_("Choose the partner this referrer works for."), field="partner")
        if partner.digibank_id != digibank.pk:
            raise DomainError(_("Choose a partner of this digibank."), field="partner")
        if not partner.active:
            raise DomainError(_("This partner is no longer active."), field="partner")
    return chosen


def _count_mail(invitation: Invitation, by: Manager) -> None:
    """Refuse beyond the hourly limit of the person who sends; then count this mail. The sender's
    row is locked so that two requests at once cannot both pass the last free place."""
    sender = by.user
    if sender is not None:
        User.objects.select_for_update().filter(pk=sender.pk).first()
        sent = InvitationMail.objects.filter(sent_by=sender, at__gte=timezone.now() - HOUR)
        if sent.count() >= settings.INVITATION_HOURLY_LIMIT:
            raise DomainError(
                _(
                    "You have sent %(count)s invitations in the last hour, the most we allow. "
                    "Try again later."
                )
                % {"count": settings.INVITATION_HOURLY_LIMIT}
            )
    InvitationMail.objects.create(invitation=invitation, sent_by=sender)


def _new_key(invitation: Invitation) -> str:
    """A fresh key for the link, with a new expiry; the previous link stops working."""
    key = Invitation.generate_key()
    now = timezone.now()
    invitation.key_hash = Invitation.hash_key(key)
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_DAYS)
    return key


def _manager_can(by: Manager) -> Can:
    """The permission check of a move: the staff member's roles; a region admin or the system
    passed `require_manager` already, which is what managing the staff asks."""
    if isinstance(by, Access):
        return by.can
    return lambda perm: perm == Perm.MANAGE_SETTINGS


@transaction.atomic
def invite_member(
    *,
    digibank: Digibank,
    email: str,
    roles: list[str],
    partner: Partner | None = None,
    by: Manager,
) -> Invitation:
    """Invite an e-mail address to this digibank for `roles`, and mail the link."""
    require_manager(by, digibank, Perm.MANAGE_SETTINGS)
    email = _clean_email(email)
    roles = _clean_roles(roles, partner, digibank)
    # One invitation at a time per digibank, so the one-pending-per-address rule is checked
    # before the database constraint would refuse it.
    Digibank.objects.select_for_update().filter(pk=digibank.pk).first()
    held = Membership.objects.filter(digibank=digibank, user__email__iexact=email, role__in=roles)
    if held.exists():
        raise DomainError(
            _("The person with this address already has the role %(roles)s here.")
            % {"roles": ", ".join(role_labels(sorted({m.role for m in held})))},
            field="roles",
        )
    if Invitation.objects.filter(
        digibank=digibank, email=email, status=InvitationStatus.PENDING
    ).exists():
        raise DomainError(
            _(
                "This address has been invited already. Send that invitation again, or withdraw "
                "it, in the list below the staff."
            ),
            field="email",
        )
    invitation = Invitation(
        digibank=digibank,
        email=email,
        roles=roles,
        partner=partner if Role.REFERRER in roles else None,
        invited_by=by.user,
    )
    key = _new_key(invitation)
    invitation.save()
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=invitation,
        digibank=digibank,
        fields=["email", "roles", "partner"] if invitation.partner else ["email", "roles"],
    )
    _count_mail(invitation, by)
    send_invitation_mail(invitation, key)
    return invitation


@transaction.atomic
def resend_invitation(*, invitation: Invitation, by: Manager) -> Invitation:
    """Mail a pending invitation again with a new link and a new expiry."""
    require_manager(by, invitation.digibank, Perm.MANAGE_SETTINGS)
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status != InvitationStatus.PENDING:
        raise DomainError(_("Only an invitation that is not yet accepted can be sent again."))
    key = _new_key(locked)
    locked.save(update_fields=["key_hash", "sent_at", "expires_at"])
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=locked,
        digibank=locked.digibank,
        fields=["expires_at"],
        note="sent again",
    )
    _count_mail(locked, by)
    send_invitation_mail(locked, key)
    return locked


@transaction.atomic
def withdraw_invitation(*, invitation: Invitation, by: Manager) -> None:
    """Withdraw a pending invitation: its link no longer works."""
    require_manager(by, invitation.digibank, Perm.MANAGE_SETTINGS)
    INVITATION_STATES.transition(
        invitation, InvitationStatus.WITHDRAWN, by=by, can=_manager_can(by)
    )
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=invitation,
        digibank=invitation.digibank,
        fields=["status"],
    )


def invitation_for_key(key: str, *, lock: bool = False) -> Invitation:
    """The invitation a link's key opens, or a `DomainError` that says why the link no longer
    works: unknown (or replaced by a re-send), withdrawn, accepted already, or expired."""
    rows = Invitation.objects.select_related("digibank", "partner")
    if lock:
        rows = rows.select_for_update(of=("self",))
    invitation = rows.filter(key_hash=Invitation.hash_key(key or "")).first()
    if invitation is None:
        raise DomainError(
            _(
                "This link does not work. Check that you copied the whole link from the e-mail. "
                "If the invitation was sent again, only the newest e-mail's link works."
            )
        )
    if invitation.status == InvitationStatus.WITHDRAWN:
        raise DomainError(
            _("This invitation has been withdrawn. Ask the coordinator if you still need one.")
        )
    if invitation.status == InvitationStatus.ACCEPTED:
        raise DomainError(
            _("This invitation has been accepted already. Log in to work in the digibank.")
        )
    if invitation.is_expired:
        raise DomainError(_("This invitation has expired. Ask the coordinator to send it again."))
    return invitation


def _is_invited_address(user: User, invitation: Invitation) -> bool:
    return (user.email or "").strip().lower() == invitation.email


@transaction.atomic
def accept_invitation(*, key: str, by: User) -> list[Membership]:
    """The invited person, logged in, accepts: their roles are made now. `by` is their own
    account, whose e-mail address must be the invited one."""
    if not isinstance(by, User):
        raise TypeError(f"by must be the accepting User, not {type(by).__name__}")
    invitation = invitation_for_key(key, lock=True)
    if not by.is_active:
        raise DomainError(_("This account is switched off."))
    if not _is_invited_address(by, invitation):
        raise DomainError(
            _(
                "This invitation was sent to another email address than the one of your account. "
                "Log out, then open the link again and log in with the invited address's account, "
                "or make a new account."
            )
        )
    partner = invitation.partner
    if partner is not None and not partner.active:
        raise DomainError(_("This partner is no longer active. Ask the coordinator."))
    memberships = []
    for role in invitation.roles:
        if Membership.objects.filter(user=by, digibank=invitation.digibank, role=role).exists():
            continue  # given meanwhile by the system: accepting adds the rest
        membership = Membership.objects.create(
            user=by,
            digibank=invitation.digibank,
            role=role,
            partner=partner if role == Role.REFERRER else None,
        )
        audit.record(
            actor=by,
            action=AuditAction.CREATE,
            obj=membership,
            digibank=invitation.digibank,
            fields=["user", "role", "partner"] if membership.partner else ["user", "role"],
        )
        memberships.append(membership)
    INVITATION_STATES.transition(
        invitation,
        InvitationStatus.ACCEPTED,
        by=by,
        can=lambda perm: perm == ACCEPT_INVITATION,
        also={"accepted_by": by},
    )
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=invitation,
        digibank=invitation.digibank,
        fields=["status"],
    )
    return memberships


@transaction.atomic
def accept_invitation_with_new_account(
    *,
    key: str,
    username: str,
    first_name: str,
    last_name: str,
    password: str,
    by: SystemActor,
) -> User:
    """Someone without an account opens the link: they make their own account, with the invited
    address and the password they choose, and accept. `by` is `PUBLIC` (the person acts for
    themselves, not yet logged in); the acceptance is recorded as the new account's."""
    require_system(by)
    invitation = invitation_for_key(key, lock=True)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise DomainError(
            _("There is already an account with this email address. Log in to accept.")
        )
    for name, value, message in (
        ("first_name", first_name, _("Fill in your first name.")),
        ("last_name", last_name, _("Fill in your last name.")),
        ("username", username, _("Choose a username.")),
    ):
        if not (value or "").strip():
            raise DomainError(message, field=name)
    candidate = User(
        username=username.strip(),
        email=invitation.email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    try:
        password_validation.validate_password(password, user=candidate)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password1") from None
    user = create_staff_user(
        username=candidate.username,
        email=invitation.email,
        first_name=candidate.first_name,
        last_name=candidate.last_name,
        password=password,
        by=by,
        digibank=invitation.digibank,
    )
    accept_invitation(key=key, by=user)
    return user
