from django.urls import path

from digibank.help import guide_urls, visit_urls
from digibank.help.views import public, staff, topics

app_name = "help"

STAFF = "staff/<slug:digibank>/help/"
REGION = "region/<slug:region>/help/"

urlpatterns = [
    path("help/book/", public.book_start, name="book_start"),
    path("help/book/check-answers/", public.book_check, name="book_check"),
    path("help/book/booked/", public.book_done, name="book_done"),
    path("help/book/<slug:step>/", public.book_step, name="book_step"),
    path("help/appointment/", public.manage, name="manage"),
    path("help/appointment/yours/", public.yours, name="yours"),
    path("help/appointment/cancel/", public.cancel, name="cancel"),
    path("help/appointment/move/", public.move, name="move"),
    path(STAFF + "appointments/", staff.day, name="day"),
    path(STAFF + "appointments/<int:appointment_id>/outcome/", staff.outcome, name="outcome"),
    path(STAFF + "times/", staff.slots, name="slots"),
    path(STAFF + "times/new/", staff.slot_add, name="slot_add"),
    path(STAFF + "times/<int:slot_id>/", staff.slot_detail, name="slot_detail"),
    path(STAFF + "times/<int:slot_id>/book/", staff.staff_book, name="staff_book"),
    path(STAFF + "topics/", topics.local_topics, name="local_topics"),
    path(STAFF + "topics/<int:topic_id>/", topics.local_topic_edit, name="local_topic_edit"),
    path(REGION + "topics/", topics.region_topics, name="region_topics"),
    path(REGION + "topics/new/", topics.region_topic_add, name="region_topic_add"),
    path(REGION + "topics/<int:topic_id>/", topics.region_topic_edit, name="region_topic_edit"),
    path(
        STAFF + "people/<int:person_id>/book/",
        staff.staff_book_for_person,
        name="staff_book_for_person",
    ),
    *visit_urls.urlpatterns,
    *guide_urls.urlpatterns,
]
