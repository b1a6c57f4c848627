"""Shared steps of the visit, referral and shift tests, through the services as the pages do."""

from __future__ import annotations

import datetime

from django.test import Client
from django.utils import timezone

from digibank.help.models import HelpTopic, Outcome, Referral, Shift, Visit
from digibank.help.services.referrals import refer
from digibank.help.services.shifts import plan_shift
from digibank.help.services.visits import log_visit
from digibank.organisations import services as organisation_services
from digibank.organisations.models import Partner, PartnerKind, Role
from digibank.organisations.permissions import SYSTEM
from digibank.testing import Bank, act, make_user


def topic(bank: Bank, code: str = "H01") -> HelpTopic:
    return HelpTopic.objects.get(region=bank.digibank.region, code=code)


def logged_visit(bank: Bank, **overrides: object) -> Visit:
    values: dict = {
        "hub": bank.hub,
        "topics": [topic(bank)],
        "outcome": Outcome.SOLVED,
        "minutes": 15,
        "by": SYSTEM,
    }
    values.update(overrides)
    return log_visit(**values)


def referral_to(bank: Bank, partner: Partner | None = None, **overrides: object) -> Referral:
    values: dict = {
        "partner": partner or bank.partner,
        "reason": "Vragen over schulden",
        "by": SYSTEM,
        "hub": bank.hub,
    }
    values.update(overrides)
    return refer(**values)


def second_partner_with_referrer(bank: Bank, name: str = "VDAB"):
    """Another partner of the same digibank, with a referrer of its own."""
    partner = organisation_services.create_partner(
        by=SYSTEM, digibank=bank.digibank, name=name, kind=PartnerKind.EMPLOYMENT_SERVICE
    )
    user = make_user(f"referrer-{name.lower()}-{bank.digibank.slug}")
    organisation_services.add_member(
        by=SYSTEM, digibank=bank.digibank, user=user, role=Role.REFERRER, partner=partner
    )
    return partner, user


def shift_at(bank: Bank, *, days: int = 2, needed: int = 2, hours: int = 3) -> Shift:
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return plan_shift(
        hub=bank.hub,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        volunteers_needed=needed,
        by=SYSTEM,
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


__all__ = ["act", "client_for", "logged_visit", "referral_to", "shift_at", "topic"]
