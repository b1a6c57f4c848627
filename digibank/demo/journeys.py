"""A few residents of each demo digibank with something in each of the three jobs, so a person's
page shows the whole journey: they borrowed a device (the lending demo), and are now enrolled in
an upcoming session and came to a hub for help, from which they were referred to a partner.

Each job's demo fills its own part with different residents; this links a few of the borrowers
to the other two jobs, through the skills and help services as the staff pages do.
"""

from __future__ import annotations

import datetime
import random

from django.db.models import F
from django.utils import timezone

from digibank.core.models import User
from digibank.help.demo_visits import date_referral
from digibank.help.models import HelpTopic, Outcome
from digibank.help.services.referrals import refer
from digibank.help.services.visits import log_visit
from digibank.lending.models import Loan, LoanCondition, LoanStatus
from digibank.organisations.models import Digibank, Hub, Partner, Role
from digibank.organisations.permissions import acting
from digibank.skills import services as skills_services
from digibank.skills.models import Session, SessionStatus

JOURNEYS = 3
REASON = "Vragen over een brief van het OCMW; wil graag persoonlijke begeleiding."


def _borrowers(digibank: Digibank) -> list[Loan]:
    """Active loans, those awaiting the starter course first: their page tells the most."""
    loans = (
        Loan.objects.filter(digibank=digibank, status=LoanStatus.ACTIVE, person__isnull=False)
        .select_related("person")
        .order_by("pk")
    )
    waiting_for_course = [loan for loan in loans if LoanCondition.STARTER_COURSE in loan.conditions]
    others = [loan for loan in loans if loan not in waiting_for_course]
    return (waiting_for_course + others)[:JOURNEYS]


def link_journeys(*, digibank: Digibank, users: dict[str, User], rng: random.Random) -> int:
    """Enrol a few borrowers in upcoming sessions, log a visit of theirs and refer them on; the
    number of residents linked."""
    helper = acting(users.get(Role.HUB_VOLUNTEER) or users[Role.COORDINATOR], digibank)
    sessions = list(
        Session.objects.filter(
            digibank=digibank,
            status=SessionStatus.SCHEDULED,
            starts_at__gt=timezone.now(),
            # A seat, and the session not made full by it: the full ones keep their waiting list.
            seats_taken__lt=F("capacity") - JOURNEYS,
        )
        .select_related("module")
        # The foundation modules first: the starter course a loan's condition asks for.
        .order_by("module__level", "starts_at", "pk")
    )
    hubs = list(Hub.objects.filter(digibank=digibank, active=True).order_by("pk"))
    topics = list(HelpTopic.offered_in(digibank).order_by("position", "code")[:6])
    partners = list(Partner.objects.filter(digibank=digibank, active=True).order_by("pk"))
    if not (sessions and hubs and topics and partners):
        return 0
    linked = 0
    for number, loan in enumerate(_borrowers(digibank)):
        person = loan.person
        assert person is not None  # filtered above
        skills_services.enrol(by=helper, session=sessions[number % len(sessions)], person=person)
        visited = loan.handed_over_at + datetime.timedelta(days=rng.randint(7, 30))
        visit = log_visit(
            hub=hubs[number % len(hubs)],
            topics=[topics[number % len(topics)]],
            outcome=Outcome.REFERRED,
            minutes=30,
            visited_at=min(visited, timezone.now() - datetime.timedelta(days=1)),
            person=person,
            consent=True,
            by=helper,
        )
        referral = refer(
            partner=partners[number % len(partners)],
            reason=REASON,
            by=helper,
            hub=visit.hub,
            visit=visit,
            person=person,
            consent=True,
        )
        date_referral(referral, visit.visited_at)  # sent at the visit, as staff would have
        linked += 1
    return linked
