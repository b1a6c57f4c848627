"""Enrolling in a session, the waiting list, cancelling and changing an enrolment.

Every verb that changes who holds a seat first locks the session's row (`select_for_update`), so
on PostgreSQL the verbs of one session take turns and the waiting list is read after the previous
one committed; on SQLite every transaction holds the write lock from its start. The seat itself is
taken by the conditional UPDATE of `skills.seats`, inside the state machine's move, so the database
refuses an overbooking even if a verb forgot to lock.

A cancellation that frees a seat promotes the first person of the waiting list (who joined it
first) in the same transaction, and tells them through the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.codes import new_code
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.core.states import system_can
from digibank.organisations.permissions import SYSTEM, Actor, Perm, require, require_person
from digibank.people.models import Person
from digibank.people.snapshot import figures_of
from digibank.skills import notify
from digibank.skills.models import (
    ACTIVE_STATES,
    Enrolment,
    EnrolmentChannel,
    EnrolmentStatus,
    Session,
    SessionStatus,
)
from digibank.skills.seats import take_seat
from digibank.skills.states import ENROLMENT_STATES

CODE_TRIES = 10


@dataclass(frozen=True)
class Contact:
    """Who enrolled on the public pages (or by phone, without being registered)."""

    name: str
    phone: str = ""
    email: str = ""
    language: str = "nl"


def lock_session(session: Session) -> Session:
    """The session's row, locked until the end of the transaction (see the module docstring)."""
    locked = Session.objects.select_for_update().filter(pk=session.pk).first()
    if locked is None:
        raise DomainError(_("This session no longer exists."))
    return locked


def _open_for_enrolment(session: Session) -> None:
    if session.status != SessionStatus.SCHEDULED:
        raise DomainError(_("This session was cancelled."), field="session")
    if session.starts_at is not None and session.starts_at <= timezone.now():
        raise DomainError(_("This session has already started."), field="session")


def _check_who(by: Actor, session: Session, person: Person | None, contact: Contact | None) -> None:
    if (person is None) == (contact is None):
        raise TypeError("Enrol either a registered person or a contact.")
    if person is not None:
        require_person(by, person, Perm.ENROL_PEOPLE)
        if person.digibank_id != session.digibank_id:
            raise DomainError(_("This person is registered with another digibank."))
        return
    assert contact is not None
    if not contact.name.strip():
        raise DomainError(_("Fill in ‘Name’"), field="name")
    if not (contact.phone or contact.email):
        raise DomainError(
            _("Give a phone number or an email address, so we can tell you about the session."),
            field="phone",
        )


def _create(session: Session, code: str | None, **values: object) -> Enrolment:
    """The row with a free reference code (or the one given: a changed enrolment keeps its)."""
    for _try in range(CODE_TRIES):
        try:
            with transaction.atomic():
                return Enrolment.objects.create(
                    digibank_id=session.digibank_id,
                    session=session,
                    code=code or new_code(),
                    **values,
                )
        except IntegrityError as error:
            person = values.get("person")
            if person is not None and _already_in(session, person):  # type: ignore[arg-type]
                raise DomainError(
                    _("This person is already enrolled in this session or on its waiting list."),
                    field="person",
                ) from error
            if code is not None:
                raise
    raise DomainError(_("Something went wrong. Please try again."))


def _already_in(session: Session, person: Person) -> bool:
    return Enrolment.objects.filter(
        session=session, person=person, status__in=sorted(ACTIVE_STATES)
    ).exists()


@transaction.atomic
def enrol(
    *,
    by: Actor,
    session: Session,
    person: Person | None = None,
    contact: Contact | None = None,
    channel: str = EnrolmentChannel.STAFF,
    code: str | None = None,
) -> Enrolment:
    """A seat in the session if one is left, else a place on its waiting list."""
    require(by, session.digibank, Perm.ENROL_PEOPLE)
    _check_who(by, session, person, contact)
    locked = lock_session(session)
    _open_for_enrolment(locked)
    if person is not None and _already_in(locked, person):
        raise DomainError(
            _("This person is already enrolled in this session or on its waiting list."),
            field="person",
        )
    seated = take_seat(locked.pk)
    language = (
        contact.language if contact is not None else (person.preferred_language if person else "")
    )
    enrolment = _create(
        locked,
        code,
        person=person,
        name=contact.name.strip() if contact else "",
        phone=contact.phone if contact else "",
        email=contact.email if contact else "",
        language=(language or "nl")[:5],
        status=EnrolmentStatus.ENROLLED if seated else EnrolmentStatus.WAITING,
        queued_at=None if seated else timezone.now(),
        channel=channel,
        created_by=getattr(by, "user", None),
        **figures_of(person).fields(),
    )
    audit.record(
        actor=by,
        action=AuditAction.CREATE,
        obj=enrolment,
        digibank=session.digibank,
        fields=["session", "person" if person else "name", "status"],
    )
    notify.enrolment_made(enrolment)
    return enrolment


def _require_over(by: Actor, enrolment: Enrolment) -> None:
    require(by, enrolment.digibank, Perm.ENROL_PEOPLE)
    if enrolment.person is not None:
        require_person(by, enrolment.person, Perm.ENROL_PEOPLE)


def promote_waiting(session: Session) -> list[Enrolment]:
    """Give each free seat to the first on the waiting list; tell each one promoted.

    Called inside the transaction of the change that freed the seats, with the session locked.
    """
    promoted: list[Enrolment] = []
    while True:
        first = (
            Enrolment.objects.filter(session_id=session.pk, status=EnrolmentStatus.WAITING)
            .order_by("queued_at", "id")
            .first()
        )
        if first is None:
            break
        try:
            with transaction.atomic():
                ENROLMENT_STATES.transition(
                    first, EnrolmentStatus.ENROLLED, by=SYSTEM, can=system_can
                )
        except DomainError:
            break  # no seat left (or the session was cancelled)
        promoted.append(first)
        notify.promoted(first)
    return promoted


@transaction.atomic
def cancel_enrolment(*, by: Actor, enrolment: Enrolment) -> list[Enrolment]:
    """Cancel; the seat goes to the first on the waiting list. Returns who was promoted."""
    _require_over(by, enrolment)
    session = lock_session(enrolment.session)
    ENROLMENT_STATES.transition(enrolment, EnrolmentStatus.CANCELLED, by=by, can=by.can)
    audit.record(
        actor=by,
        action=AuditAction.CHANGE,
        obj=enrolment,
        digibank=enrolment.digibank,
        fields=["status"],
    )
    return promote_waiting(session)


@transaction.atomic
def change_enrolment(*, by: Actor, enrolment: Enrolment, session: Session) -> Enrolment:
    """Move the enrolment to another session of the same module; the reference code stays.

    The new session gives a seat if it has one, else a place on its waiting list; the old seat goes
    to the first on the old session's waiting list.
    """
    _require_over(by, enrolment)
    require(by, session.digibank, Perm.ENROL_PEOPLE)
    if session.pk == enrolment.session_id:
        raise DomainError(_("Choose another session."), field="session")
    if session.module_id != enrolment.session.module_id or session.digibank_id != (
        enrolment.digibank_id
    ):
        raise DomainError(_("Choose a session of the same course."), field="session")
    if enrolment.status not in {EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING}:
        raise DomainError(
            _("This enrolment is %(status)s: it can no longer be changed.")
            % {"status": EnrolmentStatus(enrolment.status).label}
        )
    # Lock both sessions in the order of their ids, so two changes never wait on each other.
    first, second = sorted([enrolment.session, session], key=lambda row: row.pk)
    lock_session(first)
    lock_session(second)
    code = enrolment.code
    Enrolment.objects.filter(pk=enrolment.pk).update(code=_free_code())
    enrolment.refresh_from_db(fields=["code"])
    cancel_enrolment(by=by, enrolment=enrolment)
    contact = (
        None
        if enrolment.person is not None
        else Contact(enrolment.name, enrolment.phone, enrolment.email, enrolment.language)
    )
    return enrol(
        by=by,
        session=session,
        person=enrolment.person,
        contact=contact,
        channel=enrolment.channel,
        code=code,
    )


def _free_code() -> str:
    for _try in range(CODE_TRIES):
        code = new_code()
        if not Enrolment.objects.filter(code=code).exists():
            return code
    raise DomainError(_("Something went wrong. Please try again."))
