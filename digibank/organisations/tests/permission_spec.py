"""Who may use which URL of the organisations app, its region pages and its API endpoints."""

from __future__ import annotations

import datetime

from django.utils import timezone

from digibank.core.tests.matrix import (
    API,
    PUBLIC,
    REGION,
    STAFF,
    Spec,
    no_kwargs,
    region_only,
    roles,
)
from digibank.organisations import services
from digibank.organisations.models import (
    Membership,
    OpeningException,
    PartnerContact,
    RegionMembership,
    RegionRole,
    Role,
)
from digibank.organisations.permissions import SYSTEM
from digibank.organisations.tests.invitation_helpers import pending_with_key
from digibank.testing import ROLES

VIEWERS = roles("coordinator", "hub_volunteer", "technician", "trainer", "referrer")
COORDINATOR = roles("coordinator")
REGION_BOTH = roles("region_admin", "region_analyst")
REGION_ADMIN = roles("region_admin")
REDIRECT = 302


def _object_spec(kwargs, allowed: frozenset[str], *, post: bool = False, kind: str = STAFF) -> Spec:
    """A staff or API URL with an object id that only some digibank roles may use.

    `staff_view` and `api_access` refuse a role without the permission (403) before they look at
    the object, so such a role gets 403 for any object id, whether of its own digibank or not: the
    answer does not tell whether the object exists. A role with the permission gets 404 for another
    digibank's object, like for a missing one. Every other case follows the matrix's usual rules.
    """
    success = REDIRECT if post else 200

    def expect(role: str, case: str) -> set[int]:
        if role == "anonymous":
            return {401} if kind == API else {302}
        if role not in ROLES or case == "other":
            return {404}
        if role not in allowed:
            return {403}
        return {success} if case == "own" else {404}

    return Spec(
        kind,
        kwargs,
        allowed=allowed,
        method="post" if post else "get",
        success=success,
        has_object=True,
        expect=expect,
    )


def _hub(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "hub_id": object_bank.hub.pk}


def _public_hub(slug_bank, object_bank):
    return {"hub_id": object_bank.hub.pk}


def _partner(slug_bank, object_bank):
    return {"digibank": slug_bank.digibank.slug, "partner_id": object_bank.partner.pk}


def _exception(slug_bank, object_bank):
    hub = object_bank.hub
    exception = OpeningException.objects.filter(hub=hub).first()
    if exception is None:
        exception = services.add_opening_exception(
            by=SYSTEM,
            hub=hub,
            date=timezone.localdate() + datetime.timedelta(days=30),
            reason="Training",
        )
    return {**_hub(slug_bank, object_bank), "exception_id": exception.pk}


def _contact(slug_bank, object_bank):
    partner = object_bank.partner
    contact = PartnerContact.objects.filter(partner=partner).first()
    if contact is None:
        contact = services.add_partner_contact(by=SYSTEM, partner=partner, name="An Janssens")
    return {**_partner(slug_bank, object_bank), "contact_id": contact.pk}


def _membership(slug_bank, object_bank):
    membership = Membership.objects.get(
        user=object_bank.users["technician"], digibank=object_bank.digibank
    )
    return {"digibank": slug_bank.digibank.slug, "membership_id": membership.pk}


def _invitation(slug_bank, object_bank):
    invitation, _key = pending_with_key(object_bank.digibank)
    return {"digibank": slug_bank.digibank.slug, "invitation_id": invitation.pk}


def _region_invitation(slug_bank, object_bank):
    invitation, _key = pending_with_key(object_bank.digibank)
    return {**_region_digibank(slug_bank, slug_bank), "invitation_id": invitation.pk}


def _invitation_link(slug_bank, object_bank):
    _invitation, key = pending_with_key(object_bank.digibank)
    return {"key": key}


def _account_page(role: str, case: str) -> set[int]:
    """Someone logged in accepts as themselves: the account page sends them to the link's page."""
    return {200} if role == "anonymous" else {302}


def _region_object_spec(kwargs) -> Spec:
    """A region admin's POST on an object of a digibank of the region. `region_view` refuses a
    region analyst (403) before it looks at the object; another digibank's object under this
    digibank is a 404, like another region."""

    def expect(role: str, case: str) -> set[int]:
        if role == "anonymous":
            return {302}
        if role not in REGION_ADMIN | REGION_BOTH or case == "other":
            return {404}
        if role not in REGION_ADMIN:
            return {403}
        return {REDIRECT} if case == "own" else {404}

    return Spec(
        REGION,
        kwargs,
        allowed=REGION_ADMIN,
        method="post",
        success=REDIRECT,
        has_object=True,
        expect=expect,
    )


def _region_digibank(slug_bank, object_bank):
    return {"region": slug_bank.digibank.region.slug, "digibank_id": object_bank.digibank.pk}


def _region_coordinator(slug_bank, object_bank):
    membership = Membership.objects.get(
        user=object_bank.users["coordinator"], digibank=object_bank.digibank, role=Role.COORDINATOR
    )
    return {**_region_digibank(slug_bank, object_bank), "membership_id": membership.pk}


def _region_account(slug_bank, object_bank):
    """The region analyst's account of the URL's region (the matrix also tries another region,
    where the same id is a 404)."""
    region = object_bank.digibank.region
    membership = RegionMembership.objects.get(region=region, role=RegionRole.ANALYST)
    return {"region": slug_bank.digibank.region.slug, "membership_id": membership.pk}


SPECS = {
    # The public hub finder
    "organisations:public_hub_list": Spec(PUBLIC, no_kwargs),
    "organisations:public_hub_detail": Spec(PUBLIC, _public_hub),
    # The public hub API: no token, the same answer for everyone.
    "api:public_hub_list": Spec(PUBLIC, no_kwargs),
    "api:public_hub_detail": Spec(PUBLIC, _public_hub),
    # Hubs
    "organisations:hub_list": Spec(STAFF, allowed=VIEWERS),
    "organisations:hub_detail": _object_spec(_hub, VIEWERS),
    "organisations:hub_create": Spec(STAFF, allowed=COORDINATOR),
    "organisations:hub_edit": _object_spec(_hub, COORDINATOR),
    "organisations:hub_hours": _object_spec(_hub, COORDINATOR),
    "organisations:hub_exceptions": _object_spec(_hub, COORDINATOR),
    "organisations:hub_exception_remove": _object_spec(_exception, COORDINATOR, post=True),
    "organisations:hub_deactivate": _object_spec(_hub, COORDINATOR),
    "organisations:hub_reactivate": _object_spec(_hub, COORDINATOR, post=True),
    # Partners
    "organisations:partner_list": Spec(STAFF, allowed=VIEWERS),
    "organisations:partner_detail": _object_spec(_partner, VIEWERS),
    "organisations:partner_create": Spec(STAFF, allowed=COORDINATOR),
    "organisations:partner_edit": _object_spec(_partner, COORDINATOR),
    "organisations:partner_contact_add": _object_spec(_partner, COORDINATOR),
    "organisations:partner_contact_edit": _object_spec(_contact, COORDINATOR),
    "organisations:partner_contact_remove": _object_spec(_contact, COORDINATOR),
    # Staff and settings
    "organisations:member_list": Spec(STAFF, allowed=COORDINATOR),
    "organisations:member_invite": Spec(STAFF, allowed=COORDINATOR),
    "organisations:invitation_resend": _object_spec(_invitation, COORDINATOR, post=True),
    "organisations:invitation_withdraw": _object_spec(_invitation, COORDINATOR, post=True),
    # The invitation link: public, the key is the proof; every role gets the same page.
    "organisations:invitation": Spec(PUBLIC, _invitation_link),
    "organisations:invitation_account": Spec(PUBLIC, _invitation_link, expect=_account_page),
    "organisations:member_remove": _object_spec(_membership, COORDINATOR),
    "organisations:member_unlock": _object_spec(_membership, COORDINATOR, post=True),
    "organisations:member_reset_second_factor": _object_spec(_membership, COORDINATOR, post=True),
    "organisations:settings": Spec(STAFF, allowed=COORDINATOR),
    "organisations:settings_contact": Spec(STAFF, allowed=COORDINATOR),
    # The region. Both test digibanks are in one region; the matrix also tries another region.
    "region:overview": Spec(REGION, region_only, allowed=REGION_BOTH),
    "region:municipality_lookup": Spec(REGION, region_only, allowed=REGION_BOTH),
    "region:digibank_create": Spec(REGION, region_only, allowed=REGION_ADMIN),
    "region:digibank_detail": Spec(REGION, _region_digibank, allowed=REGION_ADMIN),
    "region:digibank_edit": Spec(REGION, _region_digibank, allowed=REGION_ADMIN),
    "region:coordinator_invite": Spec(REGION, _region_digibank, allowed=REGION_ADMIN),
    "region:invitation_resend": _region_object_spec(_region_invitation),
    "region:invitation_withdraw": _region_object_spec(_region_invitation),
    "region:coordinator_unlock": Spec(
        REGION, _region_coordinator, allowed=REGION_ADMIN, method="post", success=REDIRECT
    ),
    "region:coordinator_reset_second_factor": Spec(
        REGION, _region_coordinator, allowed=REGION_ADMIN, method="post", success=REDIRECT
    ),
    "region:accounts": Spec(REGION, region_only, allowed=REGION_ADMIN),
    "region:account_unlock": Spec(
        REGION, _region_account, allowed=REGION_ADMIN, method="post", success=REDIRECT
    ),
    "region:account_reset_second_factor": Spec(
        REGION, _region_account, allowed=REGION_ADMIN, method="post", success=REDIRECT
    ),
    # API: an API token's user gets the same roles as on the web pages.
    "api:list_hubs": Spec(API, allowed=VIEWERS),
    "api:get_hub": _object_spec(_hub, VIEWERS, kind=API),
    "api:list_partners": Spec(API, allowed=VIEWERS),
    "api:get_partner": _object_spec(_partner, VIEWERS, kind=API),
}
