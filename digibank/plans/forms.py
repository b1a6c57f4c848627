"""The one form of a personal plan (what to propose, pre-filled from the `Proposal`) and the
follow-up form. The forms only read what was typed; the rules live in `services`."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from digibank.core.forms import Form, form_field, not_marked_optional
from digibank.help.forms.labels import slot_choice
from digibank.help.models import HelpTopic
from digibank.lending.models import WANTED_KIND_CHOICES, Need
from digibank.plans.models import NOTE_MAX
from digibank.plans.proposal import Proposal
from digibank.skills.models import Session

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FOLLOW_UP_AFTER = datetime.timedelta(days=14)


def session_choice(session: Session) -> str:
    start = timezone.localtime(session.starts_at) if session.starts_at else None
    when = f"{date_format(start, 'l j F')}, {start:%H:%M}" if start else ""
    place = session.hub.name if session.hub else str(_("online"))
    left = session.capacity - session.seats_taken
    seats = (
        ngettext("%(count)d place left", "%(count)d places left", left) % {"count": left}
        if left > 0
        else str(_("full"))
    )
    return f"{when} – {place} ({seats})"


class TopicField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class PlanForm(Form):
    modules = forms.TypedMultipleChoiceField(
        label=_("Modules to follow"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The modules the skills check recommends are ticked."),
    )
    request_device = forms.BooleanField(label=_("Request a device"), required=False)
    device_kind = forms.ChoiceField(
        label=_("Which device"),
        choices=[("", _("No preference")), *WANTED_KIND_CHOICES],
        required=False,
    )
    needs = forms.MultipleChoiceField(
        label=_("What the device is for"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Needed when you request a device."),
    )
    book_appointment = forms.BooleanField(label=_("Book a help appointment"), required=False)
    topic = TopicField(
        label=_("Help with"),
        queryset=HelpTopic.objects.none(),
        required=False,
        help_text=_("Needed when you book an appointment."),
    )
    slot = forms.TypedChoiceField(
        label=_("Time"),
        coerce=int,
        required=False,
        help_text=_("Needed when you book an appointment."),
    )
    follow_up_on = forms.DateField(label=_("Follow up on"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=NOTE_MAX,
    )

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        offers = proposal.modules
        form_field(self, "modules", forms.TypedMultipleChoiceField).choices = [
            (offer.module.pk, offer.module.title) for offer in offers
        ]
        self.initial.setdefault("modules", [offer.module.pk for offer in offers])
        if not offers:
            del self.fields["modules"]
        self.session_names = []
        for offer in offers:
            name = f"session_{offer.module.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=_("Session of ‘%(module)s’") % {"module": offer.module.title},
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                choices=[
                    ("", _("No session yet")),
                    *((session.pk, session_choice(session)) for session in offer.sessions),
                ],
            )
            self.fields[name].hide_optional = True  # type: ignore[attr-defined]
            self.initial.setdefault(name, "")
            self.session_names.append(name)
        self.initial.setdefault("request_device", not proposal.has_device)
        topics = proposal.topics if proposal.topics is not None else HelpTopic.objects.none()
        form_field(self, "topic", TopicField).queryset = topics
        form_field(self, "slot", forms.TypedChoiceField).choices = [
            ("", _("Choose a time")),
            *((slot.pk, slot_choice(slot)) for slot in proposal.slots),
        ]
        self.initial.setdefault("book_appointment", bool(proposal.slots))
        if proposal.topic_id is not None:
            self.initial.setdefault("topic", proposal.topic_id)
        self.initial.setdefault("follow_up_on", timezone.localdate() + FOLLOW_UP_AFTER)
        not_marked_optional(self, "needs", "device_kind", "topic", "slot")

    def sessions(self) -> list[forms.BoundField]:
        return [self[name] for name in self.session_names]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("request_device") and not data.get("needs"):
            self.add_error("needs", _("Choose at least one thing the device is for."))
        if data.get("book_appointment"):
            if not data.get("topic"):
                self.add_error("topic", _("Choose what the person needs help with."))
            if not data.get("slot"):
                self.add_error("slot", _("Choose a time for the appointment."))
        return data


class FollowUpForm(Form):
    note = forms.CharField(
        label=_("What came of the plan so far"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=NOTE_MAX,
    )
    next_on = forms.DateField(
        label=_("Next follow-up"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Needed unless you close the plan."),
    )
    close = forms.BooleanField(label=_("Close the plan"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        not_marked_optional(self, "next_on")


class StepSessionForm(Form):
    """The session a module step of the plan takes, chosen after the plan was made."""

    session = forms.TypedChoiceField(
        label=_("Session"), coerce=int, widget=forms.RadioSelect, choices=[]
    )

    def __init__(self, *args: Any, sessions: list[Session], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sessions = {session.pk: session for session in sessions}
        form_field(self, "session", forms.TypedChoiceField).choices = [
            (session.pk, session_choice(session)) for session in sessions
        ]
        self.fields["session"].error_messages["required"] = _("Choose a session.")
