from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "digibank.api"
    label = "api"
