"""Whether a flagged young person has been referred to SAFE. Referrals live in another
app, which this one does not import: it registers a source here instead, as flags do
with the access layer. Until one is registered the portal cannot tell, and the
taskforce's pages say so rather than treat everyone as "not yet referred"."""

from collections.abc import Callable

from django.db.models import Q, QuerySet

ReferredSource = Callable[[], QuerySet]
"""Returns a one-column queryset of the ids of people who have been referred
(`.values("person_id")`), evaluated by the database inside the list's query."""

REFERRAL_SOURCES: list[ReferredSource] = []


def register_referral_status(source: ReferredSource) -> ReferredSource:
    REFERRAL_SOURCES.append(source)
    return source


def referral_status_known() -> bool:
    return bool(REFERRAL_SOURCES)


def referred_people() -> list[QuerySet]:
    """One queryset per registered source; empty when referral status is not known."""
    return [source() for source in REFERRAL_SOURCES]


def referred_condition() -> Q:
    """Matches flags (or any rows with a `person`) of people who have been referred.
    Only for use once `referral_status_known()`: with no source it matches every row."""
    referred = Q()
    for source in referred_people():
        referred |= Q(person__in=source)
    return referred
