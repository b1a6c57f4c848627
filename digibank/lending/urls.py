from django.urls import path

from digibank.lending.views import allocation, loans, offer, public, requests, settings

app_name = "lending"

REQUESTS = "staff/<slug:digibank>/requests/"
REQUEST = REQUESTS + "<int:request_id>/"
LOANS = "staff/<slug:digibank>/loans/"
LOAN = LOANS + "<int:loan_id>/"

urlpatterns = [
    # Public: "I need a device" and the status check.
    path("device/", public.public_start, name="public_start"),
    path("device/request/check-answers/", public.public_check, name="public_check"),
    path("device/request/sent/", public.public_sent, name="public_sent"),
    path("device/request/<slug:step>/", public.public_step, name="public_step"),
    path("device/status/", public.public_status, name="public_status"),
    # Staff: requests, eligibility, waiting list, reservation and hand-over.
    path(REQUESTS, requests.request_list, name="request_list"),
    path(REQUESTS + "new/", requests.request_choose_person, name="request_choose_person"),
    path(REQUESTS + "new/<int:person_id>/", requests.request_create, name="request_create"),
    path(REQUESTS + "waiting-list/", allocation.waiting_list, name="waiting_list"),
    path(REQUESTS + "waiting-list/offer/<int:device_id>/", offer.offer, name="offer"),
    path(REQUESTS + "rules/", settings.rule_list, name="rules"),
    path(REQUESTS + "rules/<int:rule_id>/", settings.rule_edit, name="rule_edit"),
    path(REQUESTS + "rules/who-decides/", settings.who_decides, name="who_decides"),
    path(REQUESTS + "regulation/", settings.regulation, name="regulation"),
    path(
        REQUESTS + "regulation/<int:regulation_id>/",
        settings.regulation_version,
        name="regulation_version",
    ),
    path(REQUEST, requests.request_detail, name="request_detail"),
    path(REQUEST + "edit/", requests.request_edit, name="request_edit"),
    path(REQUEST + "cancel/", requests.request_cancel, name="request_cancel"),
    path(REQUEST + "proof/", requests.evidence_add, name="evidence_add"),
    path(REQUEST + "decide/", requests.decide, name="decide"),
    path(REQUEST + "reserve/", allocation.allocate, name="allocate"),
    path(REQUEST + "release/", allocation.release, name="release"),
    path(REQUEST + "hand-over/", allocation.hand_over, name="hand_over"),
    path(
        REQUEST + "hand-over/agreement.pdf",
        allocation.hand_over_agreement,
        name="hand_over_agreement",
    ),
    # Staff: loans, returns and losses.
    path(LOANS, loans.loan_list, name="loan_list"),
    path(LOANS + "overdue/", loans.overdue_list, name="overdue_list"),
    path(LOANS + "return/", loans.find_loan, name="find_loan"),
    path(LOAN, loans.loan_detail, name="loan_detail"),
    path(LOAN + "agreement.pdf", loans.loan_agreement, name="loan_agreement"),
    path(LOAN + "extend/", loans.loan_extend, name="loan_extend"),
    path(LOAN + "ownership/", loans.loan_ownership, name="loan_ownership"),
    path(LOAN + "return/", loans.loan_return, name="loan_return"),
    path(LOAN + "lost/", loans.loan_lost, name="loan_lost"),
]
