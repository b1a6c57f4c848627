from django.urls import path

from digibank.people import views

app_name = "people"

urlpatterns = [
    path("staff/<slug:digibank>/people/", views.person_list, name="list"),
    path("staff/<slug:digibank>/people/new/", views.person_create, name="create"),
    path("staff/<slug:digibank>/audit/", views.audit_trail, name="audit"),
]
