"""The family table's answer to "In the household with this young person": yes or no
for every relative, with the days they were together only where the access layer gives
them (family_for withholds them for a relative the viewer may not see, since a sibling
born into the household joined it on their birthday). It read "Dates not shown" for
every such relative, which for a head teacher is every adult, and so never answered."""

from django import template
from django.template.defaultfilters import date as date_filter

from accounts.access import RelativeRow

register = template.Library()


def _day(day: object) -> str:
    return date_filter(day, "j M Y")


@register.filter
def in_household(relative: RelativeRow) -> str:
    """`{{ relative|in_household }}`: "Yes, since 3 Feb 2013", "No longer: 1 Jan 2013 to
    1 Jan 2014", "No, not at the same time", or "Yes" and "No longer" without dates."""
    if not relative.lived_together:
        return "No, not at the same time"
    start, end = relative.together_from, relative.together_to
    if relative.former:
        if start and end:
            return f"No longer: {_day(start)} to {_day(end)}"
        return f"No longer: until {_day(end)}" if end else "No longer"
    if start and end:
        return f"Yes, {_day(start)} to {_day(end)}"
    if start:
        return f"Yes, since {_day(start)}"
    return f"Yes, until {_day(end)}" if end else "Yes"
