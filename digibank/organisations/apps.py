from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "digibank.organisations"
    label = "organisations"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from digibank.organisations import lockouts
        from digibank.organisations.permissions import second_factor

        lockouts.connect()
        user_logged_in.connect(second_factor.on_log_in, dispatch_uid="second_factor_on_log_in")
