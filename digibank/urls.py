from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from digibank.api.api import api
from digibank.core.password_reset import AccessiblePasswordSetForm, SiteUrlPasswordResetForm
from digibank.organisations.permissions import account_view, public_view
from digibank.portal.two_factor.views import LoginView

urlpatterns = [
    path(
        "accounts/login/",
        public_view(LoginView.as_view()),
        name="login",
    ),
    path("accounts/logout/", public_view(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "accounts/password/",
        account_view(
            auth_views.PasswordChangeView.as_view(
                template_name="registration/password_change.html",
                success_url="/accounts/password/done/",
            )
        ),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        account_view(
            auth_views.PasswordChangeDoneView.as_view(
                template_name="registration/password_change_done.html"
            )
        ),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        public_view(
            auth_views.PasswordResetView.as_view(
                template_name="registration/password_reset_form.html",
                form_class=SiteUrlPasswordResetForm,
            )
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        public_view(
            auth_views.PasswordResetDoneView.as_view(
                template_name="registration/password_reset_done.html"
            )
        ),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        public_view(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="registration/password_reset_confirm.html",
                form_class=AccessiblePasswordSetForm,
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        public_view(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="registration/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
    path("i18n/setlang/", public_view(set_language), name="set_language"),
    path("api/", api.urls),
    path("region/", include("digibank.organisations.region_urls")),
    path("", include("digibank.organisations.urls")),
    path("", include("digibank.people.urls")),
    path("", include("digibank.messaging.urls")),
    path("", include("digibank.lending.urls")),
    path("", include("digibank.devices.urls")),
    path("", include("digibank.skills.urls")),
    path("", include("digibank.insights.urls")),
    path("", include("digibank.help.urls")),
    path("", include("digibank.plans.urls")),
    path("", include("digibank.portal.urls")),
]

handler400 = "digibank.core.errors_views.bad_request"
handler403 = "digibank.core.errors_views.permission_denied"
handler404 = "digibank.core.errors_views.page_not_found"
handler500 = "digibank.core.errors_views.server_error"
