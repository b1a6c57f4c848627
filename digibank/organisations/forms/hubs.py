"""Forms of hubs: the hub, its weekly opening hours and exceptions, and the public hub finder."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, ModelForm, PhoneField, form_field, not_marked_optional
from digibank.core.validators import validate_postcode
from digibank.organisations.forms.common import (
    DATE_WIDGET,
    TIME_WIDGET,
    text_field,
    website_field,
)
from digibank.organisations.models import (
    Digibank,
    Hub,
    HubService,
    Language,
    Municipality,
    OpeningKind,
    Weekday,
)


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.name} ({', '.join(obj.postcodes)})"


class HubForm(ModelForm):
    website = website_field()
    municipality = MunicipalityChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), empty_label=""
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=4, validators=[validate_postcode])
    phone = PhoneField(label=_("Phone number"))
    directions = forms.CharField(
        label=_("How to find us"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: entrance at the back, next to the bike shed."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    services = forms.MultipleChoiceField(
        label=_("Services offered"),
        choices=HubService.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Hub
        fields = [
            "name",
            "street",
            "postcode",
            "municipality",
            "latitude",
            "longitude",
            "phone",
            "email",
            "website",
            "directions",
            "step_free",
            "hearing_loop",
            "quiet_room",
            "accessibility_notes",
            "languages",
            "services",
            "closed_on_public_holidays",
            "is_public",
        ]
        help_texts = {
            "latitude": _("For example 51.0259. You find it on openstreetmap.org."),
            "longitude": _("For example 4.4776."),
        }

    def __init__(self, *args: Any, digibank: Digibank, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(
            self, "municipality", forms.ModelChoiceField
        ).queryset = digibank.municipalities.all()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        municipality, postcode = data.get("municipality"), data.get("postcode")
        if municipality and postcode and postcode not in municipality.postcodes:
            self.add_error(
                "postcode",
                _("This postcode is not in %(municipality)s. Use one of: %(postcodes)s.")
                % {
                    "municipality": municipality.name,
                    "postcodes": ", ".join(municipality.postcodes),
                },
            )
        return data


class OpeningHoursRowForm(Form):
    """One time slot of the week. A row left empty is ignored."""

    weekday = forms.TypedChoiceField(
        label=_("Day"),
        choices=[("", "–"), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    opens = forms.TimeField(label=_("Opens"), required=False, widget=TIME_WIDGET)
    closes = forms.TimeField(label=_("Closes"), required=False, widget=TIME_WIDGET)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=OpeningKind.choices, initial=OpeningKind.OPEN, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An empty row is ignored, but a row once started needs its day and both times.
        not_marked_optional(self, "weekday", "opens", "closes")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        filled = [name for name in ("weekday", "opens", "closes") if data.get(name) is not None]
        if not filled and not self.errors:
            data["empty"] = True
            return data
        data["empty"] = False
        if data.get("weekday") is None and "weekday" not in self.errors:
            self.add_error("weekday", _("Choose a day."))
        if data.get("opens") is None and "opens" not in self.errors:
            self.add_error("opens", _("Fill in when it opens, for example 09:00."))
        if data.get("closes") is None and "closes" not in self.errors:
            self.add_error("closes", _("Fill in when it closes, for example 12:00."))
        if not data.get("kind"):
            data["kind"] = OpeningKind.OPEN
        return data


class BaseWeeklyHoursFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        # Every row is checked, also one that looks unchanged: the row itself says when it is empty.
        return {"empty_permitted": False}

    def filled_forms(self) -> list[OpeningHoursRowForm]:
        return [form for form in self.forms if not form.cleaned_data.get("empty", True)]

    def hours(self) -> list[tuple[int, datetime.time, datetime.time, str]]:
        return [
            (
                f.cleaned_data["weekday"],
                f.cleaned_data["opens"],
                f.cleaned_data["closes"],
                f.cleaned_data["kind"],
            )
            for f in self.filled_forms()
        ]


def weekly_hours_formset(*, rows: int) -> type[BaseWeeklyHoursFormSet]:
    # formset_factory makes a subclass of `formset`; its stub only promises a BaseFormSet.
    return cast(
        type[BaseWeeklyHoursFormSet],
        forms.formset_factory(
            OpeningHoursRowForm,
            formset=BaseWeeklyHoursFormSet,
            extra=rows,
            max_num=60,
            validate_max=True,
        ),
    )


class OpeningExceptionForm(Form):
    """One day closed, or open at other times of one kind, as the weekly hours have them: the
    status names the kind, so the day reads on the public pages as walk-in or bookable hours."""

    CLOSED = "closed"
    WALK_IN = OpeningKind.WALK_IN.value
    BY_APPOINTMENT = OpeningKind.OPEN.value

    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    status = forms.ChoiceField(
        label=_("On this day the hub is"),
        choices=[
            (CLOSED, _("closed all day")),
            (WALK_IN, _("open at other times: walk in, no appointment needed")),
            (BY_APPOINTMENT, _("open at other times: by appointment")),
        ],
        initial=CLOSED,
        widget=forms.RadioSelect,
    )
    opens = forms.TimeField(
        label=_("Opens"),
        required=False,
        widget=TIME_WIDGET,
        help_text=_("Only when the hub is open at other times."),
    )
    closes = forms.TimeField(
        label=_("Closes"),
        required=False,
        widget=TIME_WIDGET,
        help_text=_("Only when the hub is open at other times."),
    )
    reason = text_field(
        _("Reason"),
        120,
        help_text=_("Residents see this. For example: summer closing, staff training."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Needed when the hub is open at other times (their hint says so).
        not_marked_optional(self, "opens", "closes")

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return date

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("status") in (self.WALK_IN, self.BY_APPOINTMENT):
            if data.get("opens") is None and "opens" not in self.errors:
                self.add_error("opens", _("Fill in the time the hub opens on this day."))
            if data.get("closes") is None and "closes" not in self.errors:
                self.add_error("closes", _("Fill in the time the hub closes on this day."))
        return data

    @property
    def closed(self) -> bool:
        return bool(self.cleaned_data["status"] == self.CLOSED)

    @property
    def kind(self) -> str:
        """The kind of the other hours (by appointment on a closed day, where it means nothing)."""
        status = str(self.cleaned_data["status"])
        return self.BY_APPOINTMENT if status == self.CLOSED else status


class PublicHubSearchForm(Form):
    place = text_field(
        _("Your postcode or municipality"),
        100,
        help_text=_("For example 2800 or Mechelen."),
    )
    service = forms.ChoiceField(
        label=_("What do you need?"),
        choices=[("", _("Anything")), *HubService.choices],
        required=False,
    )
    step_free = forms.BooleanField(label=_("Only places without steps"), required=False)
