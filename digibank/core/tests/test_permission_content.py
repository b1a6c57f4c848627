"""What the list pages and API list answers show, for every role and every pair of roles.

The status codes are the permission matrix's business (test_permission_matrix.py); here every
resident and request carries a name that says whose it is — digibank A or B, referred by A's
referrer's partner ("own"), by another partner ("other") or by none — and each answer must show
exactly the ones the user may reach: a partner referrer only their partner's, whatever other role
they hold, unless that other role itself grants the whole digibank.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import pytest
from django.test import Client
from django.urls import reverse

from digibank.core import services
from digibank.core.tests.test_permission_matrix import SPECS
from digibank.lending.tests.helpers import make_eligible, new_request
from digibank.organisations import services as organisation_services
from digibank.organisations.models import PartnerKind
from digibank.organisations.permissions import SYSTEM
from digibank.people.services import register_person
from digibank.testing import ROLES, World

pytestmark = pytest.mark.django_db

# A partner referrer's reach is their partner's people; every other role that may use a list
# reaches the whole digibank.
PARTNER_REACH_ROLES = {"referrer"}

# url name -> what the answer shows of each marked item: the resident's last name or the request's
# reference code.
LISTS = {
    "people:list": "name",
    "api:list_people": "name",
    "lending:request_list": "reference",
    "lending:waiting_list": "reference",
    "api:list_requests": "reference",
}

IDENTITIES = [(role,) for role in ROLES] + list(combinations(ROLES, 2))


@dataclass(frozen=True)
class Marked:
    bank: str  # "a" or "b"
    partner: str  # "own" (the partner of A's referrer), "other" or "none"
    name: str
    reference: str


def mark_content(world: World) -> list[Marked]:
    """Per digibank, a resident referred by its referrers' partner, one by another partner and one
    without a partner, each with a request on the waiting list."""
    marked = []
    for key, bank in (("a", world.a), ("b", world.b)):
        other = organisation_services.create_partner(
            by=SYSTEM,
            digibank=bank.digibank,
            name=f"Buurtwerk {key}",
            kind=PartnerKind.CIVIL_SOCIETY,
        )
        for partner_key, partner in (("own", bank.partner), ("other", other), ("none", None)):
            name = f"Zzmark{key}{partner_key}"
            person = register_person(
                digibank=bank.digibank,
                by=SYSTEM,
                first_name="Lou",
                last_name=name,
                contact_method="referrer" if partner else "none",
                referrer_partner=partner,
            )
            request = make_eligible(bank, new_request(bank, person=person))
            marked.append(Marked(key, partner_key, name, request.reference_display))
    return marked


def reachable(name: str, identity: tuple[str, ...], marked: list[Marked]) -> set[Marked] | None:
    """What `identity` must see on the list `name`; None when no role of it may use the list."""
    allowed = SPECS[name].allowed & set(identity)
    if not allowed:
        return None
    whole = bool(allowed - PARTNER_REACH_ROLES)
    return {m for m in marked if m.bank == "a" and (whole or m.partner == "own")}


def test_the_expectation_follows_the_role_that_grants_the_list(world):
    marked = mark_content(world)
    own = {m for m in marked if m.bank == "a" and m.partner == "own"}
    everyone_in_a = {m for m in marked if m.bank == "a"}
    assert reachable("people:list", ("referrer", "technician"), marked) == own
    assert reachable("people:list", ("referrer", "trainer"), marked) == everyone_in_a
    assert reachable("lending:request_list", ("referrer", "trainer"), marked) == own
    assert reachable("lending:request_list", ("technician", "trainer"), marked) is None


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_list_shows_exactly_what_the_users_roles_reach(name, world):
    marked = mark_content(world)
    spec = SPECS[name]
    url = reverse(name, kwargs=spec.kwargs(world.a, world.a))
    failures = []
    for identity in IDENTITIES:
        wanted = reachable(name, identity, marked)
        if wanted is None:
            continue
        user = world.user_with_roles(*identity) if len(identity) > 1 else world.users[identity[0]]
        client = Client()
        extra = {}
        if name.startswith("api:"):
            token = services.create_api_token(user=user, name="content")
            extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        else:
            client.force_login(user)
        response = client.get(url, **extra)
        assert response.status_code == 200, (identity, response.status_code)
        body = response.content.decode()
        shown = {m for m in marked if getattr(m, LISTS[name]) in body}
        if shown != wanted:
            missing = sorted(m.name for m in wanted - shown)
            extra_shown = sorted(m.name for m in shown - wanted)
            failures.append(f"{'+'.join(identity)}: missing {missing}, must not show {extra_shown}")
    assert not failures, "\n".join(failures)
