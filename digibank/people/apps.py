from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "digibank.people"
    label = "people"
