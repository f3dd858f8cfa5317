"""A day as the portal's tables write it ("7 Mar 2025", the template filter `date:"j M Y"`),
for rows written in Python: a long table repeats the same few hundred days, and Django's
date formatting was a large share of each row's cost."""

from collections.abc import Callable
from datetime import date
from functools import lru_cache, partial

from django.template.defaultfilters import date as date_filter
from django.utils.translation import get_language


@lru_cache(maxsize=4096)
def _day(language: str | None, day: date) -> str:
    """The language is part of the key because month names are translated."""
    return date_filter(day, "j M Y")


def day_writer() -> Callable[[date], str]:
    """Days written in the active language, asked once for a table rather than per day:
    asking it is a context-local lookup that cost as much as a remembered day."""
    return partial(_day, get_language())
