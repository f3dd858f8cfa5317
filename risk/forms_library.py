"""The indicator form: an indicator's wording and weight, composed with its rules
(risk/forms_rules.py), and every check the page can make before saving, made at once."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.forms import BaseFormSet

from portal.form_text import RESEND, NamesTheField, carried_as_now, counted_textarea, send_again_with
from risk.forms_rules import rules_from
from risk.models import IndicatorVersion
from risk.rules.params import clean_rules
from risk.selectors import indicator_code_taken
from risk.services.library import CHANGE_NOTE_REQUIRED, code_in_use, refusal, stale_version
from risk.services.version_changes import VERSION_FIELDS, what_changed


class IndicatorForm(NamesTheField, forms.Form):
    error_words = {"stronger_at": "how many pieces of evidence make the flag stronger"}
    code = forms.RegexField(
        regex=r"^[a-z][a-z0-9_]{1,15}$",
        help_text=(
            "Lower-case letters, digits and _, 2 to 16 characters, starting with a letter. "
            "It never changes once created."
        ),
        error_messages={"invalid": "Use 2 to 16 lower-case letters, digits and _, starting with a letter."},
    )
    name = forms.CharField(max_length=200, error_messages={"required": "Enter a name"})
    description = forms.CharField(
        widget=forms.Textarea,
        max_length=2000,
        help_text="Plain English: shown to everyone who sees a flag.",
        error_messages={"required": "Enter a description"},
    )
    description_still_holds = forms.BooleanField(
        required=False,
        label="The description still holds",
        help_text=(
            "Only for a change to the rules: tick if the description is still true of them (it "
            "gives no number you changed, for example). Users read the description, not the rules."
        ),
    )
    weight = forms.IntegerField(min_value=0, max_value=10, help_text="How much it counts towards the tier.")
    stronger_at = forms.IntegerField(
        required=False,
        min_value=2,
        max_value=100,
        label="Stronger from (optional)",
        help_text="With this many pieces of evidence or more the flag is marked stronger and counts double.",
    )
    needs_review = forms.BooleanField(
        required=False,
        label="Flags need a taskforce officer's review before schools see them",
        help_text="Turned on for a new indicator whose rules can rest on restricted records.",
    )
    change_note = forms.CharField(
        required=False,
        max_length=500,
        label="What changed and why",
        help_text="Kept with the new version, for anyone asking later why its flags changed.",
    )
    """Not required as a field: an edit that changes nothing is told so, not asked why."""
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    """The version the form was opened on: a colleague's version saved since is not overwritten."""

    def __init__(self, *args: object, editing: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]
        else:
            del self.fields["change_note"], self.fields["based_on"], self.fields["description_still_holds"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        names = (
            "code",
            "name",
            "description",
            "description_still_holds",
            "weight",
            "stronger_at",
            "needs_review",
            "change_note",
            "based_on",
        )
        narrow = {"code": 10, "weight": 2, "stronger_at": 3}
        self.helper.layout = Layout(*[self._layout(n, narrow) for n in names if n in self.fields])

    def _layout(self, name: str, narrow: dict[str, int]) -> Field:
        if name in narrow:
            return Field.text(name, field_width=narrow[name])
        return counted_textarea(self, name) if name == "description" else Field(name)

    def clean(self) -> dict:
        data = super().clean()
        if "based_on" in self.fields:
            carried_as_now(self, "based_on")
        return data

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if indicator_code_taken(code):
            raise forms.ValidationError(code_in_use(code))
        return code


def checked(form: IndicatorForm, formset: BaseFormSet, latest: IndicatorVersion | None) -> list[dict] | None:
    """The rules, when the indicator and its rules (and, for an edit of `latest`, what
    the edit changes) may be saved; else None, with every error the page can know added
    to the form and the rules at once, so none waits for another's fix. An edit that
    changes nothing says so rather than asking what changed and why."""
    rules = rules_from(formset)
    form.is_valid()
    if latest is not None:
        _check_the_edit(form, latest, rules)
    return rules if form.is_valid() else None


def _check_the_edit(form: IndicatorForm, latest: IndicatorVersion, rules: list[dict] | None) -> None:
    """`rules` None: the rules have errors, so they differ from the latest version's (which
    has none), as does any field the form refused."""
    data = form.cleaned_data
    known = {name: data[name] for name in VERSION_FIELDS if name in data}
    if rules is not None:
        known["rules"] = clean_rules(rules)
    changed = what_changed(latest, **known) | (VERSION_FIELDS - known.keys())
    stale = stale_version(latest.indicator.code, latest, data.get("based_on"))
    if stale:
        send_again_with(form, based_on=stale.latest)
        form.add_error(None, f"{stale.message} {RESEND}")
    refused = refusal(changed, description_still_holds=data.get("description_still_holds", False))
    if refused:
        form.add_error(None, refused)
    if changed and "change_note" in data and not data["change_note"]:
        form.add_error("change_note", CHANGE_NOTE_REQUIRED)
