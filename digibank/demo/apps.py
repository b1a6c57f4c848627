from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "digibank.demo"
    label = "demo"

    def ready(self) -> None:
        from digibank.demo import checks  # noqa: F401 - registers the deploy check
