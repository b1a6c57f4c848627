"""The dashboard's filters: period, municipality and hub (a GET form; bad values fall back)."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form
from digibank.insights import period
from digibank.organisations.models import Hub, Municipality


class FilterForm(Form):
    period = forms.ChoiceField(label=_("Period"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("All municipalities"),
    )
    hub = forms.ModelChoiceField(
        label=_("Hub"), queryset=Hub.objects.none(), required=False, empty_label=_("All hubs")
    )

    def __init__(
        self, data: object, *, municipalities: QuerySet[Municipality], hubs: QuerySet[Hub]
    ) -> None:
        super().__init__(data)
        self.fields["period"].choices = period.choices()  # type: ignore[attr-defined]
        self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]
        self.fields["hub"].queryset = hubs  # type: ignore[attr-defined]
        self.fields["hub"].label_from_instance = lambda hub: hub.name  # type: ignore[attr-defined]
        self.fields["municipality"].label_from_instance = (  # type: ignore[attr-defined]
            lambda municipality: municipality.name_nl
        )

    def choice(self, name: str) -> object:
        """The cleaned value, or nothing when the form (or that field) is not valid."""
        self.is_valid()  # cleans every field: the valid ones keep their value
        return self.cleaned_data.get(name)
