"""Form rendering after the GOV.UK pattern: label, hint, error message, then the input."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting

from digibank.core import login_limits


class FormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


F = TypeVar("F", bound=forms.Field)

# A mixin for forms: the type checker sees it as a form, Python sees a plain class so that the
# method order of `class Form(AccessibleFormMixin, forms.Form)` stays as it is.
if TYPE_CHECKING:

    class FormMixinBase(forms.BaseForm):
        def _post_clean(self) -> None:
            """Django's hook after `clean()` (ModelForm validates the instance there); the stubs
            leave this private method out."""

else:
    FormMixinBase = object


def form_field(form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's field `name` as the kind of field it is, to set its choices or queryset.

    `form.fields` only knows plain `Field`s; a field of another kind is a programming error.
    """
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


class AccessibleFormMixin(FormMixinBase):
    """Links each invalid input to its error message so screen readers announce it."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            field = self.fields.get(name)
            if field is None:
                continue
            bound = self[name]
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
        limit = form_field(self, "username", forms.CharField).max_length or 150
        self.fields["username"].validators.append(MaxLengthValidator(limit))

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except forms.ValidationError:
            if self.request is not None and getattr(self.request, "axes_locked_out", False):
                # Refused by the log-in limits (even with the right password): say until when.
                until = login_limits.locked_until(self.request, self.cleaned_data)
                raise forms.ValidationError(
                    login_limits.wait_message(until), code="locked_out"
                ) from None
            raise
