"""Forms of the quick log, the queue, referrals and shifts.

The quick log is built for a phone and a queue: the most-asked topics first as large checkboxes,
the outcome as large radio buttons, the time spent preset, so three taps (a topic, the outcome,
Save) log a visit. Notes warn about anything that looks like a password or code (the service
refuses it too, so the API and the page refuse the same text).
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, PhoneField, form_field
from digibank.help.models import HelpTopic, HowHelped, Outcome, ReferralStatus
from digibank.help.models.referrals import REASON_MAX, RESPONSE_MAX
from digibank.help.models.visits import LABEL_MAX, MAX_MINUTES, NOTES_MAX
from digibank.help.services.notes import secret_message
from digibank.organisations.models import Hub, Partner
from digibank.people.models import AgeBand, TargetGroup
from digibank.people.validators import validate_free_text

MINUTE_CHOICES = (5, 15, 30, 45, 60, 90)
DEFAULT_MINUTES = 15


def topics_for_the_log(topics: QuerySet[HelpTopic]) -> QuerySet[HelpTopic]:
    """The most-asked topics first, then the others in their usual order."""
    return topics.order_by(F("asked_most_rank").asc(nulls_last=True), "position", "code")


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: HelpTopic) -> str:
        return obj.name


def _no_secrets(value: str) -> None:
    message = secret_message(value or "")
    if message:
        raise forms.ValidationError(message, code="secret")


class VisitForm(Form):
    topics = TopicChoiceField(
        label=_("What was it about?"),
        queryset=HelpTopic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome.")},
    )
    minutes = forms.TypedChoiceField(
        label=_("Time spent"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the time spent.")},
    )
    how = forms.ChoiceField(
        label=_("How was help given?"),
        choices=HowHelped.choices,
        initial=HowHelped.EXPLAINED,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how help was given.")},
    )
    hub = forms.ModelChoiceField(
        label=_("Hub"),
        queryset=Hub.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose the hub.")},
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Never a password, PIN, PUK or confirmation code."),
        validators=[validate_free_text, _no_secrets],
    )

    def __init__(
        self,
        *args: Any,
        topics: QuerySet[HelpTopic],
        hubs: QuerySet[Hub],
        minutes: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "topics", TopicChoiceField).queryset = topics_for_the_log(topics)
        form_field(self, "hub", forms.ModelChoiceField).queryset = hubs
        chosen = minutes or DEFAULT_MINUTES
        values = sorted({*MINUTE_CHOICES, chosen})
        minutes_field = form_field(self, "minutes", forms.TypedChoiceField)
        minutes_field.choices = [
            (value, _("%(minutes)s min") % {"minutes": value}) for value in values
        ]
        minutes_field.initial = chosen

    def clean_minutes(self) -> int:
        value = int(self.cleaned_data["minutes"])
        if not 1 <= value <= MAX_MINUTES:
            raise forms.ValidationError(_("Choose the time spent."))
        return value


class AnonymousFiguresForm(Form):
    """What may be noted of an anonymous visitor without naming them (all optional)."""

    target_groups = forms.MultipleChoiceField(
        label=_("Priority groups that apply"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    age_band = forms.ChoiceField(
        label=_("Age"), choices=AgeBand.choices, initial=AgeBand.UNKNOWN, required=False
    )

    def __init__(self, *args: Any, groups: QuerySet[TargetGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "target_groups", forms.MultipleChoiceField).choices = [
            (group.code, group.name) for group in groups
        ]


class LinkConsentForm(Form):
    consent = forms.BooleanField(
        label=_("The person agrees that this visit is kept with their record."),
        error_messages={"required": _("Link the visit only when the person agrees.")},
    )


class ArrivalForm(Form):
    label = forms.CharField(
        label=_("First name or number"),
        max_length=LABEL_MAX,
        help_text=_("Only what you need to call them. It is removed when the help ends."),
        validators=[validate_free_text],
        error_messages={"required": _("Enter a first name or a number.")},
    )


class ReferralForm(Form):
    partner = forms.ModelChoiceField(
        label=_("Refer to"),
        queryset=Partner.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the partner.")},
    )
    reason = forms.CharField(
        label=_("Why?"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the partner needs to know to help. Never a password or code."),
        validators=[validate_free_text, _no_secrets],
        error_messages={"required": _("Say why you refer them.")},
    )
    contact_name = forms.CharField(
        label=_("Their name"), max_length=120, required=False, validators=[validate_free_text]
    )
    contact_phone = PhoneField(label=_("Their phone number"))
    contact_email = forms.EmailField(label=_("Their email address"), required=False)
    consent = forms.BooleanField(
        label=_("The person agrees that we pass their details to the partner."),
        required=False,
    )

    def __init__(
        self, *args: Any, partners: QuerySet[Partner], named: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "partner", forms.ModelChoiceField).queryset = partners
        if named:
            for name in ("contact_name", "contact_phone", "contact_email"):
                del self.fields[name]
            self.fields["consent"].help_text = _(
                "The partner then sees their name and how to reach them."
            )
        else:
            self.fields["contact_name"].help_text = _(
                "Leave their details out if they will contact the partner themselves."
            )


HANDLED_STATUSES = [
    (value, label) for value, label in ReferralStatus.choices if value != ReferralStatus.SENT
]


class ReferralUpdateForm(Form):
    status = forms.ChoiceField(
        label=_("Where does it stand?"),
        choices=HANDLED_STATUSES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where the referral stands.")},
    )
    response = forms.CharField(
        label=_("Note for the hub"),
        required=False,
        max_length=RESPONSE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The hub that referred them reads it. Never a password or code."),
        validators=[validate_free_text, _no_secrets],
    )


class ShiftForm(Form):
    hub = forms.ModelChoiceField(
        label=_("Hub"),
        queryset=Hub.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose the hub.")},
    )
    date = forms.DateField(
        label=_("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Enter the date."), "invalid": _("Enter a real date.")},
    )
    starts = forms.TimeField(
        label=_("Starts"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Enter when it starts."), "invalid": _("Enter a time.")},
    )
    ends = forms.TimeField(
        label=_("Ends"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Enter when it ends."), "invalid": _("Enter a time.")},
    )
    volunteers_needed = forms.IntegerField(
        label=_("Volunteers needed"),
        min_value=1,
        max_value=50,
        initial=2,
        error_messages={"required": _("Enter how many volunteers are needed.")},
    )

    def __init__(self, *args: Any, hubs: QuerySet[Hub], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "hub", forms.ModelChoiceField).queryset = hubs

    def clean_date(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["date"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Choose a day from today on."))
        return day

    def moments(self) -> tuple[datetime.datetime, datetime.datetime]:
        day = self.cleaned_data["date"]
        starts = timezone.make_aware(datetime.datetime.combine(day, self.cleaned_data["starts"]))
        ends = timezone.make_aware(datetime.datetime.combine(day, self.cleaned_data["ends"]))
        return starts, ends
