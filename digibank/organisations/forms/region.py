"""Forms of the region pages: a digibank and the municipalities it serves, their search."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, ModelForm, PhoneField
from digibank.organisations.forms.common import text_field, website_field
from digibank.organisations.models import Digibank, Municipality


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
        # Django's own message speaks of a "slug": no word for the people who read it.
        error_messages={
            "invalid": _("Use only small letters, numbers and hyphens, for example digibank-gent.")
        },
    )
    phone = PhoneField(label=_("Phone number"))
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
    q = text_field(_("Name or postcode"), 100)
