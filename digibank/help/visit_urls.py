"""The staff pages of visits, the queue, referrals and shifts (included by `help/urls.py`)."""

from django.urls import path

from digibank.help.views import queue, referrals, shifts, visits

STAFF = "staff/<slug:digibank>/help/"

urlpatterns = [
    path(STAFF + "visits/new/", visits.visit_new, name="visit_new"),
    path(
        STAFF + "people/<int:person_id>/visit/",
        visits.visit_new_for_person,
        name="visit_new_for_person",
    ),
    path(STAFF + "queue/", queue.queue_hubs, name="queue_hubs"),
    path(STAFF + "queue/<int:hub_id>/", queue.queue, name="queue"),
    path(
        STAFF + "queue/<int:hub_id>/<int:arrival_id>/start/",
        queue.arrival_start,
        name="arrival_start",
    ),
    path(
        STAFF + "queue/<int:hub_id>/<int:arrival_id>/finish/",
        queue.arrival_finish,
        name="arrival_finish",
    ),
    path(STAFF + "referrals/", referrals.referral_list, name="referral_list"),
    path(STAFF + "referrals/new/", referrals.referral_new, name="referral_new"),
    path(
        STAFF + "people/<int:person_id>/refer/",
        referrals.referral_new_for_person,
        name="referral_new_for_person",
    ),
    path(STAFF + "referrals/incoming/", referrals.incoming_referrals, name="incoming_referrals"),
    path(
        STAFF + "referrals/incoming/<int:referral_id>/",
        referrals.referral_detail,
        name="referral_detail",
    ),
    path(STAFF + "shifts/", shifts.shift_list, name="shift_list"),
    path(STAFF + "shifts/plan/", shifts.shift_plan, name="shift_plan"),
    path(STAFF + "shifts/<int:shift_id>/sign-up/", shifts.shift_sign_up, name="shift_sign_up"),
    path(STAFF + "shifts/<int:shift_id>/withdraw/", shifts.shift_withdraw, name="shift_withdraw"),
    path(STAFF + "shifts/<int:shift_id>/cancel/", shifts.shift_cancel, name="shift_cancel"),
]
