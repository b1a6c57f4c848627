"""The quick log of a visit and the hub's queue.

`log_visit` is the volunteer's one write: the visit row and its topic rows in one transaction,
nothing read but what the form already holds (the hub, the topics, the person if any). An
anonymous visit is no personal record, so it is not in the audit trail; a visit linked to a
person is. The queue's verbs lock the arrival row, so two helpers cannot start with one person.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.models import AuditAction
from digibank.help.models import Arrival, HelpTopic, HowHelped, Outcome, Visit, VisitTopic
from digibank.help.models.visits import LABEL_MAX, MAX_MINUTES, NOTES_MAX
from digibank.help.services.notes import check_notes
from digibank.organisations.models import Hub, Municipality
from digibank.organisations.permissions import Actor, Perm, require, require_person
from digibank.people.models import AgeBand, Person, TargetGroup
from digibank.people.snapshot import figures_of


def _check_hub(hub: Hub) -> None:
    if not hub.active:
        raise DomainError(_("This hub is no longer active."), field="hub")


def _check_topics(hub: Hub, topics: Sequence[HelpTopic]) -> None:
    if not topics:
        raise DomainError(_("Choose at least one topic."), field="topics")
    digibank = hub.digibank
    for topic in topics:
        offered = topic.region_id == digibank.region_id and topic.digibank_id in {
            None,
            digibank.pk,
        }
        if not offered or not topic.active:
            raise DomainError(_("Choose topics of this digibank."), field="topics")


@transaction.atomic
def log_visit(
    *,
    hub: Hub,
    topics: Sequence[HelpTopic],
    outcome: str,
    minutes: int,
    by: Actor,
    how: str = HowHelped.EXPLAINED,
    notes: str = "",
    visited_at: datetime.datetime | None = None,
    walk_in: bool = True,
    person: Person | None = None,
    consent: bool = False,
    target_groups: Sequence[str] = (),
    age_band: str = AgeBand.UNKNOWN,
    municipality: Municipality | None = None,
) -> Visit:
    """Record one visit. Anonymous unless `person` is given with the person's `consent`; for an
    anonymous visitor the helper may give the priority groups (`target_groups`, codes of the
    digibank's groups), age band and municipality without naming them."""
    require(by, hub.digibank, Perm.LOG_VISITS)
    _check_hub(hub)
    _check_topics(hub, topics)
    if outcome not in Outcome.values:
        raise DomainError(_("Choose the outcome."), field="outcome")
    if how not in HowHelped.values:
        raise DomainError(_("Choose how help was given."), field="how")
    if not 1 <= minutes <= MAX_MINUTES:
        raise DomainError(
            _("Enter the time spent in minutes, from 1 to %(max)s.") % {"max": MAX_MINUTES},
            field="minutes",
        )
    notes = check_notes(notes, limit=NOTES_MAX, field="notes")
    if age_band not in AgeBand.values:
        raise DomainError(_("Choose an age band."), field="age_band")
    consent_at = None
    reach_key = None  # an anonymous visit is a visit, never a person reached
    if person is not None:
        require_person(by, person, Perm.VIEW_PEOPLE)
        if not consent:
            raise DomainError(
                _("Ask the person first: link the visit only when they agree."), field="consent"
            )
        consent_at = timezone.now()
        figures = figures_of(person)
        target_groups, age_band = figures.target_groups, figures.age_band
        municipality, reach_key = figures.municipality, figures.reach_key
    elif target_groups:
        known = set(
            TargetGroup.objects.filter(
                digibank=hub.digibank, code__in=target_groups, active=True
            ).values_list("code", flat=True)
        )
        if known != set(target_groups):
            raise DomainError(_("Choose groups of this digibank."), field="target_groups")
    visit = Visit.objects.create(
        digibank=hub.digibank,
        hub=hub,
        visited_at=visited_at or timezone.now(),
        how=how,
        outcome=outcome,
        minutes=minutes,
        notes=notes,
        walk_in=walk_in,
        logged_by=by.user,
        person=person,
        consent_at=consent_at,
        target_groups=sorted(set(target_groups)),
        age_band=age_band,
        municipality=municipality,
        reach_key=reach_key,
    )
    VisitTopic.objects.bulk_create(VisitTopic(visit=visit, topic=topic) for topic in topics)
    if person is not None:
        audit.record(
            actor=by,
            action=AuditAction.CREATE,
            obj=visit,
            digibank=hub.digibank,
            fields=["person", "consent_at", "notes"] if notes else ["person", "consent_at"],
        )
    return visit


def _start_of_today() -> datetime.datetime:
    today = timezone.localdate()
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))


@transaction.atomic
def record_arrival(*, hub: Hub, label: str, by: Actor) -> Arrival:
    """Someone arrived at the hub: a first name or a number, so the helpers know who is next.

    Whatever is left of earlier days at this hub is closed and its names blanked at the same time:
    the queue holds today only."""
    require(by, hub.digibank, Perm.LOG_VISITS)
    _check_hub(hub)
    label = " ".join(label.split())
    if not label:
        raise DomainError(_("Enter a first name or a number."), field="label")
    if len(label) > LABEL_MAX:
        raise DomainError(_("Use at most %(max)s characters.") % {"max": LABEL_MAX}, field="label")
    now = timezone.now()
    Arrival.objects.filter(hub=hub, arrived_at__lt=_start_of_today(), finished_at=None).update(
        finished_at=now, label=""
    )
    return Arrival.objects.create(digibank=hub.digibank, hub=hub, label=label, arrived_at=now)


def _locked(arrival: Arrival, by: Actor) -> Arrival:
    locked = Arrival.objects.select_for_update().select_related("digibank").get(pk=arrival.pk)
    require(by, locked.digibank, Perm.LOG_VISITS)
    if locked.finished_at is not None:
        raise DomainError(_("This person is no longer in the queue."))
    return locked


@transaction.atomic
def start_helping(*, arrival: Arrival, by: Actor) -> Arrival:
    locked = _locked(arrival, by)
    if locked.helping_since is not None:
        raise DomainError(_("Someone is already helping this person."))
    locked.helping_since = timezone.now()
    locked.helped_by = by.user
    locked.save(update_fields=["helping_since", "helped_by"])
    return locked


@transaction.atomic
def finish_helping(*, arrival: Arrival, by: Actor) -> Arrival:
    """The helping ended (or the person left before it began): they leave the queue and their
    first name is blanked. The helper then logs the visit."""
    locked = _locked(arrival, by)
    locked.finished_at = timezone.now()
    locked.label = ""
    locked.save(update_fields=["finished_at", "label"])
    return locked


def minutes_helped(arrival: Arrival) -> int | None:
    """The minutes between the start and the end of the helping, for the quick log's default."""
    if arrival.helping_since is None or arrival.finished_at is None:
        return None
    seconds = (arrival.finished_at - arrival.helping_since).total_seconds()
    return max(1, min(MAX_MINUTES, round(seconds / 60)))
