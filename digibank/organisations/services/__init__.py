"""Every write about organisations: regions, digibanks, hubs and their hours, partners, staff and
roles.

Each function is atomic, checks the business rules, records an audit entry and raises a
`DomainError` with a translated message (and the form field it is about) when a rule says no.
`by` is the actor: a staff member's `Access`, a region admin's `RegionAccess` where they set up a
digibank, or `SYSTEM` (demo data, a management command); never `None`. Staff give roles only by
invitation (`invite_member`); the person's own account accepts (`accept_invitation`).
"""

from digibank.organisations.schedule import DayOpening, Interval, opening_on, week_schedule
from digibank.organisations.services._common import municipality_for_postcode
from digibank.organisations.services.accounts import (
    reset_region_second_factor,
    reset_second_factor,
    unlock_region_account,
)
from digibank.organisations.services.digibanks import (
    RESERVED_SLUGS,
    create_digibank,
    create_region,
    update_digibank,
)
from digibank.organisations.services.hubs import (
    WeeklyHoursError,
    add_opening_exception,
    create_hub,
    deactivate_hub,
    reactivate_hub,
    remove_opening_exception,
    set_weekly_hours,
    update_hub,
    validate_weekly_hours,
)
from digibank.organisations.services.invitations import (
    accept_invitation,
    accept_invitation_with_new_account,
    invitation_for_key,
    invite_member,
    resend_invitation,
    withdraw_invitation,
)
from digibank.organisations.services.members import (
    add_member,
    add_region_member,
    create_staff_user,
    generate_initial_password,
    remove_member,
    unlock_account,
    unused_username,
)
from digibank.organisations.services.partners import (
    add_partner_contact,
    create_partner,
    remove_partner_contact,
    update_partner,
    update_partner_contact,
)

__all__ = [
    "RESERVED_SLUGS",
    "DayOpening",
    "Interval",
    "WeeklyHoursError",
    "accept_invitation",
    "accept_invitation_with_new_account",
    "add_member",
    "add_opening_exception",
    "add_partner_contact",
    "add_region_member",
    "create_digibank",
    "create_hub",
    "create_partner",
    "create_region",
    "create_staff_user",
    "deactivate_hub",
    "generate_initial_password",
    "invitation_for_key",
    "invite_member",
    "municipality_for_postcode",
    "opening_on",
    "reactivate_hub",
    "remove_member",
    "remove_opening_exception",
    "remove_partner_contact",
    "resend_invitation",
    "reset_region_second_factor",
    "reset_second_factor",
    "set_weekly_hours",
    "unlock_account",
    "unlock_region_account",
    "unused_username",
    "update_digibank",
    "update_hub",
    "update_partner",
    "update_partner_contact",
    "validate_weekly_hours",
    "week_schedule",
    "withdraw_invitation",
]
