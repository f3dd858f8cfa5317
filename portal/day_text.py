"""A day as the portal's tables write it ("7 Mar 2025", the template filter `date:"j M Y"`),
for rows written in Python: a long table repeats the same few hundred days, and Django's
date formatting was a large share of each row's cost."""

from datetime import date
from functools import lru_cache

from django.template.defaultfilters import date as date_filter
from django.utils.translation import get_language


@lru_cache(maxsize=4096)
def _day(day: date, language: str | None) -> str:
    """The language is part of the key because month names are translated."""
    return date_filter(day, "j M Y")


def day_text(day: date) -> str:
    return _day(day, get_language())
