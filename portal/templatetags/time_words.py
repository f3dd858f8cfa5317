"""How long something has waited, in words."""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def waited(since: datetime | None) -> str:
    """Django's timesince, but "less than a minute" where it would say "0 minutes": the
    work queue said a referral sent a moment ago had waited "0 minutes"."""
    if since is None:
        return ""
    if timezone.now() - since < timedelta(minutes=1):
        return "less than a minute"
    return timesince(since)
