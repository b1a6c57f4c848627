"""The kinds of proof a digibank accepts that someone may get a device.

A module of its own because both the tables (`models`) and what a new digibank starts with
(`defaults`, whose rule names the tables show) need it, and neither may import the other in a
circle.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceKind(models.TextChoices):
    HEALTH_INSURANCE = (
        "health_insurance",
        _("certificate of increased allowance from the health insurance fund"),
    )
    LIVING_WAGE = "living_wage", _("certificate of living wage or social assistance (OCMW)")
    DEBT_MEDIATION = "debt_mediation", _("letter from the debt mediator")
    EMPLOYMENT_REFERRAL = "employment_referral", _("referral by the employment service (VDAB)")
    SCHOOL_REFERRAL = "school_referral", _("referral by the school")
    SOCIAL_REFERRAL = "social_referral", _("referral by social services")
    OTHER = "other", _("other proof")
