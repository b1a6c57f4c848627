"""Forms of the workshop: next state, storage, wipes, checklist, repairs and recycling."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, ModelForm, form_field
from digibank.devices import checklists, lifecycle
from digibank.devices.forms.common import capitalised, limit_number, text_inputs
from digibank.devices.models import (
    Device,
    DeviceKind,
    DeviceState,
    Grade,
    MediumKind,
    RepairBarrier,
    RepairOutcome,
    StorageMedium,
    WipeMethod,
    WipeResult,
)


class TransitionForm(Form):
    to = forms.ChoiceField(label=_("New state"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example why, or what you did."),
    )

    def __init__(self, *args: Any, device: Device, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        text_inputs(self)
        # Loans, gifts and returns are made on the lending pages, with their agreements.
        handled_elsewhere = {
            DeviceState.RESERVED,
            DeviceState.LOANED,
            DeviceState.GIFTED,
            DeviceState.RECYCLED,
        }
        targets = [
            state
            for state in DeviceState
            if state in lifecycle.targets_from(device.state) and state not in handled_elsewhere
        ]
        form_field(self, "to", forms.ChoiceField).choices = [
            (state.value, capfirst(state.label)) for state in targets
        ]


class MediumForm(ModelForm):
    class Meta:
        model = StorageMedium
        fields = ["kind", "capacity_gb", "serial"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        text_inputs(self)
        form_field(self, "kind", forms.ChoiceField).choices = capitalised(MediumKind.choices)
        limit_number(form_field(self, "capacity_gb", forms.IntegerField), 1_000_000)
        self.fields["capacity_gb"].widget.attrs.update(inputmode="numeric")


class WipeForm(Form):
    method = forms.ChoiceField(
        label=_("Method (NIST SP 800-88)"),
        choices=WipeMethod.choices,
        widget=forms.RadioSelect,
    )
    tool = forms.CharField(
        label=_("Tool and version"),
        max_length=120,
        help_text=_("For example: nwipe 0.35, Blancco Drive Eraser 7.9, hdparm secure erase."),
    )
    started_at = forms.DateTimeField(
        label=_("Started at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ended_at = forms.DateTimeField(
        label=_("Ended at"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    result = forms.ChoiceField(
        label=_("Verification result"), choices=WipeResult.choices, widget=forms.RadioSelect
    )
    verification_note = forms.CharField(
        label=_("How you verified"),
        required=False,
        max_length=300,
        help_text=_("For example: full read-back, 5% sample, the tool's report number."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        text_inputs(self)
        form_field(self, "method", forms.ChoiceField).choices = capitalised(WipeMethod.choices)
        form_field(self, "result", forms.ChoiceField).choices = capitalised(WipeResult.choices)
        for name in ("started_at", "ended_at"):
            self.fields[name].error_messages.update(
                required=_("Enter the date and time."), invalid=_("Enter a real date and time.")
            )
        if not self.is_bound:
            now = timezone.localtime().replace(second=0, microsecond=0)
            self.initial.setdefault("ended_at", now)
            self.initial.setdefault("started_at", now - datetime.timedelta(hours=1))


class ChecklistForm(Form):
    checked = forms.MultipleChoiceField(
        label=_("Done"), required=False, widget=forms.CheckboxSelectMultiple
    )
    battery_health = forms.IntegerField(
        label=_("Battery health measured (%)"),
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    grade = forms.ChoiceField(
        label=_("Grade"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Give the grade when every item is done."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, device: Device, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        text_inputs(self)
        form_field(self, "checked", forms.ChoiceField).choices = checklists.items_for(device.kind)
        form_field(self, "grade", forms.ChoiceField).choices = Grade.choices
        self.fields["battery_health"].error_messages["invalid"] = _("Enter a whole number.")
        if not device.carries_storage and device.kind not in {
            DeviceKind.TABLET,
            DeviceKind.SMARTPHONE,
        }:
            del self.fields["battery_health"]


class RepairStartForm(Form):
    fault = forms.CharField(
        label=_("What is wrong?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe the fault.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        text_inputs(self)


class RepairFinishForm(Form):
    outcome = forms.ChoiceField(label=_("Outcome"), widget=forms.RadioSelect)
    barriers = forms.MultipleChoiceField(
        label=_("What made the repair hard or impossible?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    parts = forms.CharField(label=_("Parts used"), required=False, max_length=300)
    minutes = forms.IntegerField(
        label=_("Time spent (minutes)"),
        min_value=0,
        max_value=60 * 24 * 14,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        text_inputs(self)
        form_field(self, "outcome", forms.ChoiceField).choices = capitalised(RepairOutcome.choices)
        form_field(self, "barriers", forms.ChoiceField).choices = capitalised(RepairBarrier.choices)
        self.fields["minutes"].error_messages.update(
            invalid=_("Enter a whole number."), required=_("Enter the time you spent.")
        )


class RecycleForm(Form):
    recycler = forms.CharField(
        label=_("Recycler"),
        max_length=150,
        help_text=_("The certified recycler or collection point, for example Recupel."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        text_inputs(self)
