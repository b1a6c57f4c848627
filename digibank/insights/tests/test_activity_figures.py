"""The learning and help figures: each equals a direct count, the filters apply, small counts
hide, and they reach the page, the downloads and the API."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from digibank.help.models import (
    AppointmentStatus,
    Outcome,
    Referral,
    Shift,
    ShiftSignUp,
    Visit,
    VisitTopic,
)
from digibank.help.services.appointments import record_outcome
from digibank.help.services.shifts import sign_up
from digibank.help.tests.helpers import book, in_the_past, slot
from digibank.help.tests.visit_helpers import logged_visit, referral_to, shift_at, topic
from digibank.insights.figures import QUERIES, dashboard
from digibank.insights.period import period_for
from digibank.insights.sources import Window
from digibank.lending.tests.helpers import waiting_request
from digibank.organisations.models import Municipality
from digibank.skills.models import Enrolment, EnrolmentStatus, Session, SessionStatus
from digibank.skills.tests.attendance_helpers import enrolled, session_on
from digibank.testing import Bank, act

pytestmark = pytest.mark.django_db


def board(world, **filters):
    chosen = period_for("last12")
    window = Window((world.a.digibank.pk,), chosen.start, chosen.end, **filters)
    return dashboard(window, chosen)


def texts(table) -> dict[str, list[str]]:
    return {row.key: [cell.text for cell in row.cells] for row in table.rows}


def held_session(bank: Bank, people: int, completed: int, capacity: int = 20) -> Session:
    """A session of yesterday with `people` enrolled, `completed` of them completed, the others
    did not come."""
    session = session_on(bank, days=(-2, -1), key="M02", capacity=capacity)
    for n in range(people):
        enrolment = enrolled(session, name=f"Deelnemer {n}")
        status = EnrolmentStatus.COMPLETED if n < completed else EnrolmentStatus.NO_SHOW
        Enrolment.objects.filter(pk=enrolment.pk).update(status=status)
    Session.objects.filter(pk=session.pk).update(seats_taken=people)
    return session


def test_sessions_seats_fill_rate_and_enrolments_equal_a_direct_count(world) -> None:
    session = held_session(world.a, people=12, completed=10)
    level = str(session.module.level)
    cancelled = session_on(world.a, days=(-3,), key="M02")
    Session.objects.filter(pk=cancelled.pk).update(status=SessionStatus.CANCELLED)
    session_on(world.a, days=(5,), key="M02")  # not held yet
    figures = board(world)
    sessions = figures.table("sessions")
    held = Session.objects.filter(
        digibank=world.a.digibank, starts_at__lt=timezone.now(), status=SessionStatus.SCHEDULED
    )
    assert held.count() == 1
    assert sessions.rows[0].key == level
    assert sessions.rows[0].cells[0].text == "<10"
    seats = held.aggregate(seats=Sum("capacity"))["seats"]
    assert sessions.rows[0].cells[1].value == seats == 20
    assert sessions.rows[0].cells[2].text == str(round(100 * 12 / 20))
    enrolments = figures.table("enrolments")
    direct = Enrolment.objects.filter(session__in=held)
    # Two did not come ("<10"), so the completed of the same row are hidden too ("x"): the
    # seats taken (12) would otherwise tell the two.
    assert texts(enrolments)[level] == ["0", "0", "x", "<10"]
    completed = direct.filter(status=EnrolmentStatus.COMPLETED).count()
    assert enrolments.rows[0].cells[2].value == completed == 10
    assert enrolments.rows[0].total is not None
    assert enrolments.rows[0].total.value == direct.count() == 12


def test_a_fill_rate_of_a_hidden_count_or_few_seats_is_not_shown(world) -> None:
    held_session(world.a, people=3, completed=0, capacity=20)
    assert board(world).table("sessions").rows[0].cells[2].text == "x"
    Session.objects.update(capacity=8)
    assert board(world).table("sessions").rows[0].cells[2].text == "x"


def test_the_sessions_follow_the_hub_and_municipality_chosen(world) -> None:
    held_session(world.a, people=12, completed=12)
    here = world.a.hub.municipality_id
    elsewhere = Municipality.objects.exclude(pk=here).first()
    assert elsewhere is not None
    assert board(world, hub_id=world.a.hub.pk).table("sessions").rows
    assert not board(world, hub_id=world.b.hub.pk).table("sessions").rows
    assert board(world, municipality_id=here).table("enrolments").grand_total.value == 12
    assert not board(world, municipality_id=elsewhere.pk).table("enrolments").rows


def test_help_visits_by_topic_and_outcome_equal_a_direct_count(world) -> None:
    for _n in range(11):
        logged_visit(world.a, topics=[topic(world.a, "H01"), topic(world.a, "H06")])
    for _n in range(2):
        logged_visit(world.a, outcome=Outcome.PARTLY, minutes=30)
    logged_visit(world.b)  # another digibank
    figures = board(world)
    visits = VisitTopic.objects.filter(visit__digibank=world.a.digibank)
    by_topic = {row.key: row.cells[0] for row in figures.table("help_visits_topic").rows}
    assert by_topic["H01"].value == visits.filter(topic__code="H01").count() == 13
    assert by_topic["H06"].value == visits.filter(topic__code="H06").count() == 11
    outcome = {row.key: row.cells[0] for row in figures.table("help_visits_outcome").rows}
    solved = Visit.objects.filter(digibank=world.a.digibank, outcome=Outcome.SOLVED).count()
    assert outcome[Outcome.SOLVED].value == solved == 11
    # The total (13) would tell the two partly solved ones: the solved are hidden as well.
    assert (outcome[Outcome.PARTLY].text, outcome[Outcome.SOLVED].text) == ("<10", "x")
    assert figures.table("help_visits_outcome").totals[0].value == 13
    trend = figures.table("trend")
    assert trend.totals is not None
    assert [key for key, _label in trend.columns][-2:] == ["sessions_held", "help_visits"]
    assert trend.totals[-1].value == 13


def test_the_help_visits_follow_the_hub_and_the_period(world) -> None:
    for _n in range(10):
        logged_visit(world.a)
    logged_visit(world.a, visited_at=timezone.now() - datetime.timedelta(days=800))
    assert texts(board(world).table("help_visits_outcome"))[Outcome.SOLVED] == ["10"]
    assert not board(world, hub_id=world.b.hub.pk).table("help_visits_topic").rows


def test_appointments_count_by_what_became_of_them(world) -> None:
    past = slot(world.a, capacity=3)
    came = book(world.a, past, name="Ann")
    missed = book(world.a, past, name="Bert")
    in_the_past(past)
    coordinator = act(world.a.users["coordinator"])
    record_outcome(appointment=came, status=AppointmentStatus.ATTENDED, by=coordinator)
    record_outcome(appointment=missed, status=AppointmentStatus.NO_SHOW, by=coordinator)
    book(world.a, slot(world.a), name="Cas")  # in three days: after the period
    table = board(world).table("appointments")
    assert {row.key: row.cells[0].value for row in table.rows} == {
        AppointmentStatus.BOOKED: 0,
        AppointmentStatus.CANCELLED: 0,
        AppointmentStatus.ATTENDED: 1,
        AppointmentStatus.NO_SHOW: 1,
    }
    assert texts(table)[AppointmentStatus.ATTENDED] == ["<10"]


def test_referrals_count_by_kind_of_partner_and_status(world) -> None:
    for _n in range(10):
        referral_to(world.a)
    table = board(world).table("referrals")
    kind = world.a.partner.kind
    direct = Referral.objects.filter(digibank=world.a.digibank, partner__kind=kind)
    assert texts(table)[kind][0] == str(direct.filter(status="sent").count()) == "10"
    assert board(world, hub_id=world.b.hub.pk).table("referrals").rows == []


def test_volunteer_hours_count_past_shifts_taken_and_time_on_visits(world) -> None:
    shift = shift_at(world.a, hours=3)
    sign_up(shift=shift, by=act(world.a.users["hub_volunteer"]))
    later = shift_at(world.a, hours=2, days=4)
    sign_up(shift=later, by=act(world.a.users["hub_volunteer"]))  # not worked yet
    ago = timezone.now() - datetime.timedelta(days=1)
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=ago, ends_at=ago + datetime.timedelta(hours=3)
    )
    for _n in range(12):
        logged_visit(world.a, minutes=30)
    table = board(world).table("volunteer_hours")
    row = next(row for row in table.rows if row.key == str(world.a.hub.pk))
    shift_hours, signups, visit_hours, visits = row.cells
    assert signups.value == ShiftSignUp.objects.filter(shift__ends_at__lt=timezone.now()).count()
    assert (signups.text, shift_hours.text, shift_hours.value) == ("<10", "x", 3)
    minutes = Visit.objects.filter(hub=world.a.hub).aggregate(m=Sum("minutes"))["m"]
    assert (visits.text, visit_hours.text) == ("12", str(round(minutes / 60)))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_new_figures_reach_the_page_the_downloads_and_the_api(world) -> None:
    from digibank.core.services import create_api_token

    for _n in range(10):
        logged_visit(world.a)
    held_session(world.a, people=2, completed=1)
    analyst = world.a.users["analyst"]
    page = client_for(analyst).get(reverse("insights:dashboard", args=[world.a.digibank.slug]))
    body = page.content.decode()
    assert 'id="chart-help_visits_topic-title"' in body
    assert "table-volunteer_hours-caption" in body
    lines = (
        client_for(analyst)
        .get(reverse("insights:figures_csv", args=[world.a.digibank.slug]))
        .content.decode()
    )
    solved = next(
        line for line in lines.splitlines() if line.startswith("help_visits_outcome,solved,")
    )
    assert solved.endswith(",10")
    key = create_api_token(user=analyst, name="figures", days=30)
    answer = (
        Client()
        .get(
            f"/api/digibanks/{world.a.digibank.slug}/figures/last12",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        .json()
    )
    keys = {table["key"] for table in answer["tables"]}
    assert keys >= {
        "sessions",
        "enrolments",
        "help_visits_topic",
        "help_visits_outcome",
        "appointments",
        "referrals",
        "volunteer_hours",
    }
    enrolments = next(t for t in answer["tables"] if t["key"] == "enrolments")
    assert enrolments["total"] == "<10"


def test_the_data_dictionary_names_every_table_of_the_dashboard(world, client) -> None:
    body = client.get(reverse("insights:data_dictionary")).content.decode()
    keys = [table.key for table in board(world).tables]
    assert "volunteer_hours" in keys
    for key in [*keys, "digibanks"]:
        assert key in body, key


def test_the_region_sees_sessions_and_help_visits_per_digibank(world) -> None:
    for _n in range(10):
        logged_visit(world.a)
        logged_visit(world.b)
    logged_visit(world.b)
    held_session(world.b, people=1, completed=1)
    response = client_for(world.region_users["region_analyst"]).get(
        reverse("insights:region_digibanks_json", args=[world.region.slug])
    )
    table = response.json()["tables"][0]
    columns = [column["key"] for column in table["columns"]]
    rows = {row["key"]: dict(zip(columns, row["values"], strict=True)) for row in table["rows"]}
    assert rows[world.a.digibank.slug]["help_visits"] == 10
    assert rows[world.b.digibank.slug]["help_visits"] == 11
    assert rows[world.b.digibank.slug]["sessions_held"] == "<10"
    assert rows[world.a.digibank.slug]["sessions_held"] == 0


def test_the_new_figures_keep_the_query_count_with_more_data(
    world, django_assert_num_queries
) -> None:
    chosen = period_for("last12")
    window = Window((world.a.digibank.pk,), chosen.start, chosen.end)
    logged_visit(world.a)
    waiting_request(world.a)  # the median of a waiting list is the one more query
    with django_assert_num_queries(QUERIES):
        dashboard(window, chosen)
    for _n in range(3):
        held_session(world.a, people=4, completed=2)
        logged_visit(world.a, topics=[topic(world.a, "H01"), topic(world.a, "H06")])
        referral_to(world.a)
    shift = shift_at(world.a)
    sign_up(shift=shift, by=act(world.a.users["hub_volunteer"]))
    with django_assert_num_queries(QUERIES):
        dashboard(window, chosen)
