"""The forms of the helpers' guides: writing one (region admin or coordinator), handing it over
to a new owner and finding one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from digibank.core.forms import Form, form_field
from digibank.core.models import User
from digibank.help.models import Guide, GuideLanguage, HelpTopic
from digibank.help.services.guides import NOTE_AT_MOST, TEXT_AT_MOST, TITLE_AT_MOST, GuideFields


class TopicChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class GuideForm(Form):
    topic = TopicChoice(label=_("Help topic"), queryset=HelpTopic.objects.none())
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_AT_MOST,
        help_text=_("Plain words a helper would search for, e.g. 'itsme on a new phone'."),
    )
    body = forms.CharField(
        label=_("Steps for helpers"),
        max_length=TEXT_AT_MOST,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "One step per line. Helpers explain and show; they never type codes for someone."
        ),
    )
    handout = forms.CharField(
        label=_("Hand-out for residents"),
        max_length=TEXT_AT_MOST,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Short sentences, everyday words (level B1). This is printed for the resident."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the guide"), choices=GuideLanguage.choices)
    note = forms.CharField(
        label=_("What changed"),
        max_length=NOTE_AT_MOST,
        help_text=_("A few words for the history, e.g. 'new screens in the itsme app'."),
    )

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        topics: QuerySet[HelpTopic],
        guide: Guide | None = None,
    ) -> None:
        initial: dict[str, Any] = {"language": GuideLanguage.NL}
        if guide is not None:
            initial.update(
                topic=guide.topic_id,
                title=guide.title,
                body=guide.body,
                handout=guide.handout,
                language=guide.language,
            )
        super().__init__(data, initial=initial)
        form_field(self, "topic", TopicChoice).queryset = topics
        if guide is None:
            # The first version's note is "First version."; nothing to say yet.
            del self.fields["note"]

    def fields_given(self) -> GuideFields:
        data = self.cleaned_data
        return GuideFields(
            topic=data["topic"],
            title=data["title"],
            body=data["body"],
            handout=data["handout"],
            language=data["language"],
            note=data.get("note", ""),
        )


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class GuideOwnerForm(Form):
    """One question: who looks after the guide from now on. Only the people who can look after it
    are offered; any other id sent is refused next to the field, like a choice not made."""

    owner = PersonChoice(
        label=_("Who looks after this guide from now on?"),
        queryset=User.objects.none(),
        empty_label=_("Choose someone"),
        help_text=_(
            "They keep the guide correct and check it when it gets old. Only the people who can "
            "check or change this guide are listed."
        ),
        error_messages={"invalid_choice": _("Choose one of the people listed.")},
    )

    def __init__(self, data: QueryDict | None = None, *, people: QuerySet[User]) -> None:
        super().__init__(data)
        form_field(self, "owner", PersonChoice).queryset = people


class GuideSearchForm(Form):
    q = forms.CharField(
        label=_("Search the guides"),
        required=False,
        max_length=200,
        help_text=_("Words from the title, the steps or the hand-out, e.g. 'itsme new phone'."),
    )
    topic = forms.TypedChoiceField(label=_("Topic"), required=False, coerce=int, empty_value=None)
    stale = forms.BooleanField(label=_("Only guides not checked for a long time"), required=False)
    unowned = forms.BooleanField(label=_("Only guides with no owner"), required=False)

    def __init__(self, data: QueryDict, *, topics: QuerySet[HelpTopic]) -> None:
        super().__init__(data)
        form_field(self, "topic", forms.TypedChoiceField).choices = [
            ("", _("All topics")),
            *((topic.pk, topic.name) for topic in topics),
        ]

    def query(self) -> str:
        return str(self.cleaned_data.get("q") or "") if self.is_valid() else ""

    def topic_id(self) -> int | None:
        return self.cleaned_data.get("topic") if self.is_valid() else None

    def only_stale(self) -> bool:
        return bool(self.cleaned_data.get("stale")) if self.is_valid() else False

    def only_unowned(self) -> bool:
        return bool(self.cleaned_data.get("unowned")) if self.is_valid() else False
