from django.urls import path

from digibank.organisations import region_views

app_name = "region"

urlpatterns = [
    path("<slug:region>/", region_views.overview, name="overview"),
]
