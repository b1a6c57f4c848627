"""What each role grants: its permissions, each with its reach (see the package's docstring).

Proof of eligibility and the decision are two permissions, on purpose (docs/roles.md):

- `RECORD_EVIDENCE` (noting which proof was seen, never the document): the coordinator, the hub
  volunteer at the desk where the resident shows it, and a partner's referrer for the people their
  partner referred;
- `DECIDE_ELIGIBILITY` (the decision, which places the request on the waiting list): the
  coordinator. A partner's referrer refers and vouches, but decides their own referrals only where
  the digibank's settings say so (`Digibank.referrers_decide_eligibility`, off by default, set by
  the coordinator): `GRANTS_BY_SETTING` holds such grants, and `grants_in` applies them.
"""

from __future__ import annotations

import enum

from digibank.organisations.models import Digibank, RegionRole, Role


class Perm(enum.StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_ORGANISATION = "view_organisation"
    MANAGE_ORGANISATION = "manage_organisation"
    VIEW_PEOPLE = "view_people"
    MANAGE_PEOPLE = "manage_people"
    MERGE_PEOPLE = "merge_people"
    DELETE_PEOPLE = "delete_people"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_AUDIT = "view_audit"
    VIEW_AGGREGATES = "view_aggregates"
    # Device bank
    VIEW_DEVICES = "view_devices"
    MANAGE_DEVICES = "manage_devices"  # intake, wiping, refurbishing, repair, recycling
    MANAGE_DONATIONS = "manage_donations"
    VIEW_REQUESTS = "view_requests"
    SUBMIT_REQUESTS = "submit_requests"
    RECORD_EVIDENCE = "record_evidence"
    DECIDE_ELIGIBILITY = "decide_eligibility"
    ALLOCATE_DEVICES = "allocate_devices"
    HAND_OVER_DEVICES = "hand_over_devices"
    VIEW_MESSAGES = "view_messages"
    # Training
    VIEW_TRAINING = "view_training"  # the module catalogue and sessions, staff side
    MANAGE_TRAINING = "manage_training"  # add and change modules and sessions, cancel a session
    ENROL_PEOPLE = "enrol_people"  # enrol someone, cancel or change an enrolment
    RECORD_ATTENDANCE = "record_attendance"
    # Help at the hubs
    LOG_VISITS = "log_visits"  # the quick log of a visit and the hub's queue
    REFER_PEOPLE = "refer_people"  # refer someone to a partner; the digibank's referrals
    HANDLE_REFERRALS = "handle_referrals"  # a partner's incoming referrals and their status
    MANAGE_SHIFTS = "manage_shifts"  # the hubs' volunteer shifts and their coverage
    TAKE_SHIFTS = "take_shifts"  # sign up for a shift, or withdraw
    MANAGE_APPOINTMENTS = "manage_appointments"  # bookable times, booking for a caller, outcomes
    # Personal plans: propose modules, a device and an appointment in one step, and follow it up
    MANAGE_PLANS = "manage_plans"
    READ_GUIDES = "read_guides"  # the helpers' guides: the region's and the digibank's own
    CHECK_GUIDES = "check_guides"  # confirm that a local guide is still correct
    MANAGE_GUIDES = "manage_guides"  # write and change the digibank's local guides


class RegionPerm(enum.StrEnum):
    VIEW_REGION = "view_region"
    MANAGE_REGION = "manage_region"
    MANAGE_GUIDES = "manage_guides"  # write, change and check the region-wide helpers' guides


class Scope(enum.Enum):
    """How far a role's permission reaches inside its digibank."""

    DIGIBANK = "digibank"  # everything of the digibank
    PARTNER = "partner"  # only the people (and their requests, loans) of the membership's partner


def _grants(*perms: Perm, scope: Scope = Scope.DIGIBANK) -> dict[Perm, Scope]:
    return dict.fromkeys(perms, scope)


ROLE_GRANTS: dict[str, dict[Perm, Scope]] = {
    Role.COORDINATOR: _grants(*Perm),
    Role.HUB_VOLUNTEER: _grants(
        Perm.VIEW_DASHBOARD,
        Perm.VIEW_ORGANISATION,
        Perm.VIEW_PEOPLE,
        Perm.MANAGE_PEOPLE,
        Perm.VIEW_DEVICES,
        Perm.VIEW_REQUESTS,
        Perm.SUBMIT_REQUESTS,
        Perm.RECORD_EVIDENCE,
        Perm.HAND_OVER_DEVICES,
        Perm.VIEW_TRAINING,
        Perm.ENROL_PEOPLE,
        Perm.LOG_VISITS,
        Perm.REFER_PEOPLE,
        Perm.TAKE_SHIFTS,
        Perm.MANAGE_APPOINTMENTS,
        Perm.READ_GUIDES,
        Perm.CHECK_GUIDES,
    ),
    Role.TECHNICIAN: _grants(
        Perm.VIEW_DASHBOARD,
        Perm.VIEW_ORGANISATION,
        Perm.VIEW_DEVICES,
        Perm.MANAGE_DEVICES,
        Perm.MANAGE_DONATIONS,
    ),
    Role.TRAINER: _grants(
        Perm.VIEW_DASHBOARD,
        Perm.VIEW_ORGANISATION,
        Perm.VIEW_PEOPLE,
        Perm.MANAGE_PEOPLE,
        Perm.VIEW_TRAINING,
        Perm.MANAGE_TRAINING,
        Perm.ENROL_PEOPLE,
        Perm.RECORD_ATTENDANCE,
        Perm.READ_GUIDES,
    ),
    # A referrer works for a partner: they see and register only the people their partner referred,
    # and handle the referrals sent to their partner.
    # Deciding eligibility is theirs only where the digibank allows it (GRANTS_BY_SETTING).
    Role.REFERRER: {
        **_grants(
            Perm.VIEW_DASHBOARD, Perm.VIEW_ORGANISATION, Perm.VIEW_TRAINING, Perm.READ_GUIDES
        ),
        **_grants(
            Perm.ENROL_PEOPLE,
            Perm.VIEW_PEOPLE,
            Perm.MANAGE_PEOPLE,
            Perm.VIEW_REQUESTS,
            Perm.SUBMIT_REQUESTS,
            Perm.RECORD_EVIDENCE,
            Perm.DECIDE_ELIGIBILITY,
            Perm.HANDLE_REFERRALS,
            scope=Scope.PARTNER,
        ),
    },
    Role.ANALYST: _grants(Perm.VIEW_DASHBOARD, Perm.VIEW_AGGREGATES),
}

# Grants that hold only where the digibank's settings switch them on: role -> {permission: the
# `Digibank` boolean field that allows it}.
GRANTS_BY_SETTING: dict[str, dict[Perm, str]] = {
    Role.REFERRER: {Perm.DECIDE_ELIGIBILITY: "referrers_decide_eligibility"},
}


def grants_in(role: str, digibank: Digibank) -> dict[Perm, Scope]:
    """What `role` grants in this digibank: `ROLE_GRANTS`, less those its settings leave off."""
    settings = GRANTS_BY_SETTING.get(role, {})
    return {
        perm: scope
        for perm, scope in ROLE_GRANTS[role].items()
        if perm not in settings or getattr(digibank, settings[perm])
    }


def roles_granting(digibank: Digibank, *perms: Perm) -> frozenset[str]:
    """The roles that grant any of `perms` in this digibank (its settings applied), to find who
    holds a permission (`Membership.objects.filter(role__in=...)`) without naming roles."""
    wanted = set(perms)
    return frozenset(role for role in ROLE_GRANTS if wanted & set(grants_in(role, digibank)))


# What each role may do at all, whatever the reach and the digibank's settings.
ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    role: frozenset(grants) for role, grants in ROLE_GRANTS.items()
}

REGION_ROLE_PERMISSIONS: dict[str, frozenset[RegionPerm]] = {
    RegionRole.ADMIN: frozenset(RegionPerm),
    RegionRole.ANALYST: frozenset({RegionPerm.VIEW_REGION}),
}

# The permissions that show personal data: residents (people, their requests and loans, the
# messages sent to them, the audit trail about them), donors' and partners' contact persons, and
# the staff list. A role granting any of them needs the second log-in step (see
# `second_factor.py`); today that is every role but the analyst, who sees figures only.
PERSONAL_DATA_PERMS: frozenset[Perm] = frozenset(
    {
        Perm.VIEW_PEOPLE,
        Perm.VIEW_REQUESTS,
        Perm.VIEW_MESSAGES,
        Perm.VIEW_AUDIT,
        Perm.ENROL_PEOPLE,
        Perm.MANAGE_DONATIONS,
        Perm.VIEW_ORGANISATION,
        Perm.MANAGE_SETTINGS,
        Perm.LOG_VISITS,
        Perm.REFER_PEOPLE,
        Perm.HANDLE_REFERRALS,
        Perm.MANAGE_APPOINTMENTS,
        Perm.MANAGE_PLANS,
    }
)
SECOND_FACTOR_ROLES: frozenset[str] = frozenset(
    role for role, perms in ROLE_PERMISSIONS.items() if perms & PERSONAL_DATA_PERMS
)
# Region admins set up digibanks and their coordinators' accounts.
SECOND_FACTOR_REGION_ROLES: frozenset[str] = frozenset(
    role for role, perms in REGION_ROLE_PERMISSIONS.items() if RegionPerm.MANAGE_REGION in perms
)


def region_roles_granting(*perms: RegionPerm) -> frozenset[str]:
    """The region roles that grant any of `perms`, for
    `RegionMembership.objects.filter(role__in=...)`."""
    wanted = set(perms)
    return frozenset(role for role, held in REGION_ROLE_PERMISSIONS.items() if wanted & held)
