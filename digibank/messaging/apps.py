from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "digibank.messaging"
    label = "messaging"

    def ready(self) -> None:
        from digibank.messaging.services import erase_messages_of
        from digibank.people import erasure

        erasure.register("messaging", erase_messages_of)
