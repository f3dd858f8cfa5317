"""GOV.UK's date input (portal/date_input.py), as a form gives it: three numeric boxes in
a fieldset, one message in GOV.UK's words naming the field, only the parts in error
outlined, and an ISO value from a link still read."""

import re
from datetime import date

import pytest
from django import forms
from django.template.loader import render_to_string

from portal.date_input import DayMonthYearField
from portal.form_text import NamesTheField
from tests.portal.page_structure import page_structure


class StartForm(NamesTheField, forms.Form):
    error_words = {"start_date": "the start date"}
    start_date = DayMonthYearField(label="Start date")


def parts(day: str, month: str, year: str) -> dict[str, str]:
    return {"start_date_day": day, "start_date_month": month, "start_date_year": year}


def boxes(form: forms.Form) -> dict[str, str]:
    """Each box's name and the tag that draws it."""
    html = str(form["start_date"])
    return {
        name: tag for tag, name in re.findall(r'(<input[^>]*name="start_date_(day|month|year)"[^>]*>)', html)
    }


def outlined(form: forms.Form) -> set[str]:
    return {name for name, tag in boxes(form).items() if "govuk-input--error" in tag}


def test_the_three_boxes_are_numeric_text_inputs_of_gov_uk_widths():
    tags = boxes(StartForm(initial={"start_date": date(2026, 3, 27)}))
    for name, width, value in (("day", 2, "27"), ("month", 2, "3"), ("year", 4, "2026")):
        assert 'type="text"' in tags[name]
        assert 'inputmode="numeric"' in tags[name]
        assert f"govuk-input--width-{width}" in tags[name]
        assert f'value="{value}"' in tags[name]
        assert "govuk-input--error" not in tags[name]


@pytest.mark.parametrize(
    ("data", "value"),
    [
        (parts("27", "3", "2026"), date(2026, 3, 27)),
        (parts(" 05 ", "03", "2026"), date(2026, 3, 5)),
        (parts("5", "March", "2026"), date(2026, 3, 5)),
        (parts("5", "sep", "2026"), date(2026, 9, 5)),
        ({"start_date": "2026-12-01"}, date(2026, 12, 1)),
        ({**parts("5", "3", "2026"), "start_date": "2020-01-01"}, date(2026, 3, 5)),
    ],
    ids=["numbers", "spaces and zeros", "month name", "month abbreviation", "iso", "parts win over iso"],
)
def test_a_date_is_read_from_its_parts_or_from_one_iso_value(data, value):
    form = StartForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == value


@pytest.mark.parametrize(
    ("data", "message", "wrong"),
    [
        ({}, "Enter the start date", {"day", "month", "year"}),
        (parts("", "", ""), "Enter the start date", {"day", "month", "year"}),
        (parts("27", "", "2026"), "The start date must include a month", {"month"}),
        (parts("", "", "2026"), "The start date must include a day and month", {"day", "month"}),
        (parts("27", "3", ""), "The start date must include a year", {"year"}),
        (parts("27", "13", "2026"), "The start date must be a real date", {"month"}),
        (parts("30", "2", "2026"), "The start date must be a real date", {"day"}),
        (parts("x", "y", "2026"), "The start date must be a real date", {"day", "month"}),
        (parts("27", "3", "26"), "The start date must include a year with 4 numbers", {"year"}),
        (parts("27", "3", "0000"), "The start date must be a real date", {"year"}),
        ({"start_date": "2026-02-30"}, "The start date must be a real date", {"day"}),
        ({"start_date": "next tuesday"}, "The start date must be a real date", {"day", "month", "year"}),
    ],
)
def test_each_gov_uk_error_names_the_field_and_outlines_only_the_parts_in_error(data, message, wrong):
    form = StartForm(data)
    assert not form.is_valid()
    assert form.errors["start_date"] == [message]
    assert outlined(form) == wrong
    first = ("day", "month", "year").index(min(wrong, key=("day", "month", "year").index))
    assert form["start_date"].id_for_label == f"id_start_date_{first}"


def test_a_real_date_refused_as_a_whole_outlines_all_three_parts():
    class AfterForm(StartForm):
        def clean_start_date(self) -> date:
            raise forms.ValidationError("The start date must be today or later")

    form = AfterForm(parts("1", "1", "2020"))
    assert not form.is_valid()
    assert outlined(form) == {"day", "month", "year"}
    assert form["start_date"].id_for_label == "id_start_date_0"


@pytest.mark.parametrize(
    "data",
    [
        parts("1\x00", "3", "2026"),
        parts("1", "3", "9" * 10_000),
        parts("-1", "-3", "-2026"),
        parts("١", "٣", "٢٠٢٦"),
        {"start_date": "\x00"},
        {"start_date": "1-2-" + "9" * 10_000},
    ],
    ids=["nul", "10,000-digit year", "negative", "arabic-indic digits", "nul iso", "huge iso"],
)
def test_hostile_parts_are_an_error_on_the_field_not_an_exception(data):
    form = StartForm(data)
    assert not form.is_valid()
    assert form.errors["start_date"][0].startswith("The start date must")
    str(form["start_date"])


def test_the_page_include_puts_the_boxes_in_a_fieldset_with_a_legend_a_hint_and_the_error():
    form = StartForm(parts("27", "", "2026"))
    form.is_valid()
    html = render_to_string("includes/date_input.html", {"field": form["start_date"]})
    page = page_structure(f"<title>Error: Start</title>{html}")
    assert re.search(r"<legend[^>]*>Start date</legend>", html)
    assert '<div class="govuk-hint" id="id_start_date-hint">For example, 27 3 2026</div>' in html
    assert 'aria-describedby="id_start_date-hint id_start_date-error"' in html
    assert "govuk-form-group--error" in html
    assert [" ".join(m["words"].split()) for m in page.error_messages] == [
        "Error: The start date must include a month"
    ]
    assert not page.error_problems()
