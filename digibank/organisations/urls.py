from django.urls import path

from digibank.organisations import views

app_name = "organisations"

urlpatterns = [
    path("hubs/", views.public_hub_list, name="public_hub_list"),
    path("hubs/<int:hub_id>/", views.public_hub_detail, name="public_hub_detail"),
    path("staff/<slug:digibank>/hubs/", views.hub_list, name="hub_list"),
    path("staff/<slug:digibank>/partners/", views.partner_list, name="partner_list"),
    path("staff/<slug:digibank>/settings/", views.settings_overview, name="settings"),
]
