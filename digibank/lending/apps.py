from django.apps import AppConfig


class LendingConfig(AppConfig):
    name = "digibank.lending"
    label = "lending"

    def ready(self) -> None:
        from digibank.lending import signals

        signals.connect()
