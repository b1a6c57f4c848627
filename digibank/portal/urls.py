from django.urls import path

from digibank.portal import account, views
from digibank.portal.two_factor import views as two_factor

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("staff/", views.staff_home, name="staff_home"),
    path("staff/account/", account.account, name="account"),
    path(
        "staff/account/sessions/<int:session_id>/end/",
        account.end_session,
        name="end_session",
    ),
    path(
        "staff/account/sessions/end-others/",
        account.end_other_sessions,
        name="end_other_sessions",
    ),
    path("staff/account/tokens/", account.api_tokens, name="api_tokens"),
    path(
        "staff/account/tokens/<int:token_id>/revoke/",
        account.revoke_api_token,
        name="revoke_api_token",
    ),
    path("accounts/two-step/", two_factor.second_step, name="second_step"),
    path("accounts/two-step/set-up/", two_factor.second_step_setup, name="second_step_setup"),
    path("accounts/two-step/status/", two_factor.second_step_status, name="second_step_status"),
    path("accounts/two-step/recovery-codes/", two_factor.recovery_codes, name="recovery_codes"),
    path("accounts/confirm-password/", two_factor.confirm_password, name="confirm_password"),
    path("staff/<slug:digibank>/", views.dashboard, name="dashboard"),
]
