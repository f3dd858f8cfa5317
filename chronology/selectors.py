"""Reads of the feed register and import runs."""

from django.db.models import QuerySet

from chronology.models import Feed


def published_feeds() -> QuerySet[Feed]:
    """The feeds the privacy notice lists: every feed on the register, importable or not,
    so the notice never understates what the portal may hold."""
    return Feed.objects.order_by("name")
