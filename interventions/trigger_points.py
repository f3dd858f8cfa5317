"""The young person's trigger points, from the flags app, for referrals and outcome
measures.

A referral keeps the trigger points it concerns as they were when it was made, and is
read by people who may see different tiers (the DSL who wrote it, the school's head
teacher, the taskforce). So it keeps each flag's facts, not the words its referrer saw:
the flag, its indicator's code and name, its sensitivity (the highest of its evidence)
and whether it awaited the taskforce's review. `trigger_point_labels` then gives each
reader the names the access layer lets them see (`names_flag`) and "an additional factor
known to partner agencies" for the rest, each at the higher of its tier when kept and
its flag's now: a feed raised to restricted hides a name at once.

The referrer chooses among labels as they see them (the form's choices). A label they see
only as an additional factor stands for every flag behind it, so the taskforce still
learns which ones the referral concerns."""

from collections.abc import Callable, Iterable

from accounts.access import ADDITIONAL_FACTOR, higher_tier, names_flag
from risk.models import Review
from risk.selectors import PersonFlag, current_flag_rows, flag_tiers, referral_trigger_points

TriggerPoint = dict[str, object]
"""One kept trigger point: {"flag", "code", "name", "sensitivity", "awaiting_review"}."""


def _kept(shown: PersonFlag) -> list[TriggerPoint]:
    """Each flag the label stands for: an additional factor stands for several."""
    return [
        {
            "flag": flag.pk,
            "code": flag.indicator.code,
            "name": flag.version.name,
            "sensitivity": flag.sensitivity,
            "awaiting_review": flag.review == Review.PENDING,
        }
        for flag in shown.flags
    ]


def trigger_points_for_referrer(user: object, person_id: int) -> list[str]:
    """The current trigger points as the referrer may see them: the form's choices."""
    return list(dict.fromkeys(flag.label for flag in referral_trigger_points(user, person_id)))


def _labeller(user: object, points: list[TriggerPoint]) -> Callable[[TriggerPoint], str]:
    """Labels kept trigger points for this viewer, each at the higher of its tier when
    kept and its flag's now."""
    now = flag_tiers(p["flag"] for p in points if isinstance(p.get("flag"), int))

    def label(point: TriggerPoint) -> str:
        tier = higher_tier(point.get("sensitivity"), now.get(point.get("flag")))
        awaiting = bool(point.get("awaiting_review"))
        named = bool(point.get("name")) and names_flag(user, sensitivity=tier, awaiting_review=awaiting)
        return str(point["name"]) if named else ADDITIONAL_FACTOR

    return label


def trigger_point_labels(user: object, points: Iterable[TriggerPoint]) -> list[str]:
    """Kept trigger points as this viewer may see them, each label once, the additional
    factor last: in the indicators' order, its place between two names would hint at
    which indicator it is (as flags_for orders flags)."""
    points = list(points)
    labels = dict.fromkeys(map(_labeller(user, points), points))
    return sorted(labels, key=lambda label: label == ADDITIONAL_FACTOR)


def trigger_point_snapshot(
    user: object, person_id: int, labels: Iterable[str], *, kept: Iterable[TriggerPoint] = ()
) -> tuple[list[TriggerPoint], list[str]]:
    """What the chosen labels stand for: the current flags the referrer sees under each,
    and what a draft already kept under it. Also the labels that stand for nothing, which
    the referrer was never offered."""
    behind: dict[str, list[TriggerPoint]] = {}
    for shown in referral_trigger_points(user, person_id):
        behind.setdefault(shown.label, []).extend(_kept(shown))
    kept = list(kept)
    label_of = _labeller(user, kept)
    for point in kept:
        same = behind.setdefault(label_of(point), [])
        if not any((p["code"], p["name"]) == (point.get("code"), point.get("name")) for p in same):
            same.append(point)
    chosen = list(dict.fromkeys(labels))
    points = [point for label in chosen for point in behind.get(label, [])]
    return points, [label for label in chosen if label not in behind]


FLAG_SOURCE = "flag:"


def flag_source(pk: int) -> str:
    """A flag as the source of one part of a measure's count (measures.Parts)."""
    return f"{FLAG_SOURCE}{pk}"


def open_trigger_points(person_id: int) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]:
    """Current flags nobody has dismissed, each with its sensitivity: those a viewer of
    that tier may be shown, then those still awaiting the taskforce's review, which only
    the taskforce is. None while flags are switched off. Counted unscoped: the outcome
    measures decide what each viewer sees of the count when they show it."""
    shown: dict[str, dict[str, int]] = {}
    awaiting: dict[str, dict[str, int]] = {}
    flags = current_flag_rows([person_id]).filter(dismissed_at__isnull=True)
    for pk, sensitivity, review in flags.values_list("pk", "sensitivity", "review"):
        (awaiting if review == Review.PENDING else shown)[flag_source(pk)] = {sensitivity: 1}
    return shown, awaiting
