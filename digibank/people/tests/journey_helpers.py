"""A person with something in each of the three jobs, made through the domains' services: a
device request that led to a loan with a condition, a completed enrolment (its certificate), a
visit linked with consent and a referral from it, an appointment booked for them, a consent."""

from __future__ import annotations

from dataclasses import dataclass

from digibank.help import services as help_services
from digibank.help.models import Appointment, Outcome, Referral, Visit
from digibank.help.tests.helpers import slot
from digibank.help.tests.helpers import topic as help_topic
from digibank.help.tests.visit_helpers import logged_visit, referral_to
from digibank.lending.models import Loan, LoanCondition
from digibank.lending.tests.helpers import handed_over
from digibank.organisations.permissions import SYSTEM
from digibank.people.models import ConsentPurpose, Person
from digibank.people.services import record_consent
from digibank.skills.models import Enrolment
from digibank.skills.services.attendance import record_attendance
from digibank.skills.tests.attendance_helpers import enrolled, session_on
from digibank.testing import Bank


@dataclass
class Journey:
    loans: list[Loan]
    enrolments: list[Enrolment]
    visits: list[Visit]
    referrals: list[Referral]
    appointments: list[Appointment]


def journey_of(bank: Bank, person: Person, times: int = 1) -> Journey:
    """`times` of each: loans, completed enrolments, visits each with a referral, appointments."""
    if not person.consents.filter(purpose=ConsentPurpose.REGISTRATION).exists():
        record_consent(person=person, by=SYSTEM, purpose=ConsentPurpose.REGISTRATION)
    journey = Journey([], [], [], [], [])
    for _ in range(times):
        journey.loans.append(
            handed_over(bank, person=person, conditions=(LoanCondition.STARTER_COURSE,))
        )
        session = session_on(bank, days=(0,))
        enrolment = enrolled(session, person)
        record_attendance(session_date=session.dates.get(), present=[enrolment.pk], by=SYSTEM)
        enrolment.refresh_from_db()
        journey.enrolments.append(enrolment)
        visit = logged_visit(bank, person=person, consent=True, outcome=Outcome.REFERRED)
        journey.visits.append(visit)
        journey.referrals.append(referral_to(bank, person=person, visit=visit, consent=True))
        journey.appointments.append(
            help_services.book_appointment(
                slot=slot(bank), topic=help_topic(bank), person=person, by=SYSTEM
            )
        )
    return journey
