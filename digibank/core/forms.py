"""Form rendering after the GOV.UK pattern: label, hint, error message, then the input."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext as _

from digibank.core import login_limits
from digibank.core.phones import normalise_phone, phone_text


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


_DJANGO_REQUIRED = forms.Field.default_error_messages["required"]


def required_message(field: forms.Field, name: str) -> str:
    """ "Fill in ‘Postcode’." rather than "This field is required.": the error summary lists every
    problem at the top of the page, so each line must say which field it is about."""
    label = str(field.label or name.replace("_", " ").capitalize()).rstrip(" .:")
    widget = field.widget
    if isinstance(field, forms.FileField):
        return _("Choose a file for “%(label)s”.") % {"label": label}
    if isinstance(widget, forms.CheckboxInput):
        return _("Tick “%(label)s” to go on.") % {"label": label}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return _("Choose an answer for “%(label)s”.") % {"label": label}
    return _("Fill in “%(label)s”.") % {"label": label}


def localize_numbers(field: forms.Field) -> None:
    """Let a decimal number be typed as people write it: "15,6" in Dutch and French.

    Django reads the locale's decimal separator only for a localized field, and a browser's
    number input refuses a comma whatever the page's language, so it becomes a text input that
    asks phones for their decimal keyboard.
    """
    if not isinstance(field, forms.DecimalField | forms.FloatField):
        return
    field.localize = True
    if isinstance(field.widget, forms.NumberInput):
        attrs = {
            key: value
            for key, value in field.widget.attrs.items()
            if key not in {"step", "min", "max"}
        }
        field.widget = forms.TextInput(attrs=attrs)
    field.widget.is_localized = True
    field.widget.attrs.setdefault("inputmode", "decimal")


def not_marked_optional(form: forms.BaseForm, *names: str) -> None:
    """Leave "(optional)" off fields that are needed in some cases (one of two ways to reach
    someone, a street for a pick-up): a field marked optional must really be optional. Their
    hint says when they are needed."""
    for name in names:
        form.fields[name].hide_optional = True  # type: ignore[attr-defined]


class AccessibleFormMixin(FormMixinBase):
    """Links each invalid input to its error message so screen readers announce it, names the
    field in each "required" message, and reads decimal numbers with a comma."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.error_messages.get("required") is _DJANGO_REQUIRED:
                field.error_messages["required"] = required_message(field, name)
            localize_numbers(field)

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


class TelInput(forms.TextInput):
    input_type = "tel"


class PhoneField(forms.CharField):
    """A phone number however it is typed ("0470/12.34.56", "+32 470 12 34 56"), cleaned to
    E.164; a stored number is shown as people write it (see `digibank.core.phones`)."""

    widget = TelInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith("+"):
            return phone_text(value) or value
        return value

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        return normalise_phone(text) if text else ""


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
