"""Forms about residents: plain-language messages next to each field, never a 500 on bad input."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from digibank.core.errors import DomainError
from digibank.core.fields import max_length
from digibank.core.forms import (
    Form,
    FormMixinBase,
    ModelForm,
    PhoneField,
    TelInput,
    form_field,
    not_marked_optional,
)
from digibank.core.models import AuditAction, User
from digibank.core.validators import validate_postcode
from digibank.organisations.models import Partner
from digibank.organisations.permissions import Access, Perm
from digibank.people import services
from digibank.people.models import AgeBand, ConsentPurpose, ContactMethod, Person, TargetGroup
from digibank.people.queries import target_groups_for
from digibank.people.validators import (
    contains_national_register_number,
    validate_free_text,
    validate_name,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NOTES_MAX_LENGTH = 2000
REGISTER_NUMBER_MESSAGE = _(
    "This looks like a national register number. Do not write it down: "
    "we never keep national register numbers."
)


class NoRegisterNumbersMixin(FormMixinBase):
    """Refuses a national register number in every free-text field of the form.

    Runs after the other checks and replaces their messages for that field, so the person typing
    sees the one message that matters.
    """

    # Fields with a strict format of their own (digits that may look like a number).
    not_free_text: frozenset[str] = frozenset({"phone", "email", "postcode"})

    def _post_clean(self) -> None:
        super()._post_clean()
        for name, field in self.fields.items():
            if name in self.not_free_text or not isinstance(field, forms.CharField):
                continue
            if isinstance(field, forms.EmailField):
                continue
            value = self[name].value()
            if isinstance(value, str) and contains_national_register_number(value):
                # This message replaces the field's others: it is the one that matters.
                self.errors.pop(name, None)
                self.add_error(name, forms.ValidationError(REGISTER_NUMBER_MESSAGE))


def _capitalised(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """Choices that start a line (radios, checkboxes) start with a capital."""
    return [(value, capfirst(label)) for value, label in choices]


def _year_field(
    label: StrOrPromise, *, minimum: int, maximum: int, hint: StrOrPromise = ""
) -> forms.IntegerField:
    message = _("Enter a year between %(min)d and %(max)d, like 1956.") % {
        "min": minimum,
        "max": maximum,
    }
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=minimum,
        max_value=maximum,
        help_text=hint,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 4}),
        error_messages={"invalid": message, "min_value": message, "max_value": message},
    )


class PersonForm(NoRegisterNumbersMixin, ModelForm):
    """The fields staff fill in about a resident, on the register and edit pages."""

    phone = PhoneField(
        label=_("Phone number"),
        help_text=_("Needed to reach them by phone. For example 0470 12 34 56."),
        widget=TelInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "contact_method",
            "phone",
            "email",
            "referrer_partner",
            "postcode",
            "birth_year",
            "preferred_language",
            "household_size",
            "target_groups",
            "large_print",
            "notes",
        ]
        widgets = {
            "contact_method": forms.RadioSelect,
            "target_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        kwargs.setdefault("instance", Person(digibank=access.digibank))
        super().__init__(*args, **kwargs)
        self.access = access
        instance: Person = self.instance
        this_year = timezone.localdate().year

        self.fields["first_name"].widget.attrs.update(autocomplete="off", spellcheck="false")
        self.fields["last_name"].widget.attrs.update(autocomplete="off", spellcheck="false")
        form_field(self, "contact_method", forms.ChoiceField).choices = _capitalised(
            ContactMethod.choices
        )
        self.fields["email"].widget.attrs.update(autocomplete="off")
        self.fields["email"].help_text = _("Needed to reach them by email.")
        not_marked_optional(self, "phone", "email")
        self.fields["postcode"].widget.attrs.update(inputmode="numeric", autocomplete="off", size=4)
        self.fields["birth_year"] = _year_field(
            _("Year of birth"),
            minimum=1900,
            maximum=this_year,
            hint=_("Only the year. We use it to show an age group."),
        )
        self.fields["household_size"] = forms.IntegerField(
            label=_("How many people live in the household?"),
            required=False,
            min_value=1,
            max_value=services.MAX_HOUSEHOLD_SIZE,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            error_messages={
                "invalid": _("Enter a number, like 3."),
                "min_value": _("Enter a number from 1 to 20."),
                "max_value": _("Enter a number from 1 to 20."),
            },
        )
        self.fields["notes"] = forms.CharField(
            label=_("Notes"),
            required=False,
            max_length=NOTES_MAX_LENGTH,
            help_text=Person._meta.get_field("notes").help_text,
            widget=forms.Textarea(attrs={"rows": 3}),
            validators=[validate_free_text],
        )

        groups = target_groups_for(access, active_only=True)
        if instance.pk:
            groups = groups | target_groups_for(access).filter(people=instance)
        field = form_field(self, "target_groups", forms.ModelMultipleChoiceField)
        field.queryset = groups.distinct().order_by("name")
        field.to_field_name = "code"  # the API sends codes; they are unique per digibank
        field.required = False

        if not access.reach(Perm.MANAGE_PEOPLE).whole_digibank:
            # A referrer registers for their own partner only.
            del self.fields["referrer_partner"]
        else:
            partners = access.scope(Partner.objects.filter(active=True))
            if instance.referrer_partner_id:
                partners = partners | access.scope(
                    Partner.objects.filter(pk=instance.referrer_partner_id)
                )
            partner_field = form_field(self, "referrer_partner", forms.ModelChoiceField)
            partner_field.queryset = partners.distinct().order_by("name")
            partner_field.label = _("Referred by partner")
            partner_field.empty_label = _("No partner")
            partner_field.help_text = _("Needed when we reach the person through their referrer.")

    def clean_first_name(self) -> str:
        value = self.cleaned_data["first_name"].strip()
        validate_name(value)
        return value

    def clean_last_name(self) -> str:
        value = self.cleaned_data["last_name"].strip()
        validate_name(value)
        return value

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        if value:
            validate_postcode(value)
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if "referrer_partner" in self.fields:
            partner = data.get("referrer_partner")
        else:
            partner = self.instance.referrer_partner or _first_partner(self.access)
        needed = {"phone", "email", "referrer_partner", "contact_method"}
        if needed & set(self.errors):
            return data
        try:
            services.check_contact(
                contact_method=data.get("contact_method", ""),
                phone=data.get("phone", ""),
                email=data.get("email", ""),
                referrer_partner=partner,
            )
        except DomainError as error:
            self.add_error(
                error.field if error.field in self.fields else "contact_method", error.message
            )
        return data

    def service_values(self) -> dict[str, Any]:
        """The cleaned values, named as the service functions take them."""
        data = self.cleaned_data
        values = {name: data[name] for name in self.Meta.fields if name in self.fields}
        values["target_groups"] = list(data.get("target_groups") or [])
        return values


def _first_partner(access: Access) -> Partner | None:
    return Partner.objects.filter(pk__in=access.reach(Perm.MANAGE_PEOPLE).partner_ids).first()


class RegisterPersonForm(PersonForm):
    """Registration also asks for consents and, when duplicates are shown, a confirmation."""

    consents = forms.MultipleChoiceField(
        label=_("The person agrees to"),
        choices=_capitalised(ConsentPurpose.choices),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    different_person = forms.BooleanField(
        label=_("This is a different person"),
        required=False,
    )

    def __init__(self, *args: Any, duplicate_check: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not duplicate_check:
            del self.fields["different_person"]
        self.order_fields(
            [*(name for name in self.Meta.fields if name != "notes"), "consents", "notes"]
        )

    def service_values(self) -> dict[str, Any]:
        values = super().service_values()
        values["consents"] = list(self.cleaned_data.get("consents") or [])
        return values


class PersonFilterForm(NoRegisterNumbersMixin, Form):
    q = forms.CharField(
        label=_("Name or postcode"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        validators=[validate_free_text],
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"), queryset=TargetGroup.objects.none(), required=False
    )
    age_band = forms.ChoiceField(
        label=_("Age group"), choices=[("", _("All ages")), *AgeBand.choices], required=False
    )

    def __init__(self, *args: Any, access: Access, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = form_field(self, "target_group", forms.ModelChoiceField)
        field.queryset = target_groups_for(access).order_by("name")
        field.empty_label = _("All target groups")

    def value(self, name: str) -> Any:
        """The filter's value when it is valid, else nothing (the list stays unfiltered)."""
        if not self.is_valid() and name in self.errors:
            return None
        return self.cleaned_data.get(name)


class PersonSearchForm(NoRegisterNumbersMixin, Form):
    q = forms.CharField(
        label=_("Find another record by name or postcode"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        validators=[validate_free_text],
    )


class MergeForm(Form):
    confirm = forms.BooleanField(
        label=_("I checked that both records are about the same person"),
        error_messages={"required": _("Tick the box to confirm both records are the same person.")},
    )


class ConsentForm(Form):
    purpose = forms.ChoiceField(choices=ConsentPurpose.choices)


class TargetGroupForm(NoRegisterNumbersMixin, Form):
    name = forms.CharField(
        label=_("Name of the target group"),
        max_length=max_length(TargetGroup, "name"),
        validators=[validate_free_text],
    )

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()


class AuditFilterForm(Form):
    action = forms.ChoiceField(label=_("What"), required=False)
    object_type = forms.ChoiceField(label=_("Kind of record"), required=False)
    actor = forms.ModelChoiceField(label=_("Who"), queryset=User.objects.none(), required=False)

    def __init__(
        self,
        *args: Any,
        object_types: list[tuple[str, str]],
        actors: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "action", forms.ChoiceField).choices = [
            ("", _("All actions")),
            *AuditAction.choices,
        ]
        form_field(self, "object_type", forms.ChoiceField).choices = [
            ("", _("All kinds")),
            *object_types,
        ]
        actor = form_field(self, "actor", forms.ModelChoiceField)
        actor.queryset = actors
        actor.empty_label = _("Everyone")

    def value(self, name: str) -> Any:
        if not self.is_valid() and name in self.errors:
            return None
        return self.cleaned_data.get(name)
