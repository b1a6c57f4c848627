"""Forms of the catalogue, the session finder, enrolment (public and staff) and the staff's module
and session pages."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, ModelForm, PhoneField, form_field, not_marked_optional
from digibank.organisations.models import Digibank, Hub, Language, Partner
from digibank.skills.forms import CodeField
from digibank.skills.models import Competence, Module, Session

# How many date rows the session form offers (more dates: edit the session again).
DATE_ROWS = 4


class FinderForm(Form):
    """The public session finder's filters (GET); every field may stay empty."""

    module = forms.TypedChoiceField(label=_("Course"), required=False, coerce=int, empty_value=None)
    place = forms.CharField(
        label=_("Postcode or municipality"),
        required=False,
        max_length=60,
        help_text=_("For example: 2800 or Mechelen."),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args: Any, modules: list[Module], languages: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        form_field(self, "module", forms.TypedChoiceField).choices = [
            ("", _("Any course")),
            *((module.pk, module.title) for module in modules),
        ]
        names = dict(Language.choices)
        form_field(self, "language", forms.ChoiceField).choices = [
            ("", _("Any language")),
            *((code, names.get(code, code)) for code in languages),
        ]


class NearForm(Form):
    """The postcode the result page sorts the next sessions by (GET, optional)."""

    postcode = forms.RegexField(
        label=_("Your postcode"),
        regex=r"^[1-9][0-9]{3}$",
        required=False,
        help_text=_("We show the sessions near you first."),
        error_messages={"invalid": _("A postcode has 4 digits, like 2800.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )


class NameForm(Form):
    name = forms.CharField(
        label=_("What is your name?"),
        max_length=160,
        help_text=_("Your first name and last name, so the trainer knows who you are."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


class ContactForm(Form):
    """A phone number or an email address: one of the two is enough."""

    phone = PhoneField(
        label=_("Mobile phone number"),
        help_text=_("We send you a text message with your reference code and a reminder."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        not_marked_optional(self, "phone", "email")  # one of the two is needed

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not (cleaned.get("phone") or cleaned.get("email")):
            self.add_error("phone", _("Give a phone number or an email address."))
        return cleaned


class EnrolmentCodeForm(Form):
    code = CodeField(
        label=_("Your reference code"),
        help_text=_("You got it when you enrolled. For example: ACDE-FHJK."),
    )


class ChooseSessionForm(Form):
    session = forms.TypedChoiceField(
        label=_("Which session do you want instead?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a session.")},
    )

    def __init__(self, *args: Any, sessions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "session", forms.TypedChoiceField).choices = sessions


TEXT_MAX = 2000


class ModuleForm(ModelForm):
    """A digibank's own module (the region's shared ones are not edited here)."""

    class Meta:
        model = Module
        fields = [
            "title_nl",
            "title_fr",
            "title_en",
            "summary_nl",
            "summary_fr",
            "summary_en",
            "competences",
            "level",
            "duration_minutes",
            "language",
            "languages",
            "provider_kind",
            "provider_name",
            "partner",
            "materials",
            "prerequisites",
            "active",
        ]
        widgets = {
            "competences": forms.CheckboxSelectMultiple,
            "prerequisites": forms.CheckboxSelectMultiple,
            "summary_nl": forms.Textarea(attrs={"rows": 3}),
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "materials": forms.Textarea(attrs={"rows": 3}),
        }

    languages = forms.MultipleChoiceField(
        label=_("Also given in"),
        required=False,
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, digibank: Digibank, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region = digibank.region
        form_field(self, "competences", forms.ModelMultipleChoiceField).queryset = (
            Competence.objects.filter(region__isnull=True)
            | Competence.objects.filter(region=region)
        ).select_related("area")
        others = Module.objects.filter(region=region, active=True)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        form_field(self, "prerequisites", forms.ModelMultipleChoiceField).queryset = others
        form_field(self, "partner", forms.ModelChoiceField).queryset = Partner.objects.filter(
            digibank=digibank, active=True
        )
        not_marked_optional(self, "competences")
        for name in ("summary_nl", "summary_fr", "summary_en", "materials"):
            # The texts are TextFields: the form keeps them to a page's length.
            text = form_field(self, name, forms.CharField)
            text.max_length = TEXT_MAX
            text.validators.append(MaxLengthValidator(TEXT_MAX))


class SessionForm(Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none())
    hub = forms.ModelChoiceField(
        label=_("Hub"),
        queryset=Hub.objects.none(),
        required=False,
        help_text=_("Leave empty for a session given online only."),
    )
    online_link = forms.URLField(
        label=_("Link to the online session"), required=False, assume_scheme="https"
    )
    trainer = forms.ModelChoiceField(
        label=_("Trainer"), queryset=get_user_model().objects.none(), required=False
    )
    partner = forms.ModelChoiceField(
        label=_("Given by partner"), queryset=Partner.objects.none(), required=False
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=200)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)
    accessibility_notes = forms.CharField(
        label=_("Accessibility"),
        required=False,
        max_length=300,
        help_text=_("For example: step-free entrance, hearing loop, large screen."),
    )
    notes = forms.CharField(
        label=_("Notes for participants"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        digibank: Digibank,
        modules: QuerySet[Module],
        trainers: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "module", forms.ModelChoiceField).queryset = modules
        form_field(self, "hub", forms.ModelChoiceField).queryset = Hub.objects.filter(
            digibank=digibank
        )
        form_field(self, "trainer", forms.ModelChoiceField).queryset = trainers
        form_field(self, "partner", forms.ModelChoiceField).queryset = Partner.objects.filter(
            digibank=digibank, active=True
        )
        for row in range(1, DATE_ROWS + 1):
            first = row == 1
            self.fields[f"date_{row}"] = forms.DateField(
                label=_("Date %(number)s") % {"number": row},
                required=first,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
            self.fields[f"starts_{row}"] = forms.TimeField(
                label=_("Starts at"), required=first, widget=forms.TimeInput(attrs={"type": "time"})
            )
            self.fields[f"ends_{row}"] = forms.TimeField(
                label=_("Ends at"), required=first, widget=forms.TimeInput(attrs={"type": "time"})
            )

    def date_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"date_{row}"], self[f"starts_{row}"], self[f"ends_{row}"]]
            for row in range(1, DATE_ROWS + 1)
        ]

    def dates(self) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """The filled rows as aware date-times; a half-filled row is an error on its date."""
        dates = []
        for row in range(1, DATE_ROWS + 1):
            day = self.cleaned_data.get(f"date_{row}")
            starts = self.cleaned_data.get(f"starts_{row}")
            ends = self.cleaned_data.get(f"ends_{row}")
            if day is None and starts is None and ends is None:
                continue
            if day is None or starts is None or ends is None:
                self.add_error(f"date_{row}", _("Give the date, the start and the end time."))
                continue
            dates.append(
                (
                    timezone.make_aware(datetime.datetime.combine(day, starts)),
                    timezone.make_aware(datetime.datetime.combine(day, ends)),
                )
            )
        return dates

    @staticmethod
    def initial_for(session: Session) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(session, name)
            for name in (
                "module",
                "hub",
                "online_link",
                "trainer",
                "partner",
                "capacity",
                "language",
                "accessibility_notes",
                "notes",
            )
        }
        for row, date in enumerate(session.dates.all()[:DATE_ROWS], start=1):
            starts, ends = timezone.localtime(date.starts), timezone.localtime(date.ends)
            initial[f"date_{row}"] = starts.date()
            initial[f"starts_{row}"] = starts.time()
            initial[f"ends_{row}"] = ends.time()
        return initial


class StaffContactForm(Form):
    """Someone not registered, enrolled by phone or at the desk."""

    name = forms.CharField(label=_("Name"), max_length=160)
    phone = PhoneField(label=_("Phone number"))
    email = forms.EmailField(label=_("Email address"), required=False, max_length=254)
