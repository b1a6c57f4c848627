"""The resident's questions when booking (one per page) and the reference-code form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from digibank.core.codes import LENGTH, looks_like_a_code, normalise_code
from digibank.core.fields import max_length
from digibank.core.forms import Form, PhoneField, TelInput, form_field
from digibank.help.forms.labels import slot_choice
from digibank.help.models import Appointment, HelpTopic, Slot
from digibank.people.forms import NoRegisterNumbersMixin
from digibank.people.validators import validate_name


class TopicChoiceField(forms.ModelChoiceField):
    """A topic by its name in the page's language, with the region where several regions
    offer times (their lists may name a topic alike)."""

    with_region = False

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.region.name})" if self.with_region else obj.name


class TopicForm(Form):
    topic = TopicChoiceField(
        label=_("What do you need help with?"),
        queryset=HelpTopic.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose what you need help with.")},
    )

    def __init__(self, *args: Any, topics: QuerySet[HelpTopic], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "topic", TopicChoiceField)
        field.queryset = topics
        field.with_region = len({topic.region_id for topic in topics}) > 1


class TimeForm(Form):
    slot = forms.TypedChoiceField(
        label=_("When would you like to come?"),
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("Each time is one helper for you alone."),
        error_messages={"required": _("Choose a time.")},
    )

    def __init__(
        self, *args: Any, slots: Sequence[Slot], with_place: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "slot", forms.TypedChoiceField).choices = [
            (slot.pk, slot_choice(slot, with_place=with_place)) for slot in slots
        ]


class NameForm(NoRegisterNumbersMixin, Form):
    name = forms.CharField(
        label=_("What is your name?"),
        max_length=max_length(Appointment, "name"),
        help_text=_("So the helper knows who to expect. Your first name is enough."),
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your name.")},
        validators=[validate_name],
    )


class ContactForm(Form):
    phone = PhoneField(
        label=_("Mobile phone number"),
        max_length=max_length(Appointment, "phone"),
        help_text=_("For example 0470 12 34 56."),
        widget=TelInput(attrs={"autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=max_length(Appointment, "email"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
    )


class CodeForm(Form):
    reference = forms.CharField(
        label=_("Your reference code"),
        max_length=20,
        help_text=_("You got it when you booked. For example: ACDE-FHJK."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        error_messages={"required": _("Enter your reference code.")},
    )

    def clean_reference(self) -> str:
        code = normalise_code(self.cleaned_data["reference"])
        if not looks_like_a_code(code):
            raise forms.ValidationError(
                _("A reference code has %(length)d letters and numbers, like ACDE-FHJK.")
                % {"length": LENGTH}
            )
        return code
