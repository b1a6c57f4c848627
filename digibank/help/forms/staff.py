"""Staff forms: publish a bookable time, change its helpers, book for a caller or a person, and
choose the hub and day of the appointment list."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.fields import max_length
from digibank.core.forms import Form, PhoneField, TelInput, form_field
from digibank.help.forms.labels import slot_choice
from digibank.help.models import Appointment, HelpTopic, Slot
from digibank.help.services.slots import MAX_CAPACITY
from digibank.organisations.models import Hub
from digibank.people.forms import NoRegisterNumbersMixin


class TopicsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class TopicField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class HubField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class SlotForm(Form):
    hub = HubField(label=_("Hub"), queryset=Hub.objects.none(), empty_label=None)
    day = forms.DateField(
        label=_("Day"),
        help_text=_("For example 17/12/2026."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    starts = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Until"), widget=forms.TimeInput(attrs={"type": "time"}))
    topics = TopicsField(
        label=_("Topics"),
        queryset=HelpTopic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    capacity = forms.IntegerField(
        label=_("Number of helpers"),
        min_value=1,
        max_value=MAX_CAPACITY,
        initial=1,
        help_text=_("Each helper helps one person at this time."),
    )
    lead_hours = forms.IntegerField(
        label=_("Book online at least this many hours ahead"), min_value=0, max_value=720
    )
    cancel_hours = forms.IntegerField(
        label=_("Cancel or move online at least this many hours ahead"),
        min_value=0,
        max_value=720,
    )

    def __init__(
        self, *args: Any, hubs: QuerySet[Hub], topics: QuerySet[HelpTopic], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "hub", HubField).queryset = hubs
        form_field(self, "topics", TopicsField).queryset = topics

    def moments(self) -> tuple[datetime.datetime, datetime.datetime]:
        day = self.cleaned_data["day"]
        starts = timezone.make_aware(datetime.datetime.combine(day, self.cleaned_data["starts"]))
        ends = timezone.make_aware(datetime.datetime.combine(day, self.cleaned_data["ends"]))
        return starts, ends


class CapacityForm(Form):
    capacity = forms.IntegerField(label=_("Number of helpers"), min_value=1, max_value=MAX_CAPACITY)


class CallerForm(NoRegisterNumbersMixin, Form):
    """Booking for someone who called: what for, their name, how to remind them."""

    topic = TopicField(label=_("Help with"), queryset=HelpTopic.objects.none(), empty_label=None)
    name = forms.CharField(label=_("Name"), max_length=max_length(Appointment, "name"))
    phone = PhoneField(
        label=_("Mobile phone number"),
        max_length=max_length(Appointment, "phone"),
        widget=TelInput(attrs={"autocomplete": "off"}),
        help_text=_("For the confirmation and the reminder."),
    )
    email = forms.EmailField(
        label=_("Email address"), required=False, max_length=max_length(Appointment, "email")
    )

    def __init__(self, *args: Any, topics: QuerySet[HelpTopic], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "topic", TopicField).queryset = topics


class PersonBookingForm(Form):
    """Booking for a registered person: which time, and what for."""

    slot = forms.TypedChoiceField(label=_("Time"), coerce=int)
    topic = TopicField(label=_("Help with"), queryset=HelpTopic.objects.none(), empty_label=None)

    def __init__(
        self, *args: Any, slots: Sequence[Slot], topics: QuerySet[HelpTopic], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "slot", forms.TypedChoiceField).choices = [
            (slot.pk, slot_choice(slot)) for slot in slots
        ]
        form_field(self, "topic", TopicField).queryset = topics


class DayForm(Form):
    hub = HubField(label=_("Hub"), queryset=Hub.objects.none(), empty_label=None, required=False)
    day = forms.DateField(
        label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, hubs: QuerySet[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "hub", HubField).queryset = hubs
