"""Scheduling, changing and cancelling a session.

A session belongs to one digibank: its hub, its partner and its trainer must be of that digibank,
its module of the digibank's region (the shared catalogue or the digibank's own). Its dates are
kept as rows (`SessionDate`) and summed up on the session (`starts_at`, `ends_at`) for the finder.
A smaller capacity is refused while more seats are taken; a larger one promotes the waiting list.
Cancelling a session cancels every enrolment still open and tells each person.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.core.states import system_can
from digibank.organisations.models import Digibank, Hub, Language, Membership, Partner, Role
from digibank.organisations.permissions import SYSTEM, Actor, Perm, require
from digibank.skills import notify
from digibank.skills.models import (
    ACTIVE_STATES,
    Enrolment,
    EnrolmentStatus,
    Module,
    Session,
    SessionDate,
    SessionStatus,
)
from digibank.skills.seats import set_capacity
from digibank.skills.services.enrolments import lock_session, promote_waiting
from digibank.skills.states import ENROLMENT_STATES, SESSION_STATES

User = get_user_model()
MAX_DATES = 30
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
MAX_CAPACITY = 200
# Roles that may be named as a session's trainer.
TRAINER_ROLES = (Role.TRAINER, Role.COORDINATOR)

Dates = Sequence[tuple[datetime.datetime, datetime.datetime]]


def trainers_of(digibank: Digibank) -> Any:
    """The accounts that may give a session of this digibank."""
    return User.objects.filter(
        memberships__digibank=digibank, memberships__role__in=TRAINER_ROLES, is_active=True
    ).distinct()


def _check_dates(dates: Dates) -> list[tuple[datetime.datetime, datetime.datetime]]:
    cleaned = sorted({(starts, ends) for starts, ends in dates})
    if not cleaned:
        raise DomainError(_("Give at least one date."), field="dates")
    if len(cleaned) > MAX_DATES:
        raise DomainError(
            _("A session has at most %(count)s dates.") % {"count": MAX_DATES}, field="dates"
        )
    for starts, ends in cleaned:
        if timezone.is_naive(starts) or timezone.is_naive(ends):
            raise DomainError(_("Give each date with its time zone."), field="dates")
        if not (EARLIEST_YEAR <= starts.year <= LATEST_YEAR and ends.year <= LATEST_YEAR):
            raise DomainError(_("Give a date between 2000 and 2100."), field="dates")
        if ends <= starts:
            raise DomainError(_("A date must end after it starts."), field="dates")
    if len({starts for starts, _ends in cleaned}) != len(cleaned):
        raise DomainError(_("Two dates start at the same time."), field="dates")
    return cleaned


def _check_capacity(capacity: int) -> None:
    if not 1 <= capacity <= MAX_CAPACITY:
        raise DomainError(
            _("Give a number of places from 1 to %(max)s.") % {"max": MAX_CAPACITY},
            field="capacity",
        )


def _check_language(language: str) -> None:
    if language not in Language.values:
        raise DomainError(_("Choose a language from the list."), field="language")


def _check_place(digibank: Digibank, hub: Hub | None, online_link: str) -> None:
    if online_link:
        try:
            URLValidator(schemes=["https", "http"])(online_link)
        except ValidationError:
            raise DomainError(
                _("Give a web address that starts with https://."), field="online_link"
            ) from None
    if hub is None and not online_link:
        raise DomainError(_("Choose a hub, or give the link of the online session."), field="hub")
    if hub is not None and hub.digibank_id != digibank.pk:
        raise DomainError(_("Choose a hub of this digibank."), field="hub")


def _check_people(digibank: Digibank, trainer: Any, partner: Partner | None) -> None:
    if (
        trainer is not None
        and not Membership.objects.filter(
            user=trainer, digibank=digibank, role__in=TRAINER_ROLES
        ).exists()
    ):
        raise DomainError(_("Choose a trainer of this digibank."), field="trainer")
    if partner is not None and partner.digibank_id != digibank.pk:
        raise DomainError(_("Choose a partner of this digibank."), field="partner")


def _check_module(digibank: Digibank, module: Module) -> None:
    if module.region_id != digibank.region_id or module.digibank_id not in (None, digibank.pk):
        raise DomainError(_("Choose a module of the catalogue."), field="module")
    if not module.active:
        raise DomainError(_("This module is not on offer."), field="module")


def _set_dates(session: Session, dates: Dates) -> None:
    cleaned = _check_dates(dates)
    session.dates.all().delete()
    SessionDate.objects.bulk_create(
        SessionDate(session=session, starts=starts, ends=ends) for starts, ends in cleaned
    )
    Session.objects.filter(pk=session.pk).update(
        starts_at=cleaned[0][0], ends_at=max(ends for _starts, ends in cleaned)
    )
    session.starts_at, session.ends_at = cleaned[0][0], max(ends for _s, ends in cleaned)


@transaction.atomic
def schedule_session(
    *,
    by: Actor,
    digibank: Digibank,
    module: Module,
    dates: Dates,
    capacity: int,
    language: str = "nl",
    hub: Hub | None = None,
    online_link: str = "",
    trainer: Any = None,
    partner: Partner | None = None,
    accessibility_notes: str = "",
    notes: str = "",
) -> Session:
    require(by, digibank, Perm.MANAGE_TRAINING)
    _check_module(digibank, module)
    _check_capacity(capacity)
    _check_language(language)
    _check_place(digibank, hub, online_link)
    _check_people(digibank, trainer, partner)
    session = Session.objects.create(
        digibank=digibank,
        module=module,
        hub=hub,
        online_link=online_link,
        trainer=trainer,
        partner=partner,
        capacity=capacity,
        language=language,
        accessibility_notes=accessibility_notes,
        notes=notes,
        created_by=getattr(by, "user", None),
    )
    _set_dates(session, dates)
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=session,
        digibank=digibank,
        fields=["module", "dates", "capacity", "hub" if hub else "online_link"],
    )
    return session


EDITABLE = frozenset(
    {"hub", "online_link", "trainer", "partner", "language", "accessibility_notes", "notes"}
)


@transaction.atomic
def update_session(
    *,
    by: Actor,
    session: Session,
    dates: Dates | None = None,
    capacity: int | None = None,
    **changes: Any,
) -> Session:
    """Change a scheduled session; returns it. Unknown fields are a programming error."""
    require(by, session.digibank, Perm.MANAGE_TRAINING)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise TypeError(f"update_session cannot change {sorted(unknown)}")
    locked = lock_session(session)
    if locked.status != SessionStatus.SCHEDULED:
        raise DomainError(_("This session was cancelled: it can no longer change."))
    for name, value in changes.items():
        setattr(locked, name, value)
    _check_language(locked.language)
    _check_place(locked.digibank, locked.hub, locked.online_link)
    _check_people(locked.digibank, locked.trainer, locked.partner)
    locked.save(update_fields=[*changes, "updated_at"])
    changed = list(changes)
    if dates is not None:
        _set_dates(locked, dates)
        changed.append("dates")
    if capacity is not None and capacity != locked.capacity:
        _check_capacity(capacity)
        if not set_capacity(locked.pk, capacity):
            raise DomainError(
                _("%(count)s people hold a place already. Cancel enrolments first.")
                % {"count": locked.seats_taken},
                field="capacity",
            )
        changed.append("capacity")
        promote_waiting(locked)
    locked.refresh_from_db()
    audit.record(
        actor=by, action=AuditAction.CHANGE, obj=locked, digibank=locked.digibank, fields=changed
    )
    return locked


@transaction.atomic
def cancel_session(*, by: Actor, session: Session) -> int:
    """Cancel the session and every open enrolment in it; tells each. Returns how many."""
    require(by, session.digibank, Perm.MANAGE_TRAINING)
    locked = lock_session(session)
    SESSION_STATES.transition(session, SessionStatus.CANCELLED, by=by, can=by.can)
    open_ones = list(
        Enrolment.objects.filter(
            session=locked, status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING]
        ).select_related("person", "digibank", "session__module", "session__hub__municipality")
    )
    for enrolment in open_ones:
        # The session's cancellation decides for every enrolment in it.
        ENROLMENT_STATES.transition(enrolment, EnrolmentStatus.CANCELLED, by=SYSTEM, can=system_can)
        notify.session_cancelled(enrolment)
    audit.record(
        actor=by, action=AuditAction.CHANGE, obj=locked, digibank=locked.digibank, fields=["status"]
    )
    return len(open_ones)


def active_enrolments(session: Session) -> Any:
    return Enrolment.objects.filter(session=session, status__in=sorted(ACTIVE_STATES))
