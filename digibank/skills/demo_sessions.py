"""Demo modules, sessions and enrolments for one digibank, through the real services.

The region's catalogue gets the thirteen modules residents ask about most (once per region). Each
digibank then has past sessions (with their participants), upcoming ones at its hubs and one
online, two of them full with a waiting list, and one cancelled. Time is the only thing set
directly: a past session is planned in the future, filled, then moved back; then its trainer
takes the attendance of each of its dates.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence

from django.utils import timezone

from digibank.core.models import User
from digibank.organisations.models import Digibank, Hub, Role
from digibank.organisations.permissions import PUBLIC, SYSTEM, Access, acting
from digibank.people.models import Person
from digibank.skills import services
from digibank.skills.models import (
    Competence,
    EnrolmentChannel,
    Module,
    ProviderKind,
    Session,
    SessionDate,
)
from digibank.skills.services.attendance import participants_of, record_attendance

D, AE, ES, LIB = (
    ProviderKind.DIGIBANK,
    ProviderKind.ADULT_EDUCATION,
    ProviderKind.EMPLOYMENT_SERVICE,
    ProviderKind.LIBRARY,
)
# key, Dutch, French, English title, competences, level, minutes, provider kind, materials (en)
MODULES = [
    ("DB01", "Starten met een laptop", "Débuter avec un ordinateur portable",
     "Start with a laptop", ["FS.1", "FS.2", "FS.3"], 1, 360, D, "A laptop is provided."),
    ("DB02", "Starten met een smartphone", "Débuter avec un smartphone",
     "Start with a smartphone", ["FS.1", "FS.2", "2.1"], 1, 360, LIB, "Bring your own smartphone."),
    ("DB03", "Internet en e-mail", "Internet et e-mail", "Internet and email",
     ["1.1", "2.1"], 2, 240, LIB, ""),
    ("DB04", "Digitale overheid: itsme, MyMinfin en eBox",
     "Administration en ligne : itsme, MyMinfin et eBox",
     "E-government: itsme, MyMinfin and eBox", ["2.3", "2.6"], 2, 240, D,
     "Bring your identity card and its PIN code."),
    ("DB05", "Veilig bankieren", "Banque en ligne en sécurité", "Banking safely",
     ["4.1", "4.2"], 2, 120, D, "Bring your smartphone with your banking app."),
    ("DB06", "Phishing en oplichting herkennen", "Reconnaître l'hameçonnage et les arnaques",
     "Recognise phishing and scams", ["4.1", "4.2"], 2, 120, D, ""),
    ("DB07", "Privacy en uw gegevens", "La vie privée et vos données", "Privacy and your data",
     ["4.2", "2.6"], 3, 120, LIB, ""),
    ("DB08", "Desinformatie herkennen", "Reconnaître la désinformation",
     "Recognise disinformation", ["1.2"], 3, 120, LIB, ""),
    ("DB09", "Gezonde schermtijd", "Un temps d'écran sain", "Healthy screen time",
     ["4.3"], 2, 120, D, ""),
    ("DB10", "Videobellen met familie", "Appels vidéo avec la famille",
     "Video calling with family", ["2.1", "2.2"], 1, 120, D, "Bring your own smartphone."),
    ("DB11", "Schoolplatformen voor ouders", "Plateformes scolaires pour les parents",
     "School platforms for parents", ["2.1", "1.3"], 2, 120, D, ""),
    ("DB12", "Online werk zoeken", "Chercher un emploi en ligne", "Job search online",
     ["1.1", "2.6", "3.1"], 2, 360, ES, ""),
    ("DB13", "Uw toestel onderhouden en herstellen", "Entretenir et réparer votre appareil",
     "Care for and repair your own device", ["5.1", "4.1", "4.4"], 2, 180, AE,
     "Bring your own laptop or smartphone and its charger."),
]  # fmt: skip
UPCOMING = 10
PAST = 4
NAMES = ["Mina", "Jef", "Fatima", "Rosa", "Karim", "Els", "Omar", "Lotte", "Ahmed", "Nina"]


def region_modules(digibank: Digibank) -> list[Module]:
    competences = {c.code: c for c in Competence.objects.filter(region__isnull=True)}
    modules = []
    for key, nl, fr, en, codes, level, minutes, kind, materials in MODULES:
        modules.append(
            services.add_region_module(
                by=SYSTEM,
                region=digibank.region,
                key=key,
                competences=[competences[code] for code in codes if code in competences],
                title_nl=nl,
                title_fr=fr,
                title_en=en,
                summary_en=f"{en}: step by step, in a small group, at your own pace.",
                summary_nl=f"{nl}: stap voor stap, in een kleine groep, op uw eigen tempo.",
                summary_fr=f"{fr} : pas à pas, en petit groupe, à votre rythme.",
                level=level,
                duration_minutes=minutes,
                provider_kind=kind,
                provider_name=str(ProviderKind(kind).label),
                materials=materials,
            )
        )
    return modules


def _dates(start: datetime.date, weeks: int, hour: int) -> list:
    dates = []
    for week in range(weeks):
        day = start + datetime.timedelta(weeks=week)
        starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
        dates.append((starts, starts + datetime.timedelta(hours=2)))
    return dates


def _enrol_some(session: Session, count: int, people: list[Person], rng: random.Random) -> None:
    for _number in range(count):
        if people and rng.random() < 0.5:
            person = people.pop()
            services.enrol(by=SYSTEM, session=session, person=person)
        else:
            name = f"{rng.choice(NAMES)} {rng.choice(['Peeters', 'Janssens', 'Maes', 'El Amrani'])}"
            services.enrol(
                by=PUBLIC,
                session=session,
                contact=services.Contact(name, phone=f"+3247{rng.randrange(10**7):07d}"),
                channel=EnrolmentChannel.PUBLIC,
            )


def _move_back(session: Session, weeks: int) -> None:
    """A past session: the dates move back by `weeks` (the only field set directly)."""
    shift = datetime.timedelta(weeks=weeks)
    for date in SessionDate.objects.filter(session=session):
        SessionDate.objects.filter(pk=date.pk).update(
            starts=date.starts - shift, ends=date.ends - shift
        )
    Session.objects.filter(pk=session.pk).update(
        starts_at=session.starts_at - shift if session.starts_at else None,
        ends_at=session.ends_at - shift if session.ends_at else None,
    )


def _take_attendance(session: Session, by: Access, rng: random.Random) -> None:
    """Who came to a past session, date by date, as the trainer records it: most do."""
    participants = participants_of(session)
    for date in SessionDate.objects.filter(session=session).order_by("starts"):
        came = [enrolment.pk for enrolment in participants if rng.random() < 0.8]
        record_attendance(session_date=date, present=came, by=by)


def build_sessions(
    *, digibank: Digibank, rng: random.Random, users: dict[str, User], people: Sequence[Person]
) -> None:
    if Session.objects.filter(digibank=digibank).exists():
        return
    modules = region_modules(digibank)
    hubs = list(Hub.objects.filter(digibank=digibank).order_by("pk"))
    trainer = users.get(Role.TRAINER) or users[Role.COORDINATOR]
    access = acting(trainer, digibank)
    pool = list(people)
    rng.shuffle(pool)
    today = timezone.localdate()
    for number in range(UPCOMING + PAST):
        module = modules[number % len(modules)]
        online = number == 3
        weeks = 1 + number % 3
        session = services.schedule_session(
            by=access,
            digibank=digibank,
            module=module,
            dates=_dates(
                today + datetime.timedelta(days=3 + number * 4), weeks, 9 + number % 3 * 4
            ),
            capacity=4 if number in (0, 5) else rng.choice([6, 8, 10, 12]),
            language="fr" if number == 7 else "nl",
            hub=None if online or not hubs else hubs[number % len(hubs)],
            online_link="https://meet.example/digibank-les" if online or not hubs else "",
            trainer=trainer,
            accessibility_notes="Rolstoeltoegankelijk, ringleiding" if number % 2 else "",
        )
        if number in (0, 5):
            _enrol_some(session, session.capacity + 3, pool, rng)  # full, with a waiting list
        else:
            _enrol_some(session, rng.randrange(1, session.capacity), pool, rng)
        if number == 9:
            services.cancel_session(by=access, session=session)
        if number >= UPCOMING:
            _move_back(session, weeks=6 + number)
            _take_attendance(session, access, rng)
