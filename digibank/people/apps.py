from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "digibank.people"
    label = "people"

    def ready(self) -> None:
        from digibank.people import signals

        signals.connect()
