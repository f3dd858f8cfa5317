"""What one viewer may see of the outcome measures' counts.

A measure is a snapshot that counts everything (a CAMHS acceptance from the health feed,
restricted; a trigger point still waiting for the taskforce's review), so the taskforce's
figures lose nothing. An intervention worker sees restricted information only as the
one-line notice, with no count and no dates, and is never shown flags awaiting review;
so each count also keeps its parts per sensitivity tier (Measure.by_sensitivity) and the
viewer's figure is decided when it is shown, by the access layer: events and sessions of
the tiers the viewer sees at least as category and date (`sees_tier`), trigger points
the viewer would be shown by name (`names_flag`).

A viewer who sees every tier and every flag gets the stored count. Anyone else gets None,
shown as withheld, for a count whose parts were not kept (a measure taken before they
were), since it may hold what they may not see."""

from dataclasses import dataclass

from accounts.access import flag_policy, names_flag, sees_tier
from chronology.models import Sensitivity
from interventions.measures import AWAITING_REVIEW
from interventions.models import Measure

COUNTS = (
    "suspensions",
    "police_incidents_as_suspect",
    "asb_reports",
    "missing_episodes",
    "specialist_support",
    "open_trigger_points",
)
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


def _seen(user: object, measure: Measure, name: str) -> int | None:
    parts = measure.by_sensitivity
    if name != "open_trigger_points":
        tiers = parts.get(name)
        return None if tiers is None else sum(n for s, n in tiers.items() if sees_tier(user, s))
    shown, awaiting = parts.get(name), parts.get(AWAITING_REVIEW)
    if shown is None or awaiting is None:
        return None
    return sum(n for s, n in shown.items() if names_flag(user, sensitivity=s)) + sum(
        n for s, n in awaiting.items() if names_flag(user, sensitivity=s, awaiting_review=True)
    )


def seen_measure(user: object, measure: Measure) -> SeenMeasure:
    if sees_everything(user):
        return SeenMeasure(measure, {name: getattr(measure, name) for name in COUNTS})
    return SeenMeasure(measure, {name: _seen(user, measure, name) for name in COUNTS})
