from django.urls import path

from digibank.portal import views
from digibank.portal.two_factor import views as two_factor

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/account/", views.account, name="account"),
    path("staff/account/tokens/", views.api_tokens, name="api_tokens"),
    path(
        "staff/account/tokens/<int:token_id>/revoke/",
        views.revoke_api_token,
        name="revoke_api_token",
    ),
    path("accounts/two-step/", two_factor.second_step, name="second_step"),
    path("accounts/two-step/set-up/", two_factor.second_step_setup, name="second_step_setup"),
    path("accounts/two-step/status/", two_factor.second_step_status, name="second_step_status"),
    path("accounts/two-step/recovery-codes/", two_factor.recovery_codes, name="recovery_codes"),
    path("accounts/confirm-password/", two_factor.confirm_password, name="confirm_password"),
    path("staff/<slug:digibank>/", views.dashboard, name="dashboard"),
]
