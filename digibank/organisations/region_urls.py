from django.urls import path

from digibank.organisations import region_accounts, region_views

app_name = "region"

DIGIBANK = "<slug:region>/digibanks/<int:digibank_id>/"
COORDINATOR = DIGIBANK + "coordinators/<int:membership_id>/"
ACCOUNT = "<slug:region>/accounts/<int:membership_id>/"

urlpatterns = [
    path("<slug:region>/", region_views.overview, name="overview"),
    path("<slug:region>/digibanks/new/", region_views.digibank_create, name="digibank_create"),
    path(DIGIBANK, region_views.digibank_detail, name="digibank_detail"),
    path(DIGIBANK + "edit/", region_views.digibank_edit, name="digibank_edit"),
    path(
        DIGIBANK + "coordinators/invite/",
        region_views.coordinator_invite,
        name="coordinator_invite",
    ),
    path(
        DIGIBANK + "invitations/<int:invitation_id>/resend/",
        region_views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        DIGIBANK + "invitations/<int:invitation_id>/withdraw/",
        region_views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(COORDINATOR + "unlock/", region_accounts.coordinator_unlock, name="coordinator_unlock"),
    path(
        COORDINATOR + "reset-two-step/",
        region_accounts.coordinator_reset_second_factor,
        name="coordinator_reset_second_factor",
    ),
    path("<slug:region>/accounts/", region_accounts.accounts, name="accounts"),
    path(ACCOUNT + "unlock/", region_accounts.account_unlock, name="account_unlock"),
    path(
        ACCOUNT + "reset-two-step/",
        region_accounts.account_reset_second_factor,
        name="account_reset_second_factor",
    ),
    path(
        "<slug:region>/municipalities/",
        region_views.municipality_lookup,
        name="municipality_lookup",
    ),
]
