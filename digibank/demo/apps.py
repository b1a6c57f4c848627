from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "digibank.demo"
    label = "demo"
