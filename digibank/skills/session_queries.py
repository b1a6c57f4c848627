"""Reads of the catalogue and the sessions, for the public pages, the staff pages and the API.

Every list costs a fixed number of queries whatever its length: the module, hub, municipality and
digibank come with the session (`select_related`), the dates in one more query (`prefetch`).
Places left are read from the session's own `seats_taken`, never counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import Case, F, Prefetch, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from digibank.organisations.models import Municipality
from digibank.organisations.permissions import Access, Perm
from digibank.skills.models import (
    Enrolment,
    EnrolmentStatus,
    Module,
    Session,
    SessionDate,
    SessionStatus,
)

NEAR_AT_MOST = 3
POSTCODE_PATTERN = re.compile(r"[1-9][0-9]{3}")


def with_dates(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return sessions.select_related(
        "module", "hub__municipality", "digibank", "partner", "trainer"
    ).prefetch_related(Prefetch("dates", queryset=SessionDate.objects.order_by("starts", "id")))


def catalogue() -> QuerySet[Module]:
    """The modules on offer, in every region (the public catalogue)."""
    return Module.objects.filter(active=True).select_related("partner").order_by("position", "key")


def upcoming() -> QuerySet[Session]:
    """Scheduled sessions that have not started, of active digibanks, soonest first."""
    return with_dates(
        Session.objects.filter(
            status=SessionStatus.SCHEDULED,
            starts_at__gt=timezone.now(),
            digibank__active=True,
            module__active=True,
        ).order_by("starts_at", "id")
    )


def _place_filter(place: str) -> Q:
    """Sessions at a hub with this postcode, in a municipality of that name or postcode; online
    sessions are open to every place."""
    text = place.strip()
    if POSTCODE_PATTERN.fullmatch(text):
        municipalities = [
            row.pk
            for row in Municipality.objects.only("pk", "postcodes")
            if text in (row.postcodes or [])
        ]
        near = Q(hub__postcode=text) | Q(hub__municipality__in=municipalities)
    else:
        near = Q(hub__municipality__name_nl__iexact=text) | Q(
            hub__municipality__name_fr__iexact=text
        )
    return near | Q(hub__isnull=True)


def find_sessions(
    *, module: int | None = None, place: str = "", language: str = ""
) -> QuerySet[Session]:
    sessions = upcoming()
    if module:
        sessions = sessions.filter(module_id=module)
    if place.strip():
        sessions = sessions.filter(_place_filter(place))
    if language:
        sessions = sessions.filter(language=language)
    return sessions


def first_of_each_module(
    sessions: QuerySet[Session], module_ids: Iterable[int], *, at_most: int, near: str = ""
) -> dict[int, list[Session]]:
    """The first `at_most` of `sessions` for each module, soonest first; with a place, those near
    it (or online) before the others. One query (plus the dates): each session is numbered
    within its module and only the first numbers are read, so a module with very many sessions
    never crowds out another's."""
    ids = list(module_ids)
    found: dict[int, list[Session]] = {pk: [] for pk in ids}
    if not ids:
        return found
    order = [F("starts_at").asc(), F("id").asc()]
    sessions = sessions.filter(module_id__in=ids)
    if near.strip():
        sessions = sessions.annotate(
            far=Case(When(_place_filter(near), then=Value(0)), default=Value(1))
        )
        order = [F("far").asc(), *order]
    numbered = sessions.annotate(
        place_in_module=Window(RowNumber(), partition_by=[F("module_id")], order_by=order)
    ).filter(place_in_module__lte=at_most)
    for session in sorted(numbered, key=lambda row: row.place_in_module):
        found[session.module_id].append(session)
    return found


def next_sessions_by_module(
    module_ids: Iterable[int], *, postcode: str = ""
) -> dict[int, list[Session]]:
    """The next few sessions of each module, near the postcode first (one query, plus dates)."""
    return first_of_each_module(upcoming(), module_ids, at_most=NEAR_AT_MOST, near=postcode)


def public_session(session_id: int) -> Session | None:
    return with_dates(Session.objects.filter(pk=session_id, digibank__active=True)).first()


def sessions_for(access: Access) -> QuerySet[Session]:
    return with_dates(access.scope(Session.objects.all())).order_by("-starts_at", "-id")


def get_session_for(access: Access, session_id: int) -> Session:
    return access.get(with_dates(Session.objects.all()), pk=session_id)


def modules_for(access: Access) -> QuerySet[Module]:
    """The catalogue a digibank's staff see: the region's shared modules and their own."""
    digibank = access.digibank
    return (
        Module.objects.filter(region=digibank.region)
        .filter(Q(digibank__isnull=True) | Q(digibank=digibank))
        .select_related("partner")
        .order_by("position", "key")
    )


def enrolments_visible_to(access: Access) -> QuerySet[Enrolment]:
    """The enrolments this user may see and change: the digibank's, or for a referrer only those
    of their partner's people (not the public enrolments, which name no person)."""
    enrolments = access.scope(Enrolment.objects.all())
    if not access.reach(Perm.ENROL_PEOPLE).whole_digibank:
        enrolments = access.scope_people(
            enrolments.filter(person__isnull=False),
            Perm.ENROL_PEOPLE,
            path="person__referrer_partner",
        )
    return enrolments


def enrolments_of(access: Access, session: Session) -> QuerySet[Enrolment]:
    return (
        enrolments_visible_to(access)
        .filter(session=session)
        .select_related("person")
        .order_by("queued_at", "created_at", "id")
    )


def waiting_list(session: Session) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITING).order_by(
        "queued_at", "id"
    )
