from django.urls import path

from digibank.organisations.views import (
    account_help,
    hubs,
    invitations,
    members,
    partners,
    public,
    settings,
)

app_name = "organisations"

HUB = "staff/<slug:digibank>/hubs/<int:hub_id>/"
PARTNER = "staff/<slug:digibank>/partners/<int:partner_id>/"
CONTACT = PARTNER + "contacts/<int:contact_id>/"
MEMBER = "staff/<slug:digibank>/members/<int:membership_id>/"
INVITATION = "staff/<slug:digibank>/invitations/<int:invitation_id>/"

urlpatterns = [
    path("hubs/", public.public_hub_list, name="public_hub_list"),
    path("hubs/<int:hub_id>/", public.public_hub_detail, name="public_hub_detail"),
    path("staff/<slug:digibank>/hubs/", hubs.hub_list, name="hub_list"),
    path("staff/<slug:digibank>/hubs/new/", hubs.hub_create, name="hub_create"),
    path(HUB, hubs.hub_detail, name="hub_detail"),
    path(HUB + "edit/", hubs.hub_edit, name="hub_edit"),
    path(HUB + "hours/", hubs.hub_hours, name="hub_hours"),
    path(HUB + "exceptions/", hubs.hub_exceptions, name="hub_exceptions"),
    path(
        HUB + "exceptions/<int:exception_id>/remove/",
        hubs.hub_exception_remove,
        name="hub_exception_remove",
    ),
    path(HUB + "close/", hubs.hub_deactivate, name="hub_deactivate"),
    path(HUB + "reopen/", hubs.hub_reactivate, name="hub_reactivate"),
    path("staff/<slug:digibank>/partners/", partners.partner_list, name="partner_list"),
    path("staff/<slug:digibank>/partners/new/", partners.partner_create, name="partner_create"),
    path(PARTNER, partners.partner_detail, name="partner_detail"),
    path(PARTNER + "edit/", partners.partner_edit, name="partner_edit"),
    path(PARTNER + "contacts/new/", partners.partner_contact_add, name="partner_contact_add"),
    path(CONTACT + "edit/", partners.partner_contact_edit, name="partner_contact_edit"),
    path(CONTACT + "remove/", partners.partner_contact_remove, name="partner_contact_remove"),
    path("staff/<slug:digibank>/members/", members.member_list, name="member_list"),
    path("staff/<slug:digibank>/members/invite/", invitations.member_invite, name="member_invite"),
    path(INVITATION + "resend/", invitations.invitation_resend, name="invitation_resend"),
    path(INVITATION + "withdraw/", invitations.invitation_withdraw, name="invitation_withdraw"),
    path(MEMBER + "remove/", members.member_remove, name="member_remove"),
    path(MEMBER + "unlock/", members.member_unlock, name="member_unlock"),
    path(
        MEMBER + "reset-two-step/",
        account_help.member_reset_second_factor,
        name="member_reset_second_factor",
    ),
    # The link of an invitation mail: public, the key is the proof.
    path("invitations/<str:key>/", invitations.invitation, name="invitation"),
    path(
        "invitations/<str:key>/account/", invitations.invitation_account, name="invitation_account"
    ),
    path("staff/<slug:digibank>/settings/", settings.settings_overview, name="settings"),
    path(
        "staff/<slug:digibank>/settings/contact/",
        settings.settings_contact,
        name="settings_contact",
    ),
]
