"""Takes the demo down again: its digibanks (also the synthetic ones of `scale.py`), their records
and the demo accounts, in an order that respects the protected foreign keys.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet

from digibank.core.models import AuditEntry, User
from digibank.demo.accounts import demo_accounts, username_for
from digibank.demo.data import DIGIBANKS, REGION_SLUG, SCALE_SLUG_PREFIX
from digibank.organisations.models import (
    Digibank,
    Invitation,
    Membership,
    Region,
    RegionMembership,
    Role,
)
from digibank.people.models import Person


def _demo_digibanks() -> QuerySet[Digibank]:
    slugs = [bank.slug for bank in DIGIBANKS]
    return Digibank.objects.filter(
        Q(slug__in=slugs) | Q(slug__startswith=SCALE_SLUG_PREFIX), region__slug=REGION_SLUG
    )


@transaction.atomic
def reset_demo() -> None:
    """Delete the demo, in an order that respects the protected foreign keys.

    People point at partners (the referrer) and memberships point at partners too, both PROTECT:
    people and memberships go first, then the digibanks with their hubs and partners, then the
    demo accounts, and the region last when nothing else uses it.
    """
    digibanks = list(_demo_digibanks())
    usernames = {account.username for account in demo_accounts()}
    usernames |= {username_for(bank.slug, role) for bank in digibanks for role in Role.values}
    users = User.objects.filter(username__in=usernames)
    user_ids = [str(pk) for pk in users.values_list("pk", flat=True)]
    region_membership_ids = [
        str(pk)
        for pk in RegionMembership.objects.filter(user__in=users).values_list("pk", flat=True)
    ]

    # The device bank's records protect people, partners, hubs and devices: they go first.
    from django_tasks_db.models import DBTaskResult

    from digibank.devices.models import Device, DeviceImport, Donation
    from digibank.lending.models import Allocation, DeviceRequest, Loan
    from digibank.messaging.models import Message

    task_ids = Message.objects.filter(digibank__in=digibanks).exclude(task_id="")
    DBTaskResult.objects.filter(id__in=list(task_ids.values_list("task_id", flat=True))).delete()
    from digibank.help.models import Appointment, Slot
    from digibank.plans.models import PersonalPlan

    # Plans point at people, their enrolments, requests and appointments: they go first.
    PersonalPlan.objects.filter(digibank__in=digibanks).delete()
    for model in (Loan, Allocation, DeviceRequest, Device, DeviceImport, Donation, Message):
        model.objects.filter(digibank__in=digibanks).delete()
    # Appointments hold their times, and times their hubs.
    Appointment.objects.filter(digibank__in=digibanks).delete()
    Slot.objects.filter(digibank__in=digibanks).delete()
    # Skills checks: those taken at the demo digibanks and the anonymous ones of the demo region.
    from digibank.skills.models import Enrolment, Session, SkillsCheck

    Enrolment.objects.filter(digibank__in=digibanks).delete()
    Session.objects.filter(digibank__in=digibanks).delete()
    SkillsCheck.objects.filter(Q(digibank__in=digibanks) | Q(region__slug=REGION_SLUG)).delete()
    # Visits and referrals protect people, hubs and partners.
    from digibank.help.models import Referral, Visit

    Referral.objects.filter(digibank__in=digibanks).delete()
    Visit.objects.filter(digibank__in=digibanks).delete()
    Person.objects.filter(digibank__in=digibanks).delete()
    Membership.objects.filter(digibank__in=digibanks).delete()
    Invitation.objects.filter(digibank__in=digibanks).delete()  # a referrer's names a partner
    for digibank in digibanks:
        digibank.partners.all().delete()
        digibank.hubs.all().delete()
        digibank.delete()  # its audit trail and target groups go with it
    # Audit entries about the accounts themselves belong to no digibank.
    AuditEntry.objects.filter(
        Q(object_type=User._meta.label_lower, object_id__in=user_ids)
        | Q(object_type=RegionMembership._meta.label_lower, object_id__in=region_membership_ids)
    ).delete()
    users.delete()
    region = Region.objects.filter(slug=REGION_SLUG).first()
    if region and not region.digibanks.exists() and not region.memberships.exists():
        # The region's guides are written by the region, so their audit entries name no digibank.
        from digibank.help.models import Guide

        guide_ids = [
            str(pk) for pk in Guide.objects.filter(region=region).values_list("pk", flat=True)
        ]
        AuditEntry.objects.filter(
            object_type=Guide._meta.label_lower, object_id__in=guide_ids
        ).delete()
        region.delete()
