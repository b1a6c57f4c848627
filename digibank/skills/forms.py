"""Forms of the skills pages: start and resume the check, link it to a person, and the region
admin's statements and local competences."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from digibank.core.codes import LENGTH, looks_like_a_code, normalise_code
from digibank.core.forms import Form, form_field
from digibank.organisations.models import Region
from digibank.skills.models import Area, Competence
from digibank.skills.models.checks import CHECK_LEVELS


class StartForm(Form):
    """Which region's check: asked only where several regions offer one."""

    region = forms.ModelChoiceField(
        label=_("Where do you live?"),
        queryset=Region.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose your region.")},
    )

    def __init__(self, *args: Any, regions: QuerySet[Region], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "region", forms.ModelChoiceField).queryset = regions


class CodeField(forms.CharField):
    """A reference code as people type it: any case, with spaces or a dash."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_length=20,
            widget=forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
            ),
            error_messages={
                "required": _("Enter your reference code."),
                "max_length": _("A reference code has %(length)d letters and numbers.")
                % {"length": LENGTH},
            },
            **kwargs,
        )

    def clean(self, value: Any) -> str:
        code = normalise_code(super().clean(value))
        if not looks_like_a_code(code):
            raise forms.ValidationError(
                _("A reference code has %(length)d letters and numbers, like ACDE-FHJK.")
                % {"length": LENGTH}
            )
        return code


class ResumeForm(Form):
    code = CodeField(
        label=_("Your reference code"),
        help_text=_("You got it when you started the skills check. For example: ACDE-FHJK."),
    )


class FindPersonForm(Form):
    q = forms.CharField(
        label=_("Name or postcode of the resident"),
        max_length=100,
        error_messages={"required": _("Enter a name or a postcode.")},
    )


class LinkForm(Form):
    code = CodeField(
        label=_("Reference code of the skills check"),
        help_text=_("The resident has it on their result page. For example: ACDE-FHJK."),
    )
    consent = forms.BooleanField(
        label=_("The resident agrees that this check is kept with their record"),
        required=False,
        help_text=_(
            "Explain that their answers are then kept with their name, to plan their learning, "
            "and that they can ask to remove them."
        ),
    )


def competences_for(region: Region) -> QuerySet[Competence]:
    """The framework's competences and the region's own, by area."""
    return (
        Competence.objects.filter(Q(region=None) | Q(region=region))
        .select_related("area")
        .order_by("area__position", "position", "code")
    )


class CompetenceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.name}"


class StatementForm(Form):
    text_nl = forms.CharField(label=_("Statement in Dutch"), max_length=240)
    text_fr = forms.CharField(label=_("Statement in French"), max_length=240)
    text_en = forms.CharField(label=_("Statement in English"), max_length=240)
    competence = CompetenceChoiceField(
        label=_("Competence"), queryset=Competence.objects.none(), empty_label=None
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        coerce=int,
        choices=[(n, str(n)) for n in range(CHECK_LEVELS[0], CHECK_LEVELS[1] + 1)],
        help_text=_("1 and 2: simple tasks (foundation); 3 and 4: routine and new tasks."),
    )

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        form_field(self, "competence", forms.ModelChoiceField).queryset = competences_for(region)


class LocalCompetenceForm(Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), empty_label=None)
    name_nl = forms.CharField(label=_("Name in Dutch"), max_length=160)
    name_fr = forms.CharField(label=_("Name in French"), max_length=160)
    name_en = forms.CharField(label=_("Name in English"), max_length=160)


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(Form):
    """The period of the progress figures: the people whose latest check falls in it."""

    start = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("To (included)"), widget=DATE_WIDGET)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the period must come after its start."))
        return cleaned


class CertificateForm(Form):
    code = CodeField(
        label=_("Your reference code"),
        help_text=_("You got it when you enrolled. For example: ACDE-FHJK."),
    )
