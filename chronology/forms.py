from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms

from chronology.models import Feed, LinkReview, SourceRecord

REGISTER_FIELDS = (
    "owner_agency",
    "purpose",
    "lawful_basis",
    "dsa_reference",
    "dpia_reference",
    "cadence_days",
    "retention_months",
    "default_sensitivity",
)


class FeedRegisterForm(forms.ModelForm):
    class Meta:
        model = Feed
        fields = REGISTER_FIELDS
        help_texts = {
            "lawful_basis": "The law that allows the portal to hold this data. Without it (and a "
            "data-sharing agreement and DPIA reference) the feed cannot be imported.",
            "default_sensitivity": "Who sees the feed's events in detail (education, partner or restricted).",
        }

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("owner_agency"),
            Field.textarea("purpose", rows=3),
            Field.textarea("lawful_basis", rows=3),
            Field.text("dsa_reference", field_width=20),
            Field.text("dpia_reference", field_width=20),
            Field.text("cadence_days", field_width=4),
            Field.text("retention_months", field_width=4),
            Field.radios("default_sensitivity"),
            Button("submit", "Save register entry"),
        )


class UploadForm(forms.Form):
    file = forms.FileField(label="Feed file (CSV)", help_text="UTF-8 CSV in the format of FEEDS.md.")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("file"), Button("submit", "Upload and import"))


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[
            (LinkReview.Status.LINKED, "Link the row to the person chosen below"),
            (LinkReview.Status.NEW_PERSON, "It is someone new: create a person from the row"),
            (LinkReview.Status.REJECTED, "Reject the row (it cannot be matched safely)"),
        ],
    )
    person = forms.TypedChoiceField(label="Person", coerce=int, required=False, widget=forms.RadioSelect)
    note = forms.CharField(label="Reason for your decision", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, candidates: list[int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(pid, f"Person {pid}") for pid in candidates]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("action") == LinkReview.Status.LINKED and not data.get("person"):
            self.add_error("person", "Choose the person to link the row to.")
        return data


class SplitForm(forms.Form):
    records = forms.TypedMultipleChoiceField(
        label="Rows that belong to someone else", coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, records: list[SourceRecord], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["records"].choices = [(r.pk, str(r.pk)) for r in records]
        self.fields["records"].error_messages["required"] = "Choose at least one row to split off."


class FindPersonForm(forms.Form):
    identifier = forms.CharField(label="UPN, NHS number or local person id", max_length=64)
