from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "digibank.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from digibank.core import services, user_sessions
        from digibank.core.models import User
        from digibank.core.security import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="digibank_session_clock")
        user_logged_in.connect(user_sessions.on_log_in, dispatch_uid="digibank_session_row")
        user_logged_out.connect(user_sessions.on_log_out, dispatch_uid="digibank_session_row")
        post_save.connect(
            services.revoke_tokens_on_account_change,
            sender=User,
            dispatch_uid="digibank_revoke_tokens",
        )
        post_save.connect(
            user_sessions.forget_on_account_change,
            sender=User,
            dispatch_uid="digibank_forget_sessions",
        )
