"""Staff pages of appointments (`MANAGE_APPOINTMENTS`: the coordinator and hub volunteers): the
bookable times per hub, one time with its bookings, booking for someone who called (or for a
registered person), and a hub's appointments of one day, where staff note who came."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from digibank.core.errors import DomainError
from digibank.help import queries, services
from digibank.help.forms.staff import (
    CallerForm,
    CapacityForm,
    DayForm,
    PersonBookingForm,
    SlotForm,
)
from digibank.help.models import AppointmentStatus, HelpTopic, Slot
from digibank.help.models.appointments import DEFAULT_CANCEL_HOURS, DEFAULT_LEAD_HOURS
from digibank.organisations.models import Hub
from digibank.organisations.permissions import Perm, StaffRequest, staff_view
from digibank.organisations.views.common import add_domain_error
from digibank.people.queries import get_person_for

MANAGE = Perm.MANAGE_APPOINTMENTS
SLOTS_SHOWN = 100


def _hubs(request: StaffRequest) -> QuerySet[Hub]:
    return request.access.scope(Hub.objects.filter(active=True)).order_by("name", "pk")


def _topics(request: StaffRequest) -> QuerySet[HelpTopic]:
    return HelpTopic.offered_in(request.access.digibank).order_by("position", "code")


def _chosen_hub(request: StaffRequest, hubs: QuerySet[Hub]) -> Hub | None:
    hub_id = request.GET.get("hub")
    if hub_id and hub_id.isdigit():
        return hubs.filter(pk=int(hub_id)).first()
    return hubs.first()


@staff_view(MANAGE)
@require_http_methods(["GET"])
def slots(request: StaffRequest) -> HttpResponse:
    """The coming times of one hub, with how many are booked: 3 queries whatever their number."""
    hubs = _hubs(request)
    hub = _chosen_hub(request, hubs)
    rows = list(queries.slots_for(request.access, hub=hub)[:SLOTS_SHOWN]) if hub else []
    return render(
        request,
        "help/staff/slots.html",
        {"hubs": hubs, "hub": hub, "slots": rows, "shown": SLOTS_SHOWN},
    )


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def slot_add(request: StaffRequest) -> HttpResponse:
    hubs = _hubs(request)
    hub = _chosen_hub(request, hubs)
    form = SlotForm(
        request.POST or None,
        hubs=hubs,
        topics=_topics(request),
        initial={
            "hub": hub,
            "capacity": 1,
            "lead_hours": DEFAULT_LEAD_HOURS,
            "cancel_hours": DEFAULT_CANCEL_HOURS,
        },
    )
    if request.method == "POST" and form.is_valid():
        starts, ends = form.moments()
        try:
            slot = services.create_slot(
                hub=form.cleaned_data["hub"],
                starts_at=starts,
                ends_at=ends,
                topics=form.cleaned_data["topics"],
                capacity=form.cleaned_data["capacity"],
                lead_hours=form.cleaned_data["lead_hours"],
                cancel_hours=form.cleaned_data["cancel_hours"],
                by=request.access,
            )
        except DomainError as error:
            if error.field == "starts_at":
                error.field = "day"
            elif error.field == "ends_at":
                error.field = "ends"
            add_domain_error(form, error)
        else:
            messages.success(request, _("The time is published. Residents can book it now."))
            url = reverse("help:slots", kwargs={"digibank": request.access.digibank.slug})
            return redirect(f"{url}?hub={slot.hub_id}")
    return render(request, "help/staff/slot_add.html", {"form": form})


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def slot_detail(request: StaffRequest, slot_id: int) -> HttpResponse:
    """One time: its bookings, its number of helpers (POST changes it), booking for a caller."""
    slot = queries.get_slot_for(request.access, slot_id)
    capacity = CapacityForm(
        request.POST if request.method == "POST" else None, initial={"capacity": slot.capacity}
    )
    if request.method == "POST" and capacity.is_valid():
        try:
            services.change_capacity(
                slot=slot, capacity=capacity.cleaned_data["capacity"], by=request.access
            )
        except DomainError as error:
            add_domain_error(capacity, error)
        else:
            messages.success(request, _("The number of helpers is changed."))
            return redirect(request.path)
    bookings = slot.appointments.select_related("topic", "person").order_by("pk")
    return render(
        request,
        "help/staff/slot_detail.html",
        {
            "slot": slot,
            "topics": slot.topics.order_by("position"),
            "bookings": bookings,
            "capacity": capacity,
        },
    )


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def staff_book(request: StaffRequest, slot_id: int) -> HttpResponse:
    """Book for someone who called: their name and, if they like, how to remind them."""
    slot = queries.get_slot_for(request.access, slot_id)
    form = CallerForm(request.POST or None, topics=slot.topics.order_by("position"))
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.book_appointment(
                slot=slot,
                topic=form.cleaned_data["topic"],
                name=form.cleaned_data["name"],
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data["email"],
                language=(get_language() or "nl")[:2],
                by=request.access,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Booked. Give the caller their reference code: %(code)s.")
                % {"code": appointment.reference_display},
            )
            return redirect(
                "help:slot_detail", digibank=request.access.digibank.slug, slot_id=slot.pk
            )
    return render(request, "help/staff/book.html", {"form": form, "slot": slot})


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def staff_book_for_person(request: StaffRequest, person_id: int) -> HttpResponse:
    """Book for a registered person (from their page): the row keeps their groups for figures."""
    person = get_person_for(request.access, person_id)
    now = timezone.now()
    upcoming = [
        slot
        for slot in queries.slots_for(request.access).select_related("hub__municipality")[:200]
        if slot.free and slot.starts_at > now
    ]
    form = PersonBookingForm(request.POST or None, slots=upcoming, topics=_topics(request))
    if request.method == "POST" and form.is_valid():
        slot = next(slot for slot in upcoming if slot.pk == form.cleaned_data["slot"])
        try:
            appointment = services.book_appointment(
                slot=slot,
                topic=form.cleaned_data["topic"],
                person=person,
                by=request.access,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Booked. The reference code is %(code)s.")
                % {"code": appointment.reference_display},
            )
            return redirect(
                "people:detail", digibank=request.access.digibank.slug, person_id=person.pk
            )
    return render(request, "help/staff/book_for_person.html", {"form": form, "person": person})


@staff_view(MANAGE)
@require_http_methods(["GET"])
def day(request: StaffRequest) -> HttpResponse:
    """One hub's appointments of one day, in a fixed number of queries whatever their number."""
    hubs = _hubs(request)
    form = DayForm(request.GET or None, hubs=hubs)
    chosen_day = timezone.localdate()
    hub = hubs.first()
    if form.is_valid():
        chosen_day = form.cleaned_data["day"] or chosen_day
        hub = form.cleaned_data["hub"] or hub
    rows = list(queries.day_appointments(request.access, hub=hub, day=chosen_day)) if hub else []
    return render(
        request,
        "help/staff/day.html",
        {
            "form": form,
            "hub": hub,
            "day": chosen_day,
            "appointments": rows,
            "started": timezone.now(),
            "statuses": AppointmentStatus,
        },
    )


@staff_view(MANAGE)
@require_POST
def outcome(request: StaffRequest, appointment_id: int) -> HttpResponse:
    """Came, did not come, or cancel (for a caller): then back to the day's list."""
    appointment = queries.get_appointment_for(request.access, appointment_id)
    status = request.POST.get("status", "")
    try:
        if status == AppointmentStatus.CANCELLED:
            services.cancel_appointment(appointment=appointment, by=request.access)
        else:
            services.record_outcome(appointment=appointment, status=status, by=request.access)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved."))
    slot: Slot = appointment.slot
    url = reverse("help:day", kwargs={"digibank": request.access.digibank.slug})
    local = timezone.localtime(slot.starts_at).date()
    return redirect(f"{url}?hub={slot.hub_id}&day={local.isoformat()}")
