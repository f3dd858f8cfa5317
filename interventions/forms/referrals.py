"""Referral and triage forms. Each checks only its fields' shape; the services decide
whether the change is allowed and say why not."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fieldset, Layout, Size
from django import forms

from interventions.models import ConsentBasis, Urgency
from interventions.services.referrals import ReferralDetails
from portal.form_text import NamesTheField, carried_as_now, counted_textarea, given

LONG = 10_000


def _helper(*fields: object) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*fields)
    return helper


class ReferralForm(NamesTheField, forms.Form):
    error_words = {
        "trigger_points": "the trigger points it concerns",
        "urgency": "how urgent the referral is",
        "consent_given_by": "who gave consent",
        "referrer_contact": "how the taskforce can contact you",
    }
    reason = forms.CharField(
        label="Why are you referring this young person?",
        help_text="What you have seen or been told, and what you hope the taskforce can do.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=LONG,
        error_messages={"required": "Enter why you are referring this young person"},
    )
    trigger_points = forms.MultipleChoiceField(
        label="Which trigger points does it concern?",
        help_text=(
            "Pre-selected from the young person's current trigger points. Untick any it does not concern."
        ),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    young_person_knows = forms.CharField(
        label="What does the young person know about this referral?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG,
        required=False,
    )
    family_knows = forms.CharField(
        label="What does the family know?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG,
        required=False,
    )
    consent_basis = forms.ChoiceField(
        label="Consent or legal basis",
        choices=ConsentBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the consent or legal basis you rely on"},
    )
    consent_given_by = forms.CharField(
        label="If consent was given: who gave it?",
        help_text="For example, the young person and their mother.",
        max_length=200,
        required=False,
    )
    consent_explanation = forms.CharField(
        label="If consent was not sought, or you rely on another basis: why?",
        help_text="Say why seeking consent would put the child at risk, or which basis you rely on and why.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG,
        required=False,
    )
    urgency = forms.ChoiceField(
        label="How urgent is it?",
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how urgent the referral is"},
    )
    referrer_contact = forms.CharField(
        label="How can the taskforce contact you?",
        help_text="A phone number or email address, and when you are available.",
        max_length=200,
        error_messages={"required": "Enter how the taskforce can contact you"},
    )

    def __init__(self, *args: object, trigger_choices: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trigger_points"].choices = [(t, t) for t in trigger_choices]
        if not trigger_choices:
            self.fields[
                "trigger_points"
            ].help_text = "No current trigger points are recorded for this young person."
        self.helper = _helper(
            counted_textarea(self, "reason"),
            Field.checkboxes("trigger_points", legend_size=Size.SMALL),
            counted_textarea(self, "young_person_knows"),
            counted_textarea(self, "family_knows"),
            Fieldset(
                Field.radios("consent_basis", legend_size=Size.SMALL),
                Field.text("consent_given_by"),
                counted_textarea(self, "consent_explanation"),
                legend="Consent",
                legend_size=Size.MEDIUM,
            ),
            Field.radios("urgency", legend_size=Size.SMALL),
            Field.text("referrer_contact"),
        )

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors:
            for name, message in self.details().check().items():
                self.add_error(name if name in self.fields else None, message)
        return data

    def details(self) -> ReferralDetails:
        data = self.cleaned_data
        return ReferralDetails(
            reason=data.get("reason", ""),
            consent_basis=data.get("consent_basis", ""),
            referrer_contact=data.get("referrer_contact", ""),
            urgency=data.get("urgency", Urgency.ROUTINE),
            trigger_points=list(data.get("trigger_points", [])),
            young_person_knows=data.get("young_person_knows", ""),
            family_knows=data.get("family_knows", ""),
            consent_given_by=data.get("consent_given_by", ""),
            consent_explanation=data.get("consent_explanation", ""),
        )


class VersionForm(NamesTheField, forms.Form):
    """The version of the record the page showed, for optimistic locking."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)

    def clean(self) -> dict:
        data = super().clean()
        carried_as_now(self, "version")
        return data


class AddInformationForm(NamesTheField, forms.Form):
    note = forms.CharField(
        label="Information to add",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=LONG,
        error_messages={"required": "Enter the information to add"},
    )

    def __init__(self, *args: object, label: str | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["note"].label = label
        self.helper = _helper(counted_textarea(self, "note"), Button("submit", "Add to the referral"))


class TriageForm(VersionForm):
    class Decision:
        ACCEPT = "accept"
        DECLINE = "decline"
        ASK = "ask"

    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[
            (Decision.ACCEPT, "Accept the referral"),
            (Decision.DECLINE, "Decline it, with a reason"),
            (Decision.ASK, "Ask the referrer for more information"),
        ],
        error_messages={"required": "Choose your decision"},
    )
    note = forms.CharField(
        label="Reason, or your question for the referrer",
        help_text="Required to decline or to ask; the referrer and their school's safeguarding lead see it.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LONG,
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            Field("version"),
            Field.radios("decision", legend_size=Size.MEDIUM),
            counted_textarea(self, "note"),
            Button("submit", "Record the decision"),
        )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("decision") == self.Decision.DECLINE and not given(self, "note"):
            self.add_error("note", "Enter why the referral is declined")
        if data.get("decision") == self.Decision.ASK and not given(self, "note"):
            self.add_error("note", "Enter what you need to know")
        return data
