from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "digibank.devices"
    label = "devices"
