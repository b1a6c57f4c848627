"""The outbox for coordinators: every message, how its delivery went, and sending it again."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from digibank.core import audit
from digibank.core.errors import DomainError
from digibank.core.http import query_without
from digibank.core.models import AuditAction
from digibank.messaging import services
from digibank.messaging.forms import MessageFilterForm
from digibank.messaging.models import Message, MessageStatus
from digibank.messaging.queries import messages_for, outbox
from digibank.organisations.permissions import Perm, StaffRequest, staff_view

PAGE_SIZE = 50


def _message_for_page(request: StaffRequest, message_id: int) -> Message:
    queryset = messages_for(request.access).select_related("person")
    return request.access.get(queryset, pk=message_id)


@staff_view(Perm.VIEW_MESSAGES)
@require_GET
def message_list(request: StaffRequest) -> HttpResponse:
    form = MessageFilterForm(request.GET)
    messages_shown = outbox(
        request.access,
        status=form.value("status"),
        kind=form.value("kind"),
    )
    page = Paginator(messages_shown, PAGE_SIZE).get_page(request.GET.get("page"))
    query = query_without(request.GET, "page")
    return render(
        request,
        "messaging/staff/list.html",
        {
            "form": form,
            "page": page,
            "filtered": any(request.GET.get(name) for name in form.fields),
            "query": query,
        },
    )


@staff_view(Perm.VIEW_MESSAGES)
@require_GET
def message_detail(request: StaffRequest, message_id: int) -> HttpResponse:
    message = _message_for_page(request, message_id)
    audit.record(
        actor=request.user,
        action=AuditAction.VIEW,
        obj=message,
        digibank=request.access.digibank,
    )
    return render(request, "messaging/staff/detail.html", {"message": message})


@staff_view(Perm.VIEW_MESSAGES)
@require_POST
def message_send_again(request: StaffRequest, message_id: int) -> HttpResponse:
    message = _message_for_page(request, message_id)
    try:
        message = services.send_again(message=message, by=request.access)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if message.status == MessageStatus.SKIPPED:
            messages.error(
                request,
                _("The message is not sent: %(reason)s.")
                % {"reason": message.get_reason_display()},
            )
        else:
            messages.success(request, _("The message will be sent again in a moment."))
    return redirect(
        "messaging:detail",
        digibank=request.access.digibank.slug,
        message_id=message.pk,
    )
