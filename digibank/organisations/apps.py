from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "digibank.organisations"
    label = "organisations"

    def ready(self) -> None:
        from digibank.organisations import lockouts

        lockouts.connect()
