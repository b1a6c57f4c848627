"""Forms of the organisations app: input checks and plain-language messages.

Business rules (a postcode in the right municipality, overlapping hours, the last coordinator...)
live in `services.py`; the views put a refused rule next to its field.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, ModelForm
from digibank.core.models import User
from digibank.organisations.models import (
    Digibank,
    Hub,
    HubService,
    Language,
    Municipality,
    OpeningKind,
    Partner,
    PartnerContact,
    PartnerKind,
    Role,
    Weekday,
)

postcode_validator = RegexValidator(
    r"^\d{4}$", _("Enter a postcode of 4 digits, for example 2800.")
)
phone_validator = RegexValidator(
    r"^\+?[0-9 ()./-]{6,30}$",
    _("Enter a phone number with digits, for example 015 12 34 56 or +32 15 12 34 56."),
)


def website_field() -> forms.URLField:
    return forms.URLField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("For example https://www.example.be"),
    )


TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(label: Any, max_length: int, *, required: bool = False, **kwargs: Any) -> forms.Field:
    return forms.CharField(label=label, max_length=max_length, required=required, **kwargs)


# Hubs --------------------------------------------------------------------------------------------


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.name} ({', '.join(obj.postcodes)})"


class HubForm(ModelForm):
    website = website_field()
    municipality = MunicipalityChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), empty_label=""
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=4, validators=[postcode_validator])
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, required=False, validators=[phone_validator]
    )
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
        self.fields["municipality"].queryset = digibank.municipalities.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
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

    def clean(self) -> dict[str, Any]:
        data = super().clean()
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


def weekly_hours_formset(*, rows: int) -> type[forms.BaseFormSet]:
    return forms.formset_factory(
        OpeningHoursRowForm,
        formset=BaseWeeklyHoursFormSet,
        extra=rows,
        max_num=60,
        validate_max=True,
    )


class OpeningExceptionForm(Form):
    CLOSED = "closed"
    OTHER_HOURS = "other_hours"

    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    status = forms.ChoiceField(
        label=_("On this day the hub is"),
        choices=[(CLOSED, _("closed all day")), (OTHER_HOURS, _("open at other times"))],
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
    reason = _text(
        _("Reason"),
        120,
        help_text=_("Residents see this. For example: summer closing, staff training."),
    )

    def clean_date(self) -> datetime.date:
        date = self.cleaned_data["date"]
        if date < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return date

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("status") == self.OTHER_HOURS:
            if data.get("opens") is None and "opens" not in self.errors:
                self.add_error("opens", _("Fill in the time the hub opens on this day."))
            if data.get("closes") is None and "closes" not in self.errors:
                self.add_error("closes", _("Fill in the time the hub closes on this day."))
        return data


# Partners ----------------------------------------------------------------------------------------


class PartnerForm(ModelForm):
    website = website_field()
    kind = forms.ChoiceField(
        label=_("Kind of partner"), choices=PartnerKind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Role in the digibank"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: refers residents, gives laptops, lends a room."),
    )
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, required=False, validators=[phone_validator]
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=4,
        required=False,
        validators=[postcode_validator],
        help_text=_("We find the municipality from the postcode."),
    )

    class Meta:
        model = Partner
        fields = ["name", "kind", "description", "email", "phone", "website", "street", "postcode"]


class PartnerContactForm(ModelForm):
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, required=False, validators=[phone_validator]
    )

    class Meta:
        model = PartnerContact
        fields = ["name", "job_title", "email", "phone"]


class PartnerFilterForm(Form):
    kind = forms.ChoiceField(
        label=_("Kind of partner"),
        choices=[("", _("All kinds")), *PartnerKind.choices],
        required=False,
    )


# Staff -------------------------------------------------------------------------------------------


class AccountForm(Form):
    """Choose an existing account, or give a name and email address for a new one."""

    EXISTING = "existing"
    NEW = "new"

    account = forms.ChoiceField(
        label=_("Does this person already have a Digibank account?"),
        choices=[
            (EXISTING, _("Yes, they have an account")),
            (NEW, _("No, make a new account")),
        ],
        widget=forms.RadioSelect,
    )
    identifier = _text(
        _("Their username or email address"),
        254,
        help_text=_("Only when they already have an account."),
    )
    first_name = _text(_("First name"), 150, help_text=_("Only for a new account."))
    last_name = _text(_("Last name"), 150, help_text=_("Only for a new account."))
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        required=False,
        help_text=_("Only for a new account."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("account") == self.EXISTING:
            identifier = (data.get("identifier") or "").strip()
            if not identifier:
                if "identifier" not in self.errors:
                    self.add_error("identifier", _("Fill in their username or email address."))
                return data
            found = list(
                User.objects.filter(Q(username__iexact=identifier) | Q(email__iexact=identifier))[
                    :2
                ]
            )
            if not found:
                self.add_error(
                    "identifier",
                    _("We cannot find an account with this username or email address."),
                )
            elif len(found) > 1:
                self.add_error(
                    "identifier",
                    _("Several accounts use this email address. Fill in the username instead."),
                )
            else:
                data["user"] = found[0]
        elif data.get("account") == self.NEW:
            for name, message in (
                ("first_name", _("Fill in their first name.")),
                ("last_name", _("Fill in their last name.")),
                ("email", _("Fill in their email address.")),
            ):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return data


class MemberForm(AccountForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.none(),
        required=False,
        empty_label="",
        help_text=_("Needed for a partner referrer: the organisation they work for."),
    )

    def __init__(self, *args: Any, partners: QuerySet[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        missing_partner = data.get("role") == Role.REFERRER and not data.get("partner")
        if missing_partner and "partner" not in self.errors:
            self.add_error("partner", _("Choose the partner this referrer works for."))
        return data


class DigibankContactForm(ModelForm):
    website = website_field()
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, required=False, validators=[phone_validator]
    )

    class Meta:
        model = Digibank
        fields = ["name", "email", "phone", "website"]


# The region --------------------------------------------------------------------------------------


def parse_municipalities(text: str) -> tuple[list[Municipality], list[str]]:
    """Municipalities from NIS codes, postcodes or names, one per line or comma-separated.

    Words after a code are ignored, so "12025 Mechelen" works. Returns (found, not understood).
    """
    everything = list(Municipality.objects.all())
    by_nis = {m.nis_code: m for m in everything}
    by_postcode: dict[str, Municipality] = {}
    for municipality in everything:
        for postcode in municipality.postcodes:
            by_postcode.setdefault(postcode, municipality)
    by_name = {m.name_nl.casefold(): m for m in everything}
    for municipality in everything:
        by_name.setdefault(municipality.name_fr.casefold(), municipality)

    found: dict[int, Municipality] = {}
    unknown: list[str] = []
    for part in re.split(r"[\n,;]+", text):
        part = part.strip()
        if not part:
            continue
        numbers = re.findall(r"\d+", part)
        if not numbers:
            match = by_name.get(part.casefold())
            if match is None:
                unknown.append(part)
            else:
                found[match.pk] = match
            continue
        for number in numbers:
            match = by_nis.get(number) if len(number) == 5 else by_postcode.get(number)
            if match is None:
                unknown.append(number)
            else:
                found[match.pk] = match
    return sorted(found.values(), key=lambda m: m.name_nl), unknown


def municipalities_as_text(municipalities: Any) -> str:
    return "\n".join(f"{m.nis_code} {m.name}" for m in municipalities)


class RegionDigibankForm(ModelForm):
    website = website_field()
    slug = forms.SlugField(
        label=_("Short name in web addresses"),
        max_length=50,
        help_text=_("Small letters, numbers and hyphens, for example digibank-gent."),
    )
    phone = forms.CharField(
        label=_("Phone number"), max_length=30, required=False, validators=[phone_validator]
    )
    municipalities_text = forms.CharField(
        label=_("Municipalities served"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One per line: a NIS code, a postcode or the name, for example 12025 or 2800 or "
            "Mechelen. Words after a code are ignored."
        ),
    )

    class Meta:
        model = Digibank
        fields = ["name", "slug", "email", "phone", "website"]

    def clean_slug(self) -> str:
        return self.cleaned_data["slug"].lower()

    def clean_municipalities_text(self) -> list[Municipality]:
        found, unknown = parse_municipalities(self.cleaned_data["municipalities_text"])
        if unknown:
            raise forms.ValidationError(
                _("We do not know: %(unknown)s. Check the NIS codes, postcodes and names.")
                % {"unknown": ", ".join(unknown[:10])}
            )
        if not found:
            raise forms.ValidationError(_("Fill in at least one municipality."))
        return found

    def validate_unique(self) -> None:
        """The service checks the short name, with a clearer message."""


class MunicipalitySearchForm(Form):
    q = _text(_("Name or postcode"), 100)


class PublicHubSearchForm(Form):
    place = _text(
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
