from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "digibank.organisations"
    label = "organisations"
