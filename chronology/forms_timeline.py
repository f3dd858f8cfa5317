"""The chronology's filters, from the query string. Anything malformed is a clear error
on the form (the page answers 400), never a server error and never a silent guess."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from chronology.timeline import TimelineFilter
from chronology.timeline.filters import SEARCH_MAX_LENGTH, search_words
from chronology.timeline.known_codes import known_categories, known_sources, unknown
from portal.date_input import DayMonthYearField
from portal.form_text import NamesTheField

CODE = re.compile(r"^[a-z0-9_]{1,64}$")
MAX_CODES = 50


def _codes(values: list[str], what: str, one: str, known: frozenset[str]) -> frozenset[str]:
    if len(values) > MAX_CODES:
        raise ValidationError(f"Choose at most {MAX_CODES} {what}.")
    bad = [v for v in values if not CODE.match(v)]
    if bad:
        raise ValidationError(
            f"Choose {what} from the chronology's filters: show the whole chronology first."
        )
    if code := unknown(frozenset(values), known):
        raise ValidationError(
            f"There is no {one} “{code}”: show the whole chronology and choose from its filters."
        )
    return frozenset(values)


class TimelineFilterForm(NamesTheField, forms.Form):
    error_words = {
        "people": "the people whose events to show",
        "q": "your search",
        "date_from": "the start date",
        "date_to": "the end date",
    }
    q = forms.CharField(label="Search the text you can see", required=False, max_length=SEARCH_MAX_LENGTH)
    date_from = DayMonthYearField(label="From", required=False, example="1 9 2025")
    date_to = DayMonthYearField(label="To", required=False, example="31 8 2026")
    people = forms.ChoiceField(
        label="Whose events",
        required=False,
        choices=[
            ("family", "This young person and their family"),
            ("young_person", "This young person only"),
        ],
    )
    order = forms.ChoiceField(
        label="Order", required=False, choices=[("newest", "Newest first"), ("oldest", "Oldest first")]
    )

    def __init__(self, data: QueryDict) -> None:
        plain = data.copy()
        for name, field in (("from", "date_from"), ("to", "date_to")):
            if name in plain:
                plain[field] = plain[name]
        super().__init__(plain)
        self.categories = data.getlist("category")
        self.sources = data.getlist("source")

    def clean(self) -> dict:
        cleaned = super().clean()
        try:
            cleaned["categories"] = _codes(self.categories, "categories", "category", known_categories())
        except ValidationError as error:
            self.add_error(None, error)
        try:
            cleaned["sources"] = _codes(self.sources, "sources", "source", known_sources())
        except ValidationError as error:
            self.add_error(None, error)
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date must be the same as or after the start date.")
        return cleaned

    def timeline_filter(self) -> TimelineFilter:
        data = self.cleaned_data
        return TimelineFilter(
            categories=data.get("categories", frozenset()),
            sources=data.get("sources", frozenset()),
            start=data.get("date_from"),
            end=data.get("date_to"),
            with_family=data.get("people") != "young_person",
            q=search_words(data.get("q") or ""),
            oldest_first=data.get("order") == "oldest",
        )
