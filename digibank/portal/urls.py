from django.urls import path

from digibank.portal import account, views

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
    path("staff/<slug:digibank>/", views.dashboard, name="dashboard"),
]
