from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "digibank.messaging"
    label = "messaging"

    def ready(self) -> None:
        from digibank.messaging.models import Message
        from digibank.messaging.services import count_messages_of, erase_messages_of, move_messages
        from digibank.people import erasure, merging

        erasure.register("messaging", erase_messages_of)
        merging.register("messaging", models=[Message], count=count_messages_of, move=move_messages)
