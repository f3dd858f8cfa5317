"""IG's access-log search and review forms. GET forms: a search is bookmarkable and a
page of results can be shared with a colleague (who needs the IG role to open it)."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from accounts.models import AccessLogEntry
from accounts.selectors_access_log import EARLIEST_DAY, LATEST_DAY
from portal.date_input import DayMonthYearField
from portal.form_text import CountsCharacters, NamesTheField, given
from portal.sentences import in_a_sentence
from schools.models import School

BOUNDS_MESSAGE = "Enter a date between 1 January 2000 and 31 December 2999."


class _InLogPeriod:
    """Refuses, beside the field, a day outside the log's period (EARLIEST_DAY): the search
    could not turn it into local midnights."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            validators=[
                MinValueValidator(EARLIEST_DAY, message=BOUNDS_MESSAGE),
                MaxValueValidator(LATEST_DAY, message=BOUNDS_MESSAGE),
            ],
            **kwargs,
        )


class LogDayField(_InLogPeriod, forms.DateField):
    """A day of the log as the API's filters take it, one ISO value."""


class LogDayInput(_InLogPeriod, DayMonthYearField):
    """A day of the log as the IG pages ask for it, GOV.UK's date input."""


def _period_in_order(form: forms.Form, data: dict) -> dict:
    """A period that ends before it starts holds nothing: said beside the field, rather
    than answered with an empty list that reads as "no access in this period"."""
    if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
        form.add_error("date_to", "The end date must be the same as or after the start date.")
    return data


class EntrySearchForm(NamesTheField, forms.Form):
    error_words = {"date_from": "the start date", "date_to": "the end date"}
    user = forms.CharField(label="User", required=False, max_length=254, help_text="Email address or name.")
    person = forms.CharField(label="Young person", required=False, max_length=100, help_text="Name or UPN.")
    school = forms.ModelChoiceField(
        label="School", queryset=School.objects.order_by("name"), required=False, empty_label="Any school"
    )
    date_from = LogDayInput(label="From", required=False)
    date_to = LogDayInput(label="To", required=False)
    kind = forms.ChoiceField(
        label="Kind of access", required=False, choices=[("", "Any kind"), *AccessLogEntry.Kind.choices]
    )

    def clean(self) -> dict:
        return _period_in_order(self, super().clean())

    def filters_in_words(self) -> str:
        """The search as asked, for the printout: the form is left off paper, and a page of
        entries read at a meeting or for a complaint must say whose access, and when, it
        is about. Empty for a search with no filter."""
        if not self.is_valid():
            return ""
        data = self.cleaned_data
        words = [
            f"{in_a_sentence(self.fields[name].label)}: “{data[name].strip()}”"
            for name in ("user", "person")
            if data[name].strip()
        ]
        if data["school"]:
            words.append(f"school: {data['school'].name}")
        words += [
            f"{label} {day.day} {day:%B %Y}"
            for label, day in (("from", data["date_from"]), ("to", data["date_to"]))
            if day
        ]
        if data["kind"]:
            words.append(f"kind of access: {AccessLogEntry.Kind(data['kind']).label}")
        return f"This search: {'; '.join(words)}." if words else ""

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "user_query": data["user"].strip(),
            "person_query": data["person"].strip(),
            "school": data["school"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "kind": data["kind"],
        }


class PersonLookupForm(NamesTheField, forms.Form):
    name = forms.CharField(label="Name", required=False, max_length=100)
    upn = forms.CharField(label="UPN", required=False, max_length=13)
    date_of_birth = DayMonthYearField(label="Date of birth", required=False, example="14 9 2011")

    def clean(self) -> dict:
        data = super().clean()
        if not any(given(self, name) for name in ("name", "upn", "date_of_birth")):
            raise forms.ValidationError("Enter a name, a UPN or a date of birth.")
        return data


class PeriodForm(NamesTheField, forms.Form):
    error_words = {"date_from": "the start date", "date_to": "the end date"}
    date_from = LogDayInput(label="From", required=False)
    date_to = LogDayInput(label="To", required=False)

    def clean(self) -> dict:
        return _period_in_order(self, super().clean())


class AnomalyListForm(PeriodForm):
    include_reviewed = forms.BooleanField(label="Include reviewed anomalies", required=False)


class AnomalyReviewForm(CountsCharacters, NamesTheField, forms.Form):
    note = forms.CharField(
        label="What you found",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="For example, who you spoke to and whether the access was justified.",
    )
