"""The next sessions of each recommended module (the skills-check result, the personal plan): the
first few of every module, soonest first, near the place first; a module with very many sessions
never crowds out another's."""

from __future__ import annotations

import pytest

from digibank.skills import session_queries
from digibank.skills.models import Module, Session
from digibank.skills.tests.sessions_helpers import next_week
from digibank.testing import Bank

pytestmark = pytest.mark.django_db


def two_modules(bank: Bank) -> tuple[Module, Module]:
    first, second = Module.objects.filter(region=bank.digibank.region, active=True)[:2]
    return first, second


def sessions_of(bank: Bank, module: Module, count: int, *, days: int, hub=None) -> list[Session]:
    """`count` sessions of the module, one a day from `days` days on (rows as scheduling leaves
    them; their dates are not needed to list them)."""
    rows = []
    for n in range(count):
        starts, ends = next_week(days=days + n)
        rows.append(
            Session(
                digibank=bank.digibank,
                module=module,
                hub=hub or bank.hub,
                capacity=5,
                starts_at=starts,
                ends_at=ends,
            )
        )
    return Session.objects.bulk_create(rows)


def test_a_module_with_many_sessions_leaves_room_for_the_others(world):
    busy, quiet = two_modules(world.a)
    sessions_of(world.a, busy, 250, days=1)
    [late] = sessions_of(world.a, quiet, 1, days=300)
    found = session_queries.next_sessions_by_module([busy.pk, quiet.pk])
    assert [s.pk for s in found[quiet.pk]] == [late.pk]
    soonest = list(Session.objects.filter(module=busy).order_by("starts_at", "id")[:3])
    assert found[busy.pk] == soonest


def test_sessions_near_the_postcode_come_first_then_the_soonest(world):
    module, other = two_modules(world.a)
    assert world.a.hub.postcode != world.b.hub.postcode
    far_soon = sessions_of(world.b, module, 3, days=1)
    [near_late] = sessions_of(world.a, module, 1, days=30)
    found = session_queries.next_sessions_by_module(
        [module.pk, other.pk], postcode=world.a.hub.postcode
    )
    assert [s.pk for s in found[module.pk]] == [near_late.pk, far_soon[0].pk, far_soon[1].pk]
    assert found[other.pk] == []
    without_place = session_queries.next_sessions_by_module([module.pk])
    assert [s.pk for s in without_place[module.pk]] == [s.pk for s in far_soon]


def test_the_list_costs_the_same_queries_with_more_sessions(world, django_assert_num_queries):
    module, other = two_modules(world.a)
    sessions_of(world.a, module, 2, days=1)
    with django_assert_num_queries(2):  # the sessions, their dates
        session_queries.next_sessions_by_module([module.pk, other.pk])
    sessions_of(world.a, module, 40, days=5)
    sessions_of(world.a, other, 40, days=5)
    with django_assert_num_queries(2):
        found = session_queries.next_sessions_by_module([module.pk, other.pk])
    assert [len(found[module.pk]), len(found[other.pk])] == [3, 3]


def test_no_module_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert session_queries.next_sessions_by_module([]) == {}
