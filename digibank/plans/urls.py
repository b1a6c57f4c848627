from django.urls import path

from digibank.plans import views

app_name = "plans"

STAFF = "staff/<slug:digibank>/plans/"

urlpatterns = [
    path(STAFF, views.plan_list, name="list"),
    path(STAFF + "new/<int:person_id>/", views.plan_new, name="new"),
    path(STAFF + "<int:plan_id>/", views.plan_detail, name="detail"),
    path(STAFF + "<int:plan_id>/follow-up/", views.plan_follow_up, name="follow_up"),
    path(
        STAFF + "<int:plan_id>/steps/<int:step_id>/session/",
        views.step_session,
        name="step_session",
    ),
]
