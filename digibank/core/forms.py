"""Form rendering after the GOV.UK pattern: label, hint, error message, then the input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class AccessibleFormMixin:
    """Links each invalid input to its error message so screen readers announce it."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            field = self.fields.get(name)  # type: ignore[attr-defined]
            if field is None:
                continue
            bound = self[name]  # type: ignore[index]
            ids = field.widget.attrs.get("aria-describedby", "").split()
            if field.help_text and f"{bound.auto_id}_helptext" not in ids:
                ids.append(f"{bound.auto_id}_helptext")
            if f"{bound.auto_id}_error" not in ids:
                ids.append(f"{bound.auto_id}_error")
            field.widget.attrs["aria-describedby"] = " ".join(ids)


class Form(AccessibleFormMixin, forms.Form):
    pass


class ModelForm(AccessibleFormMixin, forms.ModelForm):
    pass


def strip_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    """The log-in form, with the username's length checked next to the field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = self.fields["username"].max_length or 150
        self.fields["username"].validators.append(MaxLengthValidator(limit))
