"""Demo visits, referrals, shifts and a queue for one digibank, made through the real services.

Six months of visits at the digibank's hubs, the most-asked topics (itsme, the job bonus, Mijn
Burgerprofiel, Tax-on-web) most often; most visits anonymous, some with priority groups ticked,
a few linked to a resident with their consent. Visits that ended in a referral send one to a
partner, which the partner's referrer (or, for a partner without an account, the system) moved
on. Hubs had a shift a week over those months, half of them taken by the hub volunteer, and have
shifts for the coming weeks, some taken by the hub volunteer, some still missing volunteers; two
people wait in the first hub's queue today.

Only the times are chosen here; every row comes from a service. The services stamp the time they
run at, and a volunteer signs up only for a coming shift, so the demo dates a referral and its
history (`date_referral`) and a past shift and its sign-ups (`date_shift`) afterwards, as they
would read had they been made then.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.utils import timezone

from digibank.core.models import User
from digibank.help.models import (
    HelpTopic,
    HowHelped,
    Outcome,
    Referral,
    ReferralEvent,
    ReferralStatus,
    Shift,
    ShiftSignUp,
    Visit,
)
from digibank.help.services.referrals import refer, update_referral
from digibank.help.services.shifts import plan_shift, sign_up
from digibank.help.services.visits import log_visit, record_arrival
from digibank.organisations.models import Digibank, Hub, Partner, PartnerKind, Role
from digibank.organisations.permissions import SYSTEM, Access, acting
from digibank.people.models import Person

VISITS = 160
DAYS = 182
LINKED = 8
OUTCOMES = {Outcome.SOLVED: 55, Outcome.PARTLY: 20, Outcome.REFERRED: 15, Outcome.FOLLOW_UP: 10}
MINUTES = (5, 15, 15, 15, 30, 30, 45, 60)
GROUPS = ("65plus", "job_seeker", "low_income", "newcomer", "living_alone")
NOTES = (
    "",
    "",
    "",
    "Samen itsme op de nieuwe gsm gezet.",
    "Uitgelegd hoe de eBox werkt; thuis verder.",
    "Brief van de belastingen samen gelezen.",
    "Nieuwe afspraak volgende week voor de rest.",
)
# The first names anonymous visitors give when they agree to be called back by the partner.
VISITOR_NAMES = ("Fatima", "Jan", "Olena", "Mohamed", "Rita", "Youssef", "Marleen", "Dmytro")
# The partner moves a referral on a few days after the step before.
DAYS_PER_STEP = 3
REASONS = {
    PartnerKind.LOCAL_GOVERNMENT: "Vragen over een leefloon en de energiefactuur.",
    PartnerKind.EMPLOYMENT_SERVICE: "Zoekt werk; wil hulp met het profiel bij de VDAB.",
    PartnerKind.TRAINING: "Wil een cursus om zelf met de computer te leren werken.",
}
# Where a referral stands after its partner handled it, with the partner's note.
HANDLED = (
    (ReferralStatus.SENT, ""),
    (ReferralStatus.ACCEPTED, "Afspraak gemaakt voor volgende week."),
    (ReferralStatus.IN_PROGRESS, "Dossier is opgestart."),
    (ReferralStatus.DONE, "Geholpen, alles in orde."),
    (ReferralStatus.DECLINED, "Niet voor ons: doorverwezen naar het OCMW."),
)
STEPS = {
    ReferralStatus.SENT: (),
    ReferralStatus.ACCEPTED: (ReferralStatus.ACCEPTED,),
    ReferralStatus.IN_PROGRESS: (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS),
    ReferralStatus.DONE: (ReferralStatus.ACCEPTED, ReferralStatus.DONE),
    ReferralStatus.DECLINED: (ReferralStatus.DECLINED,),
}


def _weighted_topics(topics: Sequence[HelpTopic]) -> list[HelpTopic]:
    """The most-asked topics several times over, so they come up most."""
    weighted: list[HelpTopic] = []
    for topic in topics:
        rank = topic.asked_most_rank
        weighted += [topic] * (6 - rank if rank and rank < 6 else 1)
    return weighted


def _moment(hub_index: int, rng: random.Random, today: datetime.date) -> datetime.datetime:
    day = today - datetime.timedelta(days=rng.randrange(1, DAYS))
    time = datetime.time(rng.choice((9, 10, 11, 13, 14, 15, 16)), rng.choice((0, 15, 30, 45)))
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _visits(
    digibank: Digibank, hubs: list[Hub], people: Sequence[Person], rng: random.Random, by: Access
) -> list[Visit]:
    topics = _weighted_topics(list(HelpTopic.offered_in(digibank).order_by("position", "code")))
    today = timezone.localdate()
    visits = []
    outcomes, weights = list(OUTCOMES), list(OUTCOMES.values())
    for number in range(VISITS):
        hub_index = rng.randrange(len(hubs))
        outcome = rng.choices(outcomes, weights)[0]
        how = (
            HowHelped.REFERRED
            if outcome == Outcome.REFERRED
            else rng.choice((HowHelped.EXPLAINED, HowHelped.EXPLAINED, HowHelped.TOGETHER))
        )
        chosen = {rng.choice(topics) for _ in range(rng.choice((1, 1, 1, 2)))}
        person = people[number % len(people)] if number < LINKED and people else None
        groups = rng.sample(GROUPS, rng.choice((0, 0, 1, 2))) if person is None else []
        visits.append(
            log_visit(
                hub=hubs[hub_index],
                topics=sorted(chosen, key=lambda topic: topic.pk),
                outcome=outcome,
                minutes=rng.choice(MINUTES),
                how=how,
                notes=rng.choice(NOTES),
                visited_at=_moment(hub_index, rng, today),
                person=person,
                consent=person is not None,
                target_groups=groups,
                by=by,
            )
        )
    return visits


def _referrals(
    digibank: Digibank, visits: list[Visit], users: dict[str, User], rng: random.Random, by: Access
) -> None:
    partners = list(
        Partner.objects.filter(digibank=digibank, active=True, kind__in=list(REASONS)).order_by(
            "pk"
        )
    )
    if not partners:
        return
    referrer = users.get(Role.REFERRER)
    referrer_access = acting(referrer, digibank) if referrer is not None else None
    referred = [visit for visit in visits if visit.outcome == Outcome.REFERRED]
    for number, visit in enumerate(referred):
        partner = partners[number % len(partners)]
        named = visit.person is not None
        referral = refer(
            partner=partner,
            reason=REASONS[PartnerKind(partner.kind)],
            by=by,
            visit=visit,
            person=visit.person,
            contact_name="" if named or number % 3 else VISITOR_NAMES[number % len(VISITOR_NAMES)],
            consent=named or not number % 3,
        )
        target, note = HANDLED[number % len(HANDLED)]
        mover = (
            referrer_access
            if referrer_access is not None and partner.pk in referrer_access.partner_ids
            else SYSTEM
        )
        steps = STEPS[target]
        for step in steps:
            update_referral(
                referral=referral,
                to=step,
                by=mover,
                response=note if step == steps[-1] else "",
            )
        date_referral(referral, visit.visited_at)


def date_referral(referral: Referral, sent: datetime.datetime) -> None:
    """The referral as sent at `sent` (its visit's time), each later move of its history a few
    days after the one before, never later than now."""
    now = timezone.now()
    moved = list(ReferralEvent.objects.filter(referral=referral).order_by("at", "id"))
    for number, event in enumerate(moved, start=1):
        event.at = min(sent + datetime.timedelta(days=DAYS_PER_STEP * number), now)
    ReferralEvent.objects.bulk_update(moved, ["at"])
    Referral.objects.filter(pk=referral.pk).update(
        created_at=sent,
        updated_at=moved[-1].at if moved else sent,
        consent_at=sent if referral.consent_at is not None else None,
    )


def _shifts(digibank: Digibank, hubs: list[Hub], users: dict[str, User]) -> None:
    volunteer = users.get(Role.HUB_VOLUNTEER)
    access = acting(volunteer, digibank) if volunteer is not None else None
    today = timezone.localdate()
    for week in range(3):
        for hub_index, hub in enumerate(hubs):
            for offset, (start, end) in ((1, (13, 16)), (4, (9, 12))):
                day = today + datetime.timedelta(days=7 * week + offset + hub_index)
                starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(start)))
                shift = plan_shift(
                    hub=hub,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=end - start),
                    volunteers_needed=2,
                    by=SYSTEM,
                )
                if access is not None and (week + offset + hub_index) % 2:
                    sign_up(shift=shift, by=access)


def _past_shifts(digibank: Digibank, hubs: list[Hub], users: dict[str, User]) -> None:
    """A shift a week at each hub over the months of visits, half of them taken by the hub
    volunteer: the hours volunteers gave. A volunteer signs up only for a coming shift, so each
    is planned and taken ahead, then dated back (`date_shift`), as it would read had it been
    planned then."""
    volunteer = users.get(Role.HUB_VOLUNTEER)
    access = acting(volunteer, digibank) if volunteer is not None else None
    today = timezone.localdate()
    ahead = today + datetime.timedelta(days=1)
    for week in range(1, DAYS // 7):
        for hub_index, hub in enumerate(hubs):
            day = today - datetime.timedelta(days=7 * week - hub_index % 5)
            starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(13)))
            planned = timezone.make_aware(datetime.datetime.combine(ahead, datetime.time(13)))
            shift = plan_shift(
                hub=hub,
                starts_at=planned,
                ends_at=planned + datetime.timedelta(hours=3),
                volunteers_needed=2,
                by=SYSTEM,
            )
            if access is not None and (week + hub_index) % 2:
                sign_up(shift=shift, by=access)
            date_shift(shift, starts)


def date_shift(shift: Shift, starts: datetime.datetime) -> None:
    """The shift moved to `starts` (same length), its sign-ups made a week before."""
    length = shift.ends_at - shift.starts_at
    Shift.objects.filter(pk=shift.pk).update(starts_at=starts, ends_at=starts + length)
    ShiftSignUp.objects.filter(shift=shift).update(created_at=starts - datetime.timedelta(days=7))


def build_demo(
    *, digibank: Digibank, rng: random.Random, users: dict[str, User], people: Sequence[Person]
) -> None:
    if Visit.objects.filter(digibank=digibank).exists():
        return  # built before: running the demo again changes nothing
    hubs = list(Hub.objects.filter(digibank=digibank, active=True).order_by("pk"))
    if not hubs:
        return
    helper = users.get(Role.HUB_VOLUNTEER) or users[Role.COORDINATOR]
    by = acting(helper, digibank)
    visits = _visits(digibank, hubs, people, rng, by)
    _referrals(digibank, visits, users, rng, by)
    _past_shifts(digibank, hubs, users)
    _shifts(digibank, hubs, users)
    for label in ("Anna", "12"):
        record_arrival(hub=hubs[0], label=label, by=by)
