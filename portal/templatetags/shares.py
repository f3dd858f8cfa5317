"""A part of a whole as a whole percentage that never hides a part: Django's widthratio
rounds 1 rejected row in 311 to "0%", which reads as none."""

from django import template

register = template.Library()


@register.filter
def share_of(part: int, whole: int) -> str:
    """A part that rounds to nothing reads "<1%", one short of the whole that rounds to
    all of it ">99%"; with no whole to share, nothing."""
    if not whole:
        return ""
    percent = round(100 * part / whole)
    if part and percent == 0:
        return "<1%"
    if part != whole and percent == 100:
        return ">99%"
    return f"{percent}%"
