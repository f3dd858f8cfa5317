"""A part of a whole as a whole percentage that never hides a part (portal.sentences.share):
Django's widthratio rounds 1 rejected row in 311 to "0%", which reads as none."""

from django import template

from portal.sentences import share

register = template.Library()


@register.filter
def share_of(part: int, whole: int) -> str:
    return share(part, whole)
