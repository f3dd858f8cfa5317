"""A flagged row's trigger points in words, as the list shows them: the page (through
risk.templatetags.flagged_rows) and its CSV take the same marks from here, so the file
never names what the page would not, nor words it differently. A DSL's notifications
name a pupil's new trigger points the same way (risk.notification_details)."""

from datetime import date

from django.utils.dateformat import format as date_format
from django.utils.timezone import template_localtime


def new_since(item: object, raised_since: date | None) -> str:
    """The mark "new since 3 Dec" for one raised on or after the day the list is filtered
    to (it is what put the pupil on the list); never for an unnamed one, whose date is
    not seen."""
    if raised_since and item.named and template_localtime(item.flag.raised_at).date() >= raised_since:
        return f"new since {date_format(raised_since, 'j M')}"
    return ""


def trigger_point_name(item: object) -> str:
    """A trigger point (risk.selectors.PersonFlag) as every list names it: its code and
    name, or the additional factor for one the viewer may not see by name."""
    return f"{item.code} {item.label}" if item.named else item.label


def trigger_point_words(item: object, raised_since: date | None) -> str:
    """One trigger point as the list row reads: its name, then its marks in brackets."""
    words = trigger_point_name(item)
    if item.flag.stronger and item.named:
        words += " (stronger)"
    if item.flag.is_dismissed:
        words += " (dismissed)"
    if since := new_since(item, raised_since):
        words += f" ({since})"
    return words


def trigger_points_in_words(row: object, raised_since: date | None) -> str:
    return "; ".join(trigger_point_words(item, raised_since) for item in row.trigger_points)
