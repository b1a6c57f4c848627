"""What erasing or merging a person means for their visits and referrals (the handlers of
`digibank.people.erasure` and `digibank.people.merging`).

Erasing: the visits and referrals stay, for the figures (they keep the groups, age band and
municipality of their day), but no longer name the person: the link, the consent, the notes and
the reasons (which may describe the person) and the partner's note go. While a referral is still
open at the partner the erasure is refused: the partner may be helping, and nobody should lose
track of a person in need. Merging: both follow to the kept record.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from digibank.core.errors import DomainError
from digibank.help.models import Referral, ReferralStatus, Visit
from digibank.people.erasure import Erased
from digibank.people.merging import MovingRows, PersonMerged, repoint
from digibank.people.models import Person

OPEN = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)
VISIT_FIELDS = ("person", "consent_at", "notes")
REFERRAL_FIELDS = ("person", "consent_at", "reason", "response")


def detach_help_of(person: Person) -> list[Erased]:
    if Referral.objects.filter(person=person, status__in=OPEN).exists():
        raise DomainError(
            _(
                "A referral to a partner is still open for this person. Ask the partner to "
                "close it (done or declined) first."
            )
        )
    erased = []
    if Visit.objects.filter(person=person).update(person=None, consent_at=None, notes=""):
        erased.append(Erased(Visit, VISIT_FIELDS))
    if Referral.objects.filter(person=person).update(
        person=None, consent_at=None, reason="", response=""
    ):
        erased.append(Erased(Referral, REFERRAL_FIELDS))
    return erased


def count_help_of(person: Person) -> list[MovingRows]:
    return [
        MovingRows(Visit, "help_visits", Visit.objects.filter(person=person).count()),
        MovingRows(Referral, "help_referrals", Referral.objects.filter(person=person).count()),
    ]


def move_help(merged: PersonMerged) -> list[MovingRows]:
    visits = repoint(Visit.objects.filter(person=merged.remove), "person", merged.keep)
    referrals = repoint(Referral.objects.filter(person=merged.remove), "person", merged.keep)
    return [
        MovingRows(Visit, "help_visits", visits),
        MovingRows(Referral, "help_referrals", referrals),
    ]
