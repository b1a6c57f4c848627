"""People reached: every source counts, each person once, from what each event kept of them on
its day, so that erasing them or changing their groups later changes no figure."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps

from digibank.help.models import Outcome, Visit
from digibank.help.services.visits import log_visit
from digibank.help.tests.visit_helpers import topic
from digibank.insights.figures import QUERIES, dashboard, people
from digibank.insights.period import period_for
from digibank.insights.sources import Window
from digibank.lending.models import Loan, LoanKind
from digibank.lending.tests.helpers import handed_over, waiting_request
from digibank.organisations.models import Municipality
from digibank.organisations.permissions import SYSTEM
from digibank.people.backfill import fill_from_people
from digibank.people.models import AgeBand, Person
from digibank.people.services import delete_person, merge_people, register_person, update_person
from digibank.skills import services as skills
from digibank.skills.models import Enrolment, EnrolmentStatus, Session, SessionDate, SkillsCheck
from digibank.skills.services.attendance import record_attendance
from digibank.skills.tests.helpers import finished_check
from digibank.skills.tests.sessions_helpers import scheduled
from digibank.testing import Bank, act

pytestmark = pytest.mark.django_db


def window(world, **narrower: int) -> Window:
    chosen = period_for("last12")
    return Window((world.a.digibank.pk,), chosen.start, chosen.end, **narrower)


Figures = tuple[int, list[tuple[str, str, int]], dict[str, int], list[tuple[str, str, int]]]


def figures(world, **narrower: int) -> Figures:
    """Every figure of people reached, as the dashboard reads them."""
    chosen = window(world, **narrower)
    return (
        people.reached_total(chosen),
        people.reached_by_target_group(chosen),
        people.reached_by_age_band(chosen),
        people.reached_by_municipality(chosen),
    )


def resident(world, name: str = "Vandamme", groups: tuple[str, ...] = ("65plus",)) -> Person:
    return register_person(
        digibank=world.a.digibank,
        by=SYSTEM,
        first_name="Zelda",
        last_name=name,
        birth_year=1950,
        postcode=world.a.person.postcode,
        municipality=world.a.person.municipality,
        phone="0470 12 34 56",
        target_groups=list(groups),
    )


def in_a_course(bank: Bank, person: Person, *, came: bool = True) -> Enrolment:
    """Enrolled through the service in a session that then took place a week ago, where the
    trainer took attendance (time is the only thing set directly, as in the demo)."""
    session = scheduled(bank, capacity=4)
    enrolment = skills.enrol(by=SYSTEM, session=session, person=person)
    week = datetime.timedelta(days=8)
    date = session.dates.get()
    SessionDate.objects.filter(pk=date.pk).update(starts=date.starts - week, ends=date.ends - week)
    assert session.starts_at is not None and session.ends_at is not None
    Session.objects.filter(pk=session.pk).update(
        starts_at=session.starts_at - week, ends_at=session.ends_at - week
    )
    date.refresh_from_db()
    record_attendance(
        session_date=date,
        present=[enrolment.pk] if came else [],
        by=act(bank.users["trainer"]),
    )
    enrolment.refresh_from_db()
    return enrolment


def visited(bank: Bank, person: Person | None = None, **anonymous: object) -> Visit:
    return log_visit(
        hub=bank.hub,
        topics=[topic(bank)],
        outcome=Outcome.SOLVED,
        minutes=15,
        by=SYSTEM,
        person=person,
        consent=person is not None,
        **anonymous,  # type: ignore[arg-type]
    )


def checked(world, person: Person) -> SkillsCheck:
    return skills.link_check(
        check=finished_check(world.region),
        person=person,
        consent=True,
        by=act(world.a.users["coordinator"]),
    )


def test_an_attended_enrolment_reaches_the_person(world) -> None:
    enrolment = in_a_course(world.a, resident(world))
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert figures(world)[0] == 1
    assert people.reached_by_target_group(window(world))[0][::2] == ("65plus", 1)


def test_a_cancelled_enrolment_or_a_no_show_reaches_nobody(world) -> None:
    session = scheduled(world.a, capacity=4)
    enrolment = skills.enrol(by=SYSTEM, session=session, person=resident(world))
    skills.cancel_enrolment(by=SYSTEM, enrolment=enrolment)
    assert in_a_course(world.a, resident(world, "Stoop"), came=False).status == "no_show"
    assert figures(world)[0] == 0


def test_a_visit_linked_to_a_person_reaches_them(world) -> None:
    visited(world.a, resident(world))
    total, by_group, _bands, by_place = figures(world)
    assert total == 1
    assert [(code, n) for code, _name, n in by_group] == [("65plus", 1)]
    assert [(code, n) for code, _name, n in by_place] == [(world.a.person.municipality.nis_code, 1)]


def test_an_anonymous_walk_in_is_a_visit_not_a_person_reached(world) -> None:
    visited(world.a, target_groups=["65plus"], age_band=AgeBand.FROM_65)
    assert Visit.objects.count() == 1
    assert figures(world) == (0, [], {}, [])


def test_a_person_reached_by_a_loan_a_course_and_a_visit_counts_once(world) -> None:
    person = resident(world)
    handed_over(world.a, person=person)
    in_a_course(world.a, person)
    visited(world.a, person)
    checked(world, person)
    total, by_group, bands, by_place = figures(world)
    assert total == 1
    assert [(code, n) for code, _name, n in by_group] == [("65plus", 1)]
    assert bands == {person.age_band.value: 1}
    assert [n for _code, _name, n in by_place] == [1]


def test_the_figures_are_the_same_after_the_person_is_erased(world) -> None:
    person = resident(world, groups=("65plus", "living_alone"))
    other = resident(world, "Stoop", groups=("job_seeker",))
    handed_over(world.a, person=person, kind=LoanKind.GIFT)  # a gift is over: it may be erased
    in_a_course(world.a, person)
    visited(world.a, person)
    checked(world, person)
    visited(world.a, other)
    before = figures(world)
    assert before[0] == 2
    assert {code for code, _name, _n in before[1]} == {"65plus", "living_alone", "job_seeker"}
    delete_person(person=person, by=act(world.a.users["coordinator"]))
    assert not Person.objects.filter(pk=person.pk).exists()
    assert figures(world) == before
    here = world.a.person.municipality_id
    assert figures(world, municipality_id=here)[0] == 2
    assert figures(world, hub_id=world.a.hub.pk)[0] == 2


@pytest.mark.parametrize("source", ["loan", "course", "visit", "check"])
def test_each_source_keeps_its_person_in_the_figures_after_the_erasure(world, source) -> None:
    person = resident(world, groups=("65plus", "living_alone"))
    reach = {
        "loan": lambda: handed_over(world.a, person=person, kind=LoanKind.GIFT),
        "course": lambda: in_a_course(world.a, person),
        "visit": lambda: visited(world.a, person),
        "check": lambda: checked(world, person),
    }
    reach[source]()
    before = figures(world)
    assert before[0] == 1
    delete_person(person=person, by=act(world.a.users["coordinator"]))
    assert figures(world) == before


def test_groups_changed_after_the_help_do_not_change_the_figures_of_then(world) -> None:
    person = resident(world, groups=("65plus",))
    visited(world.a, person)
    before = figures(world)
    elsewhere = Municipality.objects.exclude(pk=world.a.person.municipality.pk).first()
    assert elsewhere is not None
    update_person(
        person=person,
        by=SYSTEM,
        target_groups=["job_seeker"],
        postcode=elsewhere.postcodes[0],
        municipality=elsewhere,
        birth_year=1990,
    )
    assert figures(world) == before
    assert figures(world, municipality_id=elsewhere.pk)[0] == 0
    # Helped again with their new groups: they count in each group that applied on a day of
    # help in the period, and still once in all.
    visited(world.a, person)
    total, by_group, _bands, _places = figures(world)
    assert total == 1
    assert [(code, n) for code, _name, n in by_group] == [("65plus", 1), ("job_seeker", 1)]


def test_two_records_merged_count_as_one_person(world) -> None:
    first, twin = resident(world), resident(world, "Vandamme-Twin")
    visited(world.a, first)
    visited(world.a, twin)
    assert figures(world)[0] == 2
    merge_people(keep=first, remove=twin, by=act(world.a.users["coordinator"]))
    assert figures(world)[0] == 1


def test_the_migration_fills_the_figures_of_earlier_events_from_the_person(world) -> None:
    person = resident(world, groups=("65plus", "living_alone"))
    loan = handed_over(world.a, person=person)
    visit = visited(world.a, person)
    check = checked(world, person)
    blank: dict[str, object] = {"reach_key": None, "target_groups": [], "age_band": AgeBand.UNKNOWN}
    Loan.objects.filter(pk=loan.pk).update(municipality=None, **blank)
    SkillsCheck.objects.filter(pk=check.pk).update(municipality=None, **blank)
    Visit.objects.filter(pk=visit.pk).update(reach_key=None)
    assert figures(world)[0] == 0
    fill_from_people(apps, "lending", "Loan", at="handed_over_at", snapshot=True)
    fill_from_people(apps, "skills", "SkillsCheck", at="completed_at", snapshot=True)
    fill_from_people(apps, "help", "Visit", at="visited_at", snapshot=False)
    for row in (Loan.objects.get(pk=loan.pk), SkillsCheck.objects.get(pk=check.pk)):
        assert row.reach_key == person.reach_key
        assert row.target_groups == ["65plus", "living_alone"]
        assert row.age_band == person.age_band
        assert row.municipality_id == person.municipality_id
    assert Visit.objects.get(pk=visit.pk).reach_key == person.reach_key
    assert figures(world)[0] == 1


def test_the_dashboard_reads_every_source_in_a_fixed_number_of_queries(
    world, django_assert_num_queries
) -> None:
    waiting_request(world.a)  # a waiting list: its median costs the one query more
    period = period_for("last12")
    with django_assert_num_queries(QUERIES):
        dashboard(window(world), period)
    for number in range(3):
        person = resident(world, f"Vandamme-{'abc'[number]}")
        handed_over(world.a, person=person)
        in_a_course(world.a, person)
        visited(world.a, person)
        visited(world.a)
        checked(world, person)
    with django_assert_num_queries(QUERIES):
        board = dashboard(window(world), period)
    assert board.headlines.reached.value == 3


def test_a_region_without_digibanks_reaches_nobody(world) -> None:
    visited(world.a, resident(world))
    chosen = period_for("last12")
    nowhere = Window((), chosen.start, chosen.end)
    assert people.reached_total(nowhere) == 0
    assert people.reached_by_target_group(nowhere) == []
    assert people.reached_by_digibank(nowhere) == {}
