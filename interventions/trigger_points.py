"""The young person's trigger points, from the flags app, for referrals and outcome
measures.

A referral keeps the trigger points it concerns as they were when it was made, and is
read by people who may see different tiers (the DSL who wrote it, the school's head
teacher, the taskforce). So it keeps each flag's facts, not the words its referrer saw:
the indicator's code and name, the flag's sensitivity (the highest of its evidence) and
whether it awaited the taskforce's review. `trigger_point_labels` then gives each reader
the names the access layer lets them see (`names_flag`) and "an additional factor known
to partner agencies" for the rest.

The referrer chooses among labels as they see them (the form's choices). A label they see
only as an additional factor stands for every flag behind it, so the taskforce still
learns which ones the referral concerns."""

from collections.abc import Iterable

from django.db.models import Count

from accounts.access import ADDITIONAL_FACTOR, names_flag
from risk.models import Review
from risk.selectors import PersonFlag, current_flag_rows, referral_trigger_points

TriggerPoint = dict[str, object]
"""One kept trigger point: {"code", "name", "sensitivity", "awaiting_review"}."""


def _kept(shown: PersonFlag) -> TriggerPoint:
    flag = shown.flag
    return {
        "code": flag.indicator.code,
        "name": flag.version.name,
        "sensitivity": flag.sensitivity,
        "awaiting_review": flag.review == Review.PENDING,
    }


def trigger_points_for_referrer(user: object, person_id: int) -> list[str]:
    """The current trigger points as the referrer may see them: the form's choices."""
    return list(dict.fromkeys(flag.label for flag in referral_trigger_points(user, person_id)))


def trigger_point_label(user: object, point: TriggerPoint) -> str:
    named = bool(point.get("name")) and names_flag(
        user, sensitivity=point.get("sensitivity"), awaiting_review=bool(point.get("awaiting_review"))
    )
    return str(point["name"]) if named else ADDITIONAL_FACTOR


def trigger_point_labels(user: object, points: Iterable[TriggerPoint]) -> list[str]:
    """Kept trigger points as this viewer may see them, each label once, the additional
    factor last: in the indicators' order, its place between two names would hint at
    which indicator it is (as flags_for orders flags)."""
    labels = dict.fromkeys(trigger_point_label(user, point) for point in points)
    return sorted(labels, key=lambda label: label == ADDITIONAL_FACTOR)


def trigger_point_snapshot(
    user: object, person_id: int, labels: Iterable[str], *, kept: Iterable[TriggerPoint] = ()
) -> tuple[list[TriggerPoint], list[str]]:
    """What the chosen labels stand for: the current flags the referrer sees under each,
    and what a draft already kept under it. Also the labels that stand for nothing, which
    the referrer was never offered."""
    behind: dict[str, list[TriggerPoint]] = {}
    for shown in referral_trigger_points(user, person_id):
        behind.setdefault(shown.label, []).append(_kept(shown))
    for point in kept:
        same = behind.setdefault(trigger_point_label(user, point), [])
        if not any((p["code"], p["name"]) == (point.get("code"), point.get("name")) for p in same):
            same.append(point)
    chosen = list(dict.fromkeys(labels))
    points = [point for label in chosen for point in behind.get(label, [])]
    return points, [label for label in chosen if label not in behind]


def open_trigger_points(person_id: int) -> tuple[dict[str, int], dict[str, int]]:
    """Current flags nobody has dismissed, counted per sensitivity: those a viewer of
    that tier may be shown, then those still awaiting the taskforce's review, which only
    the taskforce is. None while flags are switched off. Counted unscoped: the outcome
    measures decide what each viewer sees of the count when they show it."""
    rows = (
        current_flag_rows([person_id])
        .filter(dismissed_at__isnull=True)
        .order_by()
        .values("sensitivity", "review")
        .annotate(n=Count("pk"))
    )
    shown: dict[str, int] = {}
    awaiting: dict[str, int] = {}
    for row in rows:
        into = awaiting if row["review"] == Review.PENDING else shown
        into[row["sensitivity"]] = into.get(row["sensitivity"], 0) + row["n"]
    return shown, awaiting
