"""GOV.UK's date input (day, month and year boxes) for every date a person types. A
browser's own date picker shows mm/dd/yyyy outside a UK locale and is hard to use with a
screen reader or voice control; three numeric boxes are neither.

crispy-forms-gds's `DateInputWidget` gives the boxes, their labels and widths; its
`DateInputField` reports every part's error separately ("Enter the day", "Enter the
month") in generic words, so the field here is the portal's own: one message naming the
field, in GOV.UK's words, with only the parts in error outlined in red.

A link, a bookmark or a test may still send the date as one ISO value under the field's
own name (`?from=2026-01-01`). It is read when none of the three parts was sent; if any
part was sent, the parts win, since they are what the person typed on the page."""

import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from crispy_forms_gds.layout import Field
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError

from portal.sentences import joined

PART_NAMES = ("day", "month", "year")
ALL_PARTS = (0, 1, 2)
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_TWO_DIGITS = re.compile(r"[0-9]{1,2}")
_DIGITS = re.compile(r"[0-9]+")
_ISO = re.compile(r"\s*([^-]*)-([^-]*)-([^-]*)\s*")


@dataclass(frozen=True)
class Problem:
    """Why three parts make no date: an error code of `DayMonthYearField` and the parts
    (0 day, 1 month, 2 year) to outline in red."""

    code: str
    parts: tuple[int, ...]
    missing: str = ""


def _month(text: str) -> int | None:
    """A month as a number, or as GOV.UK asks services to accept, by name ("Mar", "March")."""
    if _TWO_DIGITS.fullmatch(text):
        return int(text) if 1 <= int(text) <= 12 else None
    word = text.lower()
    named = [n for n, name in enumerate(MONTHS, 1) if len(word) >= 3 and name.startswith(word)]
    return named[0] if len(named) == 1 else None


def read_parts(parts: tuple[object, ...] | list[object]) -> date | Problem | None:
    """The date three typed parts make, None if nothing was typed, or what is wrong. Each
    part is checked for its shape before it becomes a number, so a part of any length or
    alphabet is an error, never an exception."""
    day, month, year = (str(p if p is not None else "").strip() for p in (list(parts) + ["", "", ""])[:3])
    if not (day or month or year):
        return None
    if missing := [n for n, part in enumerate((day, month, year)) if not part]:
        return Problem("incomplete", tuple(missing), "a " + joined([PART_NAMES[n] for n in missing]))
    month_number = _month(month)
    bad = tuple(
        n
        for n, wrong in enumerate(
            (
                not _TWO_DIGITS.fullmatch(day) or not 1 <= int(day) <= 31,
                month_number is None,
                not _DIGITS.fullmatch(year),
            )
        )
        if wrong
    )
    if bad:
        return Problem("invalid", bad)
    if len(year) != 4:
        return Problem("year_length", (2,))
    if int(year) < 1:
        return Problem("invalid", (2,))
    try:
        return date(int(year), month_number, int(day))
    except ValueError:
        return Problem("invalid", (0,))


def iso_parts(value: object) -> list[str]:
    """A date sent as one value ("2026-01-31"), or a stored date, as day, month and year:
    how a link's date is shown in the boxes and checked as they are. Anything else shows
    empty boxes (and is refused as a whole)."""
    if isinstance(value, date):
        return [str(value.day), str(value.month), str(value.year)]
    if isinstance(value, str) and (match := _ISO.fullmatch(value)):
        year, month, day = match.groups()
        return [str(int(p)) if _TWO_DIGITS.fullmatch(p) else p for p in (day, month)] + [year]
    return ["", "", ""]


def parts_in_error(value: object, *, has_errors: bool) -> tuple[int, ...]:
    """Which parts to outline: those a parts problem names, or all three when the date is
    real but refused as a whole (required, out of range, before the start date)."""
    if not has_errors:
        return ()
    parts = value if isinstance(value, (list, tuple)) else iso_parts(value)
    problem = read_parts(parts)
    return problem.parts if isinstance(problem, Problem) else ALL_PARTS


class DayMonthYearWidget(DateInputWidget):
    """crispy-forms-gds's three boxes, as numeric text inputs (no spinner, a number pad on
    a phone), named `<name>_day`, `<name>_month` and `<name>_year`."""

    def __init__(self) -> None:
        super().__init__()
        self.widgets_names = [f"_{part}" for part in PART_NAMES]
        for widget in self.widgets:
            widget.attrs.update({"inputmode": "numeric", "spellcheck": "false"})

    def decompress(self, value: object) -> list[str]:
        return iso_parts(value)

    def value_from_datadict(self, data: dict, files: dict, name: str) -> list[object] | object:
        parts = [data.get(name + suffix) for suffix in self.widgets_names]
        if any(part is not None for part in parts):
            return parts
        return data.get(name)

    def value_omitted_from_data(self, data: dict, files: dict, name: str) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)

    def get_context(self, name: str, value: object, attrs: dict | None) -> dict:
        """Django marks every box aria-invalid when the field has an error; only the parts
        in error are marked, and outlined, as GOV.UK's component does."""
        attrs = dict(attrs or {})
        has_errors = attrs.pop("aria-invalid", None) == "true"
        context = super().get_context(name, value, attrs)
        wrong = parts_in_error(value, has_errors=has_errors)
        for n, subwidget in enumerate(context["widget"]["subwidgets"]):
            if n in wrong:
                subwidget["attrs"]["class"] += " govuk-input--error"
                subwidget["attrs"]["aria-invalid"] = "true"
        return context


class DayMonthYearBoundField(forms.BoundField):
    """The error summary's link (`includes/error_summary.html` links to `id_for_label`)
    lands on the first part in error, so the person types straight into it."""

    @property
    def id_for_label(self) -> str:
        if not self.auto_id:
            return ""
        wrong = parts_in_error(self.value(), has_errors=bool(self.errors))
        return f"{self.auto_id}_{wrong[0] if wrong else 0}"


class DayMonthYearField(forms.DateField):
    """A date typed as day, month and year; also one ISO value under the field's own name
    (see the module's docstring). `example` is the hint's date, one that makes sense for
    the field. Its messages are generic until `portal.form_text.NamesTheField` names the
    field in them."""

    widget = DayMonthYearWidget
    bound_field_class = DayMonthYearBoundField
    default_error_messages: ClassVar[dict[str, str]] = {
        "required": "Enter the date",
        "invalid": "The date must be a real date",
        "incomplete": "The date must include %(missing)s",
        "year_length": "The date must include a year with 4 numbers",
    }

    def __init__(self, *, example: str = "27 3 2026", **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.example = example

    def to_python(self, value: object) -> date | None:
        if isinstance(value, date):
            return value
        if isinstance(value, str) and value.strip() and not _ISO.fullmatch(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        parts = value if isinstance(value, (list, tuple)) else iso_parts(value)
        result = read_parts(parts)
        if isinstance(result, Problem):
            raise ValidationError(
                self.error_messages[result.code], code=result.code, params={"missing": result.missing}
            )
        return result


def date_field(name: str, *, legend_size: str = "") -> Field:
    """A date field in a crispy-forms layout, drawn as the hand-written pages draw it."""
    return Field(name, template="includes/date_input.html", context={"legend_size": legend_size})
