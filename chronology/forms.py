from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.db.models import QuerySet

from chronology.models import Feed, LinkReview, Sensitivity, SourceRecord
from chronology.review_queue import AGES, REASONS
from chronology.services.imports import upload_too_large
from portal.date_input import DayMonthYearField
from portal.form_text import NamesTheField, carried_as_now, given
from schools.models import Person

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
SEEN_FORMAT = "%Y-%m-%dT%H:%M:%S.%f%z"


class FeedRegisterForm(NamesTheField, forms.ModelForm):
    error_words = {
        "cadence_days": "how many days apart the feed's files are expected",
        "retention_months": "the retention period in months",
    }

    class Meta:
        model = Feed
        fields = REGISTER_FIELDS
        help_texts = {
            "lawful_basis": "The law that allows the portal to hold this data. Without it (and a "
            "data-sharing agreement and DPIA reference) the feed cannot be imported.",
            "default_sensitivity": "Who sees the feed's events in detail (education, partner or restricted).",
            "retention_months": "Counted from each record's event date. Shortening it removes, in "
            "that night's retention run, the feed's records older than the new period that no legal "
            "hold covers.",
        }

    seen = forms.DateTimeField(widget=forms.HiddenInput, input_formats=[SEEN_FORMAT])
    """When the entry shown was last saved: a colleague's save since is not overwritten."""

    def clean(self) -> dict:
        data = super().clean()
        carried_as_now(self, "seen")
        return data

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        # The model field's select offered a blank "---------" that is always refused;
        # three tiers read best as radios, as the layout below always meant.
        self.fields["default_sensitivity"].widget = forms.RadioSelect(choices=Sensitivity.choices)
        self.fields["default_sensitivity"].choices = Sensitivity.choices
        if self.instance.updated_at:
            self.initial["seen"] = self.instance.updated_at.strftime(SEEN_FORMAT)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("seen"),
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


class UploadForm(NamesTheField, forms.Form):
    file = forms.FileField(
        label="Feed file (CSV)",
        help_text="A CSV file saved as UTF-8, with a header row naming the columns above.",
        error_messages={"required": "Choose the CSV file to upload"},
    )

    def clean_file(self) -> object:
        """Larger files are refused before anything is stored (FEED_UPLOAD_MAX_MB)."""
        file = self.cleaned_data["file"]
        if refusal := upload_too_large(file.size):
            raise forms.ValidationError(refusal)
        return file

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field("file"), Button("submit", "Upload and import"))


class DecisionForm(NamesTheField, forms.Form):
    error_words = {"action": "your decision", "note": "the reason for your decision"}
    action = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[
            (LinkReview.Status.LINKED, "Link the row to the person chosen above"),
            (LinkReview.Status.NEW_PERSON, "It is someone new: create a person from the row"),
            (LinkReview.Status.REJECTED, "Reject the row (it cannot be matched safely)"),
        ],
    )
    person = forms.IntegerField(label="Person", required=False, min_value=1)
    note = forms.CharField(label="Reason for your decision", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, linkable: QuerySet[Person], **kwargs: object) -> None:
        """`linkable`: whom the row may be linked to, a possible match or anyone the data
        officer found with "Find another person"."""
        super().__init__(*args, **kwargs)
        self.linkable = linkable

    def clean_person(self) -> Person | None:
        person_id = self.cleaned_data["person"]
        if person_id is None:
            return None
        person = self.linkable.filter(pk=person_id).first()
        if person is None:
            raise forms.ValidationError("That person cannot be found: search for them again.")
        return person

    def clean(self) -> dict:
        data = super().clean()
        if data.get("action") == LinkReview.Status.LINKED and not given(self, "person"):
            self.add_error("person", "Choose the person to link the row to.")
        return data


class SplitForm(NamesTheField, forms.Form):
    records = forms.TypedMultipleChoiceField(
        label="Rows that belong to someone else", coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, records: list[SourceRecord], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["records"].choices = [(r.pk, str(r.pk)) for r in records]
        self.fields["records"].error_messages["required"] = "Choose at least one row to split off."


class FindPersonForm(NamesTheField, forms.Form):
    identifier = forms.CharField(label="UPN, NHS number or local person id", max_length=64)


class FindAnotherPersonForm(NamesTheField, forms.Form):
    """The review page's search for someone the import did not propose. Sent by POST
    within the decision form (its "Find" button), so that what the data officer has typed
    is kept and nothing of it, nor the names searched for, is put in an address."""

    identifier = forms.CharField(label="UPN, NHS number or local person id", max_length=64, required=False)
    forename = forms.CharField(label="Forename", max_length=100, required=False)
    surname = forms.CharField(label="Surname", max_length=100, required=False)
    date_of_birth = DayMonthYearField(label="Date of birth", required=False, example="14 9 2011")

    def clean(self) -> dict:
        data = super().clean()
        by_name = ("forename", "surname", "date_of_birth")
        # A field refused for its own sake (a date of birth typed in part) was typed: asking
        # for the set it belongs to as well would tell the officer to do what they just did.
        refused = any(name in self.errors for name in ("identifier", *by_name))
        if not refused and not given(self, "identifier") and not all(given(self, n) for n in by_name):
            raise forms.ValidationError(
                "Enter a UPN, NHS number or local person id, or a forename, surname and date of birth."
            )
        return data


class QueueFilterForm(NamesTheField, forms.Form):
    """The review queue's filters (GET); an unknown value is simply not applied."""

    error_words = {"reason": "why the rows wait", "age": "how long the rows have waited"}
    feed = forms.ChoiceField(label="Feed", required=False, choices=[("", "All feeds"), *Feed.Code.choices])
    reason = forms.ChoiceField(label="Why it waits", required=False)
    age = forms.ChoiceField(label="Waiting", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [
            ("", "Any reason"),
            *((k, label) for k, (label, _) in REASONS.items()),
        ]
        self.fields["age"].choices = [("", "Any time"), *((k, label) for k, (label, _) in AGES.items())]

    @property
    def filters(self) -> dict[str, str]:
        return {k: v for k, v in self.cleaned_data.items() if v} if self.is_valid() else {}


class RunsFilterForm(NamesTheField, forms.Form):
    """The list of imports' filter (GET); an unknown feed is simply not applied."""

    feed = forms.ChoiceField(label="Feed", required=False, choices=[("", "All feeds"), *Feed.Code.choices])

    @property
    def feed_code(self) -> str:
        return self.cleaned_data["feed"] if self.is_valid() else ""
