from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "digibank.plans"
    label = "plans"

    def ready(self) -> None:
        from digibank.plans import signals

        signals.connect()
