from django.urls import path

from digibank.skills.views import (
    attendance,
    catalogue,
    certificates,
    enrol,
    progress,
    public,
    region,
    staff,
    training,
)

app_name = "skills"

STAFF = "staff/<slug:digibank>/skills/"
REGION = "region/<slug:region>/skills/"
LEARN = "learn/"

urlpatterns = [
    path("skills-check/", public.public_start, name="public_start"),
    path("skills-check/questions/<str:step>/", public.public_step, name="public_step"),
    path("skills-check/finish/", public.public_finish, name="public_finish"),
    path("skills-check/pause/", public.public_pause, name="public_pause"),
    path("skills-check/resume/", public.public_resume, name="public_resume"),
    path("skills-check/result/", public.public_result, name="public_result"),
    path(LEARN + "courses/", catalogue.module_list, name="module_list"),
    path(LEARN + "courses/<int:module_id>/", catalogue.module_page, name="module_page"),
    path(LEARN + "sessions/", catalogue.session_finder, name="session_finder"),
    path(LEARN + "sessions/<int:session_id>/", catalogue.session_page, name="session_page"),
    path(LEARN + "sessions/<int:session_id>/enrol/", enrol.enrol_name, name="enrol_name"),
    path(
        LEARN + "sessions/<int:session_id>/enrol/contact/",
        enrol.enrol_contact,
        name="enrol_contact",
    ),
    path(LEARN + "sessions/<int:session_id>/enrol/check/", enrol.enrol_check, name="enrol_check"),
    path(LEARN + "enrolment/done/", enrol.enrolment_done, name="enrolment_done"),
    path(LEARN + "enrolment/", enrol.enrolment_find, name="enrolment_find"),
    path(LEARN + "enrolment/yours/", enrol.enrolment_manage, name="enrolment_manage"),
    path(LEARN + "enrolment/cancel/", enrol.enrolment_cancel, name="enrolment_cancel"),
    path(LEARN + "enrolment/change/", enrol.enrolment_change, name="enrolment_change"),
    path(STAFF, staff.staff_home, name="staff_home"),
    path(STAFF + "assisted/", staff.assisted_start, name="assisted_start"),
    path(STAFF + "people/<int:person_id>/link/", staff.link, name="link"),
    path(STAFF + "modules/", training.modules, name="staff_modules"),
    path(STAFF + "modules/new/", training.module_add, name="module_add"),
    path(STAFF + "modules/<int:module_id>/edit/", training.module_edit, name="module_edit"),
    path(STAFF + "sessions/", training.sessions, name="staff_sessions"),
    path(STAFF + "sessions/new/", training.session_add, name="session_add"),
    path(STAFF + "sessions/<int:session_id>/", training.session_detail, name="staff_session"),
    path(STAFF + "sessions/<int:session_id>/edit/", training.session_edit, name="session_edit"),
    path(
        STAFF + "sessions/<int:session_id>/cancel/", training.session_cancel, name="session_cancel"
    ),
    path(STAFF + "sessions/<int:session_id>/enrol/", training.staff_enrol, name="staff_enrol"),
    path(
        STAFF + "enrolments/<int:enrolment_id>/cancel/",
        training.staff_cancel_enrolment,
        name="staff_cancel_enrolment",
    ),
    path(STAFF + "progress/", progress.progress, name="progress"),
    path(STAFF + "teaching/", attendance.teaching, name="teaching"),
    path(
        STAFF + "teaching/<int:session_id>/",
        attendance.session_attendance,
        name="session_attendance",
    ),
    path(
        STAFF + "teaching/<int:session_id>/dates/<int:date_id>/",
        attendance.take_attendance,
        name="take_attendance",
    ),
    path(
        STAFF + "enrolments/<int:enrolment_id>/certificate/",
        certificates.staff_certificate,
        name="staff_certificate",
    ),
    path("learn/certificate/", certificates.public_certificate, name="public_certificate"),
    path(
        "learn/enrolment/certificate/",
        certificates.enrolment_certificate,
        name="enrolment_certificate",
    ),
    path(REGION, region.region_home, name="region_home"),
    path(REGION + "competences/new/", region.competence_add, name="competence_add"),
    path(REGION + "versions/new/", region.version_start, name="version_start"),
    path(REGION + "versions/<int:version_id>/", region.region_version, name="region_version"),
    path(
        REGION + "versions/<int:version_id>/publish/",
        region.version_publish,
        name="version_publish",
    ),
    path(
        REGION + "versions/<int:version_id>/statements/new/",
        region.statement_add,
        name="statement_add",
    ),
    path(
        REGION + "statements/<int:statement_id>/edit/", region.statement_edit, name="statement_edit"
    ),
    path(
        REGION + "statements/<int:statement_id>/remove/",
        region.statement_remove,
        name="statement_remove",
    ),
]
