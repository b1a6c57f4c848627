from django.urls import path

from digibank.skills.views import attendance, certificates, progress, public, region, staff

app_name = "skills"

STAFF = "staff/<slug:digibank>/skills/"
REGION = "region/<slug:region>/skills/"

urlpatterns = [
    path("skills-check/", public.public_start, name="public_start"),
    path("skills-check/questions/<str:step>/", public.public_step, name="public_step"),
    path("skills-check/finish/", public.public_finish, name="public_finish"),
    path("skills-check/pause/", public.public_pause, name="public_pause"),
    path("skills-check/resume/", public.public_resume, name="public_resume"),
    path("skills-check/result/", public.public_result, name="public_result"),
    path(STAFF, staff.staff_home, name="staff_home"),
    path(STAFF + "assisted/", staff.assisted_start, name="assisted_start"),
    path(STAFF + "people/<int:person_id>/link/", staff.link, name="link"),
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
