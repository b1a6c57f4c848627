from django.urls import path

from digibank.people.views import audit, merge, people, target_groups

app_name = "people"

PEOPLE = "staff/<slug:digibank>/people/"
PERSON = PEOPLE + "<int:person_id>/"

urlpatterns = [
    path(PEOPLE, people.person_list, name="list"),
    path(PEOPLE + "new/", people.person_create, name="create"),
    path(PERSON, people.person_detail, name="detail"),
    path(PERSON + "edit/", people.person_edit, name="edit"),
    path(PERSON + "delete/", people.person_delete, name="delete"),
    path(PERSON + "consents/", people.consent_record, name="consent_record"),
    path(
        PERSON + "consents/<int:consent_id>/withdraw/",
        people.consent_withdraw,
        name="consent_withdraw",
    ),
    path(PERSON + "merge/", merge.merge_choose, name="merge"),
    path(PERSON + "merge/<int:other_id>/", merge.merge_confirm, name="merge_confirm"),
    path(PEOPLE + "target-groups/", target_groups.target_group_list, name="target_groups"),
    path(
        PEOPLE + "target-groups/<int:group_id>/",
        target_groups.target_group_edit,
        name="target_group_edit",
    ),
    path(
        PEOPLE + "target-groups/<int:group_id>/active/",
        target_groups.target_group_toggle,
        name="target_group_toggle",
    ),
    path("staff/<slug:digibank>/audit/", audit.audit_trail, name="audit"),
]
