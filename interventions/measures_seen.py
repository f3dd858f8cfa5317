"""What one viewer may see of the outcome measures' counts.

A measure is a snapshot that counts everything (a CAMHS acceptance from the health feed,
restricted; a trigger point still waiting for the taskforce's review), so the taskforce's
figures lose nothing. An intervention worker sees restricted information only as the
one-line notice, with no count and no dates, and is never shown flags awaiting review;
so each count also keeps its parts per source and tier (measures.Parts) and the viewer's
figure is decided when it is shown, by the access layer: events and sessions of the
tiers the viewer sees at least as category and date (`sees_tier`), trigger points the
viewer would be shown by name (`names_flag`). Each part counts at the higher of its tier
when measured and its source's now (a feed's default, a flag's sensitivity), so a feed
raised to restricted leaves the worker's counts at once, as its events leave their
chronology.

A viewer who sees every tier and every flag gets the stored count. Anyone else gets None,
shown as withheld, for a count whose parts were not kept (a measure taken before they
were), since it may hold what they may not see."""

from collections.abc import Callable
from dataclasses import dataclass

from accounts.access import flag_policy, higher_tier, names_flag, sees_tier
from chronology.models import Feed, Sensitivity
from interventions.measures import AWAITING_REVIEW, EVENT_COUNTS, Parts
from interventions.models import Measure
from interventions.trigger_points import FLAG_SOURCE, flag_source
from risk.selectors import flag_tiers

COUNTS = (*EVENT_COUNTS, "open_trigger_points")
FLAG_COUNTS = ("open_trigger_points", AWAITING_REVIEW)
PARTIAL_NOTICE = (
    "These counts include only what you may see. Restricted information (such as health services' "
    "records, CAMHS acceptances among them) and trigger points still waiting for the taskforce's review "
    "are left out of every count, whether or not there are any. The SAFE taskforce sees the full figures."
)
WITHHELD = "Withheld"
WITHHELD_NOTICE = (
    "Withheld: measured before the portal kept what each count is made of, so it may include "
    "information you may not see. Ask the SAFE taskforce."
)


@dataclass(frozen=True)
class SeenMeasure:
    measure: Measure
    counts: dict[str, int | None]
    """Count name -> the figure this viewer may see; None when it is withheld from them."""


def sees_everything(user: object) -> bool:
    """Whether every count is the viewer's in full (the taskforce)."""
    return flag_policy(user).sees_awaiting_review and all(sees_tier(user, s) for s in Sensitivity.values)


def _tiers_now(measures: list[Measure]) -> dict[str, str]:
    """Each source's tier now: every feed's default, and each kept flag's sensitivity."""
    flags = {
        int(source.removeprefix(FLAG_SOURCE))
        for m in measures
        for name in FLAG_COUNTS
        for source in m.by_sensitivity.get(name, {})
        if source.startswith(FLAG_SOURCE)
    }
    now = dict(Feed.objects.values_list("code", "default_sensitivity"))
    return now | {flag_source(pk): tier for pk, tier in flag_tiers(flags).items()}


def _count(parts: Parts | None, now: dict[str, str], visible: Callable[[str], bool]) -> int | None:
    if parts is None:
        return None
    return sum(
        n
        for source, tiers in parts.items()
        for kept, n in tiers.items()
        if visible(higher_tier(kept, now.get(source)))
    )


def _seen(user: object, measure: Measure, now: dict[str, str]) -> dict[str, int | None]:
    parts = measure.by_sensitivity
    counts = {name: _count(parts.get(name), now, lambda s: sees_tier(user, s)) for name in EVENT_COUNTS}
    named = _count(parts.get("open_trigger_points"), now, lambda s: names_flag(user, sensitivity=s))
    awaiting = _count(
        parts.get(AWAITING_REVIEW), now, lambda s: names_flag(user, sensitivity=s, awaiting_review=True)
    )
    counts["open_trigger_points"] = None if named is None or awaiting is None else named + awaiting
    return counts


def seen_measures(user: object, measures: list[Measure]) -> list[SeenMeasure]:
    if sees_everything(user):
        return [SeenMeasure(m, {name: getattr(m, name) for name in COUNTS}) for m in measures]
    now = _tiers_now(measures)
    return [SeenMeasure(m, _seen(user, m, now)) for m in measures]
