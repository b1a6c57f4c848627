"""The yearly report's choice: a year (the region also chooses one of its digibanks). A GET
form, so the download is one click without JavaScript; no year means the last full year."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digibank.core.forms import Form, form_field, not_marked_optional
from digibank.insights.report.data import report_years
from digibank.organisations.models import Digibank


class ReportForm(Form):
    digibank = forms.ModelChoiceField(
        label=gettext_lazy("Digibank"), queryset=Digibank.objects.none()
    )
    year = forms.ChoiceField(label=gettext_lazy("Year"), required=False)

    def __init__(
        self,
        data: object,
        *,
        digibanks: QuerySet[Digibank] | None = None,
        today: datetime.date | None = None,
    ) -> None:
        # Its own ids: the figures page holds the filter form too.
        super().__init__(data, auto_id="report-%s")
        years = report_years(today)
        year = form_field(self, "year", forms.ChoiceField)
        year.choices = [
            (str(y), _("%(year)d (so far)") % {"year": y} if n == len(years) - 1 else str(y))
            for n, y in enumerate(years)
        ]
        year.error_messages["invalid_choice"] = _("Choose a year from %(first)d to %(last)d.") % {
            "first": min(years),
            "last": max(years),
        }
        year.initial = str(years[0])
        not_marked_optional(self, "year")  # a choice is always made: no year is the last one
        self.default_year = years[0]
        if digibanks is None:
            del self.fields["digibank"]
        else:
            bank = form_field(self, "digibank", forms.ModelChoiceField)
            bank.queryset = digibanks
            bank.empty_label = None
            bank.label_from_instance = lambda digibank: digibank.name  # type: ignore[assignment]
            bank.error_messages["invalid_choice"] = _("Choose a digibank of the region.")

    def chosen_year(self) -> int:
        """The valid form's year, or the last full year when none was given."""
        return int(self.cleaned_data.get("year") or self.default_year)
