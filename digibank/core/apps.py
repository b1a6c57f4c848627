from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "digibank.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from digibank.core.security import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="digibank_session_clock")
