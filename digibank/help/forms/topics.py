"""The form of a help topic, for the region admin (the region's list) and the coordinator (the
digibank's local topics)."""

from __future__ import annotations

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from digibank.core.fields import max_length
from digibank.core.forms import Form
from digibank.help.models import HelpTopic
from digibank.help.services.topics import TopicFields


class TopicForm(Form):
    name_nl = forms.CharField(label=_("Name in Dutch"), max_length=max_length(HelpTopic, "name_nl"))
    name_fr = forms.CharField(
        label=_("Name in French"), max_length=max_length(HelpTopic, "name_fr")
    )
    name_en = forms.CharField(
        label=_("Name in English"), max_length=max_length(HelpTopic, "name_en"), required=False
    )
    official_service = forms.CharField(
        label=_("Official service"),
        max_length=max_length(HelpTopic, "official_service"),
        required=False,
        help_text=_("For example: MyMinfin, Tax-on-web (FOD Financiën)."),
    )
    typical_questions = forms.CharField(
        label=_("Typical questions"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One question per line."),
    )
    referral = forms.CharField(
        label=_("Where to refer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    active = forms.BooleanField(label=_("Offer this topic"), required=False, initial=True)

    @classmethod
    def for_topic(cls, topic: HelpTopic, data: QueryDict | None = None) -> TopicForm:
        initial = {
            name: getattr(topic, name)
            for name in ("name_nl", "name_fr", "name_en", "official_service", "referral", "active")
        }
        initial["typical_questions"] = "\n".join(topic.typical_questions)
        return cls(data, initial=initial)

    def fields_given(self) -> TopicFields:
        data = self.cleaned_data
        return TopicFields(
            name_nl=data["name_nl"],
            name_fr=data["name_fr"],
            name_en=data["name_en"],
            official_service=data["official_service"],
            referral=data["referral"],
            typical_questions=data["typical_questions"].splitlines(),
            active=data["active"],
        )
