from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "digibank.insights"
    label = "insights"
