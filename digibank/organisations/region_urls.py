from django.urls import path

from digibank.organisations import region_views

app_name = "region"

DIGIBANK = "<slug:region>/digibanks/<int:digibank_id>/"

urlpatterns = [
    path("<slug:region>/", region_views.overview, name="overview"),
    path("<slug:region>/digibanks/new/", region_views.digibank_create, name="digibank_create"),
    path(DIGIBANK, region_views.digibank_detail, name="digibank_detail"),
    path(DIGIBANK + "edit/", region_views.digibank_edit, name="digibank_edit"),
    path(DIGIBANK + "coordinators/new/", region_views.coordinator_add, name="coordinator_add"),
    path(
        "<slug:region>/municipalities/",
        region_views.municipality_lookup,
        name="municipality_lookup",
    ),
]
