from django.apps import AppConfig


class HelpConfig(AppConfig):
    name = "digibank.help"
    label = "help"

    def ready(self) -> None:
        from digibank.help import signals

        signals.connect()
