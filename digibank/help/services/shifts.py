"""Volunteer shifts: the coordinator plans them, hub volunteers sign up and withdraw.

A sign-up locks the shift's row and counts its volunteers under the lock, so two volunteers
taking the last place at once cannot both get it (on PostgreSQL; SQLite writes one at a time).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.help.models import Shift, ShiftSignUp
from digibank.organisations.models import Hub
from digibank.organisations.permissions import Access, Actor, Perm, require

MAX_SHIFT_HOURS = 12
MAX_VOLUNTEERS = 50


@transaction.atomic
def plan_shift(
    *,
    hub: Hub,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    volunteers_needed: int,
    by: Actor,
) -> Shift:
    require(by, hub.digibank, Perm.MANAGE_SHIFTS)
    if not hub.active:
        raise DomainError(_("This hub is no longer active."), field="hub")
    if ends_at <= starts_at:
        raise DomainError(_("The shift must end after it starts."), field="ends")
    if ends_at - starts_at > datetime.timedelta(hours=MAX_SHIFT_HOURS):
        raise DomainError(
            _("A shift lasts at most %(hours)s hours.") % {"hours": MAX_SHIFT_HOURS},
            field="ends",
        )
    if not 1 <= volunteers_needed <= MAX_VOLUNTEERS:
        raise DomainError(
            _("Enter a number from 1 to %(max)s.") % {"max": MAX_VOLUNTEERS},
            field="volunteers_needed",
        )
    shift = Shift.objects.create(
        digibank=hub.digibank,
        hub=hub,
        starts_at=starts_at,
        ends_at=ends_at,
        volunteers_needed=volunteers_needed,
        created_by=by.user,
    )
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=shift,
        digibank=hub.digibank,
        fields=["hub", "starts_at", "ends_at", "volunteers_needed"],
    )
    return shift


@transaction.atomic
def cancel_shift(*, shift: Shift, by: Actor) -> None:
    """Remove a shift (and its sign-ups); the volunteers see it gone from their next shifts."""
    require(by, shift.digibank, Perm.MANAGE_SHIFTS)
    audit.record(actor=by, action=AuditAction.DELETE, obj=shift, digibank=shift.digibank)
    shift.delete()


def _locked_future_shift(shift: Shift) -> Shift:
    locked = Shift.objects.select_for_update().select_related("digibank").get(pk=shift.pk)
    if locked.starts_at <= timezone.now():
        raise DomainError(_("This shift has already started."))
    return locked


@transaction.atomic
def sign_up(*, shift: Shift, by: Access) -> ShiftSignUp:
    """The volunteer (`by.user`) takes a place in the shift, while places are left."""
    if not isinstance(by, Access):
        raise TypeError("A volunteer signs up themselves: by must be their Access.")
    require(by, shift.digibank, Perm.TAKE_SHIFTS)
    locked = _locked_future_shift(shift)
    taken = ShiftSignUp.objects.filter(shift=locked)
    if taken.filter(volunteer=by.user).exists():
        raise DomainError(_("You already signed up for this shift."))
    if taken.count() >= locked.volunteers_needed:
        raise DomainError(_("This shift has enough volunteers already."))
    signup = ShiftSignUp.objects.create(shift=locked, volunteer=by.user)
    audit.record(
        actor=by, action=AuditAction.CREATE, obj=signup, digibank=locked.digibank, fields=["shift"]
    )
    return signup


@transaction.atomic
def withdraw(*, shift: Shift, by: Access) -> None:
    """The volunteer gives their place back, before the shift starts."""
    if not isinstance(by, Access):
        raise TypeError("A volunteer withdraws themselves: by must be their Access.")
    require(by, shift.digibank, Perm.TAKE_SHIFTS)
    locked = _locked_future_shift(shift)
    signup = ShiftSignUp.objects.filter(shift=locked, volunteer=by.user).first()
    if signup is None:
        raise DomainError(_("You are not signed up for this shift."))
    audit.record(actor=by, action=AuditAction.DELETE, obj=signup, digibank=locked.digibank)
    signup.delete()
