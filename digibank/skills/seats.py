"""A session's seats, kept by the database (see `skills.models.sessions`).

`take_seat` is one conditional UPDATE: it succeeds only while `seats_taken < capacity`, so two
enrolments arriving together can never both take the last seat, on SQLite or PostgreSQL. The
check constraint `session_never_overbooked` refuses any write that would go past the capacity
anyway. Only the enrolment state machine (`skills.states`) and the capacity change call these.
"""

from __future__ import annotations

from django.db.models import F

from digibank.skills.models import Session, SessionStatus


def take_seat(session_id: int) -> bool:
    """Take one seat of a scheduled session; False when it is full (or cancelled)."""
    return bool(
        Session.objects.filter(
            pk=session_id, status=SessionStatus.SCHEDULED, seats_taken__lt=F("capacity")
        ).update(seats_taken=F("seats_taken") + 1)
    )


def release_seat(session_id: int) -> None:
    Session.objects.filter(pk=session_id, seats_taken__gt=0).update(
        seats_taken=F("seats_taken") - 1
    )


def set_capacity(session_id: int, capacity: int) -> bool:
    """Change the capacity unless more seats are taken than the new capacity; False then."""
    return bool(
        Session.objects.filter(pk=session_id, seats_taken__lte=capacity).update(capacity=capacity)
    )
