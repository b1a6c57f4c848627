from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "digibank.messaging"
    label = "messaging"
