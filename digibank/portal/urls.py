from django.urls import path

from digibank.portal import views

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
    path("staff/<slug:digibank>/", views.dashboard, name="dashboard"),
]
