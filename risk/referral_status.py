"""Whether a flagged young person has been referred to SAFE, as far as the viewer may
know. Referrals live in another app, which this one does not import: it registers a
source here instead, as flags do with the access layer. Until one is registered the
portal cannot tell, and the pages say so rather than treat everyone as "not yet
referred".

A source is asked for one viewer's referred people: the referrals that viewer may know
of (the taskforce every sent one; school staff their school's and their own), so that a
filter never tells a head teacher of a referral their referrals pages would not show."""

from collections.abc import Callable

from django.db.models import Q, QuerySet

ReferredSource = Callable[[object], QuerySet]
"""(viewer) -> a one-column queryset of the ids of people with a sent referral the
viewer may know of (`.values("young_person_id")`), evaluated by the database inside the
list's query."""

REFERRAL_SOURCES: list[ReferredSource] = []


def register_referral_status(source: ReferredSource) -> ReferredSource:
    REFERRAL_SOURCES.append(source)
    return source


def referral_status_known() -> bool:
    return bool(REFERRAL_SOURCES)


def referred_people(viewer: object) -> list[QuerySet]:
    """One queryset per registered source; empty when referral status is not known."""
    return [source(viewer) for source in REFERRAL_SOURCES]


def referred_condition(viewer: object) -> Q:
    """Matches flags (or any rows with a `person`) of people referred as far as the
    viewer may know. Only for use once `referral_status_known()`: with no source it
    matches every row."""
    referred = Q()
    for source in referred_people(viewer):
        referred |= Q(person__in=source)
    return referred
