from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form
from digibank.messaging.models import MessageKind, MessageStatus


class MessageFilterForm(Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *MessageStatus.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind of message"),
        required=False,
        choices=[("", _("All kinds")), *MessageKind.choices],
    )

    def value(self, name: str) -> Any:
        """The filter's value when it is valid, else nothing (the list stays unfiltered)."""
        if not self.is_valid() and name in self.errors:
            return ""
        return self.cleaned_data.get(name) or ""
