from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "digibank.skills"
    label = "skills"

    def ready(self) -> None:
        from digibank.skills import signals

        signals.connect()
