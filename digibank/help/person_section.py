"""The help section of a person's staff page (registered with `people.person_page`): the visits
linked to them (with their consent), their appointments and their referrals to partners, each
part shown by the permission that shows it elsewhere.

- visits: those who log visits (`LOG_VISITS`: the coordinator, the hub volunteers);
- appointments: those who book them and note how they went (`MANAGE_APPOINTMENTS`);
- referrals: the hubs that send them see all of the person's (`REFER_PEOPLE`); a partner's
  referrer, who handles the referrals sent to their partner (`HANDLE_REFERRALS`, partner reach),
  sees only those, and only for the people their partner referred, as their incoming list does.

Each part reads in one or two queries, however many rows the person has.
"""

from __future__ import annotations

from typing import Any

from digibank.help.models import Appointment, Referral, Visit
from digibank.organisations.permissions import Access, Perm
from digibank.people.models import Person

# Any of these shows the section; the context below picks the parts.
HELP_PERMS = (Perm.LOG_VISITS, Perm.MANAGE_APPOINTMENTS, Perm.REFER_PEOPLE, Perm.HANDLE_REFERRALS)


def _reaches(access: Access, person: Person, perm: Perm) -> bool:
    return access.can(perm) and access.may_reach_person(person, perm)


def _visits(access: Access, person: Person) -> list[Visit] | None:
    if not _reaches(access, person, Perm.LOG_VISITS):
        return None
    return list(
        access.scope(Visit.objects.filter(person=person))
        .select_related("hub")
        .prefetch_related("topics")
        .order_by("-visited_at", "-pk")
    )


def _appointments(access: Access, person: Person) -> list[Appointment] | None:
    if not _reaches(access, person, Perm.MANAGE_APPOINTMENTS):
        return None
    return list(
        access.scope(Appointment.objects.filter(person=person))
        .select_related("slot__hub", "topic")
        .order_by("-slot__starts_at", "-pk")
    )


def _referrals(access: Access, person: Person) -> list[Referral] | None:
    referrals = access.scope(Referral.objects.filter(person=person))
    if not _reaches(access, person, Perm.REFER_PEOPLE):
        if not _reaches(access, person, Perm.HANDLE_REFERRALS):
            return None
        referrals = access.scope_people(referrals, Perm.HANDLE_REFERRALS, path="partner")
    return list(referrals.select_related("partner", "hub").order_by("-created_at", "-pk"))


def help_section(access: Access, person: Person) -> dict[str, Any]:
    handles = access.reach(Perm.HANDLE_REFERRALS) if access.can(Perm.HANDLE_REFERRALS) else None
    referrals = _referrals(access, person)
    return {
        "visits": _visits(access, person),
        "appointments": _appointments(access, person),
        "referrals": referrals,
        # A referral's own page is the partner's handling page: linked where the user handles it.
        "handled": {
            referral.pk
            for referral in referrals or []
            if handles is not None and handles.includes(referral.partner_id)
        },
    }
