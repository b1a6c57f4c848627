"""The sessions a personal plan proposes for each module: near the person's postcode first, then
the soonest in the digibank; a module with very many sessions never crowds out another's."""

from __future__ import annotations

import pytest

from digibank.organisations import services as organisation_services
from digibank.organisations.permissions import SYSTEM, access_for
from digibank.plans.proposal import SESSIONS_PER_MODULE, next_sessions, proposal_for
from digibank.plans.tests.helpers import start
from digibank.skills.tests.test_next_sessions import sessions_of, two_modules

pytestmark = pytest.mark.django_db


def test_a_module_with_many_sessions_leaves_room_for_the_others(world):
    busy, quiet = two_modules(world.a)
    sessions_of(world.a, busy, 30, days=1)
    [late] = sessions_of(world.a, quiet, 1, days=60)
    access = access_for(world.a.users["coordinator"], world.a.digibank)
    planned = next_sessions(access, [busy.pk, quiet.pk])
    assert [s.pk for s in planned[quiet.pk]] == [late.pk]
    assert len(planned[busy.pk]) == SESSIONS_PER_MODULE


def test_a_plan_proposes_the_sessions_near_the_person_first(world):
    """The plan's proposal lists each module's sessions near the person's postcode first, then
    the soonest elsewhere in the digibank."""
    begin = start(world.a)
    world.a.digibank.municipalities.add(world.b.hub.municipality)  # it serves a second place
    elsewhere = organisation_services.create_hub(
        by=SYSTEM,
        digibank=world.a.digibank,
        name="Buurthuis elders",
        street="Kerkstraat 2",
        postcode=world.b.hub.postcode,
        municipality=world.b.hub.municipality,
    )
    assert begin.person.postcode == world.a.hub.postcode != elsewhere.postcode
    far_soon = sessions_of(world.a, begin.module, 3, days=1, hub=elsewhere)
    access = access_for(world.a.users["coordinator"], world.a.digibank)
    [offer] = [
        offer
        for offer in proposal_for(access, begin.person).modules
        if offer.module.pk == begin.module.pk
    ]
    assert [s.pk for s in offer.sessions] == [begin.session.pk, far_soon[0].pk, far_soon[1].pk]
    soonest = next_sessions(access, [begin.module.pk])[begin.module.pk]
    assert [s.pk for s in soonest] == [s.pk for s in far_soon]
