"""The derived tier: never shown without the flags that make it (DESIGN.md section 4)."""

from dataclasses import dataclass

from django.db import models
from django.db.models import Case, CharField, F, IntegerField, Value, When

from risk.models import FlagSettings


class TierName(models.TextChoices):
    NONE = "none", "No trigger points"
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


ALL_DISMISSED = "None (every trigger point dismissed)"
"""The tier of a listed young person whose trigger points were all dismissed, as
risk/templatetags/flagged_rows.py says it: beside "tp04(dismissed)" in the CSV, "No trigger points" read
as if the list had none."""


@dataclass(frozen=True)
class Tier:
    name: TierName
    weight: int
    reasons: list[str]
    """The labels of the flags that make it, as the viewer may see them."""
    weighs_unnamed: bool = False
    """Part of the weight is of flags the viewer may not name: the weight is then not
    given, since less what the named ones weigh it would say how many there are."""

    @property
    def label(self) -> str:
        return self.name.label

    def label_beside(self, *, dismissed: bool) -> str:
        """The label where dismissed trigger points are shown beside it: "No trigger
        points" next to a dismissed one reads as if there were none at all."""
        return ALL_DISMISSED if dismissed and self.name == TierName.NONE else self.label


def tier_name(weight: int, settings: FlagSettings) -> TierName:
    if weight <= 0:
        return TierName.NONE
    if weight >= settings.high_tier_at:
        return TierName.HIGH
    if weight >= settings.medium_tier_at:
        return TierName.MEDIUM
    return TierName.LOW


def tier_of(flags: list[tuple[str, int]], settings: FlagSettings, *, weighs_unnamed: bool = False) -> Tier:
    """`flags`: (label, weight) of each current, undismissed flag the viewer sees."""
    weight = sum(w for _, w in flags)
    return Tier(
        name=tier_name(weight, settings),
        weight=weight,
        reasons=[label for label, _ in flags],
        weighs_unnamed=weighs_unnamed,
    )


def flag_weight() -> Case:
    """A flag's part of the tier: its version's weight, doubled where the rule's
    stronger threshold is met (as risk.selectors counts it)."""
    return Case(
        When(stronger=True, then=F("version__weight") * 2),
        default=F("version__weight"),
        output_field=IntegerField(),
    )


def tier_case(settings: FlagSettings) -> Case:
    """tier_name in SQL, over a grouped row's `weight`."""
    return Case(
        When(weight__gte=settings.high_tier_at, then=Value(TierName.HIGH.value)),
        When(weight__gte=settings.medium_tier_at, then=Value(TierName.MEDIUM.value)),
        When(weight__gt=0, then=Value(TierName.LOW.value)),
        default=Value(TierName.NONE.value),
        output_field=CharField(),
    )


def tier_rank_case(settings: FlagSettings) -> Case:
    """The tier as a number to sort by (high first when descending), over a grouped
    row's `weight`: sorting by the weight itself would order a tier's young people by
    what the viewer may not name."""
    return Case(
        When(weight__gte=settings.high_tier_at, then=Value(3)),
        When(weight__gte=settings.medium_tier_at, then=Value(2)),
        When(weight__gt=0, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
