from datetime import date

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.utils import timezone

from chronology.models import Feed
from chronology.selectors import people_with_identifier
from portal.date_input import DayMonthYearField, date_field
from portal.form_text import NamesTheField, counted_textarea, given
from schools.models import Family

COVERED_BY = {"person": "identifier", "family": "family_id", "feed": "feed"}
"""The field that names what a hold covers, for each choice of `covers`."""


class LegalHoldForm(NamesTheField, forms.Form):
    error_words = {"ends_on": "the end date"}
    """As the access log's periods name theirs: "The end date must be a real date"."""
    covers = forms.ChoiceField(
        label="What the hold covers",
        choices=[("person", "A young person"), ("family", "A family"), ("feed", "A whole feed")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the hold covers"},
    )
    identifier = forms.CharField(
        label="The young person's UPN, NHS number or local person id",
        required=False,
        max_length=64,
        help_text=(
            "A UPN may be current or former; a young person out of school may have only an NHS number "
            "or a local person id. The access log's search for a young person finds them."
        ),
    )
    family_id = forms.CharField(label="Family id", required=False, max_length=64)
    feed = forms.ModelChoiceField(
        label="Feed", queryset=Feed.objects.order_by("name"), required=False, empty_label="Choose a feed"
    )
    reason = forms.CharField(
        label="Reason",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a claim or an inquiry.",
        error_messages={"required": "Enter the reason for the hold"},
    )
    ends_on = DayMonthYearField(
        label="End date",
        help_text="The last day the hold applies.",
        example="31 12 2027",
        error_messages={"required": "Enter the end date"},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("covers"),
            Field.text("identifier", field_width=20),
            Field.text("family_id", field_width=20),
            Field("feed"),
            counted_textarea(self, "reason"),
            date_field("ends_on"),
            Button("submit", "Set the legal hold"),
        )

    def clean_ends_on(self) -> date:
        ends_on = self.cleaned_data["ends_on"]
        if ends_on < timezone.localdate():
            raise forms.ValidationError("The end date must be today or later.")
        return ends_on

    def clean(self) -> dict:
        data = super().clean()
        covers = data.get("covers")
        if COVERED_BY.get(covers) in self.errors:
            # Refused for its own sake ("… in 64 characters or fewer"): looked up as well, it
            # would be told that nobody has it, or to choose what was just chosen.
            return data
        if covers == "person":
            people = people_with_identifier(identifier=data.get("identifier", ""))
            if not people:
                self.add_error(
                    "identifier",
                    "No young person the portal holds has this UPN, NHS number or local person id: "
                    "check it against the record.",
                )
            elif len(people) > 1:
                self.add_error(
                    "identifier", "More than one person has this identifier: enter the young person's UPN."
                )
            else:
                data["person"] = people[0]
        elif covers == "family":
            family = _family(data.get("family_id", ""))
            if family is None:
                self.add_error(
                    "family_id", "No family the portal holds has this id: check it against the record."
                )
            data["family"] = family
        elif covers == "feed" and not given(self, "feed"):
            self.add_error("feed", "Choose the feed.")
        return data


def _family(typed: str) -> Family | None:
    """The family by its id as the council writes it, in any case ("nbh000002" is
    NBH000002); an exact match first, should two ever differ by case alone."""
    matches = list(Family.objects.filter(family_id__iexact=typed.strip())[:2])
    exact = [f for f in matches if f.family_id == typed.strip()]
    return exact[0] if exact else (matches[0] if len(matches) == 1 else None)
