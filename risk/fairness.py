"""The fairness panel (DESIGN.md section 2, the public-sector equality duty): for each
census group, how many pupils on roll are flagged, at what rate, and how that rate
compares with every other pupil's. Counts below 5 are suppressed as in the needs
assessment, and a suppressed group shows no rate or ratio, which would give it back."""

from dataclasses import dataclass, replace

from risk.groups import DIMENSIONS
from risk.rate_ratio import RateRatio, rate_ratio
from risk.selectors_population import GroupCounts
from risk.suppression import WITHHELD, is_suppressed, suppress_line


@dataclass(frozen=True)
class FairnessRow:
    group: str
    on_roll: int | str
    flagged: int | str
    rate: float | None
    """Per cent of the group's pupils on roll who are flagged; None when suppressed."""
    ratio: RateRatio | None
    """Against all other pupils; None when suppressed or where no ratio exists."""


@dataclass(frozen=True)
class FairnessTable:
    key: str
    title: str
    rows: list[FairnessRow]
    on_roll: int | str
    flagged: int | str


def fairness_table(key: str, counts: GroupCounts) -> FairnessTable:
    title, order = DIMENSIONS[key]
    groups = [g for g in order if counts.on_roll[g]]
    on_roll_line = suppress_line([counts.on_roll[g] for g in groups])
    flagged_line = suppress_line([counts.flagged[g] for g in groups])
    total_on_roll = sum(counts.on_roll[g] for g in groups)
    total_flagged = sum(counts.flagged[g] for g in groups)
    rows = []
    for index, group in enumerate(groups):
        shown_roll, shown_flagged = on_roll_line.cells[index], flagged_line.cells[index]
        hidden = is_suppressed(shown_roll) or is_suppressed(shown_flagged)
        n, k = counts.on_roll[group], counts.flagged[group]
        rows.append(
            FairnessRow(
                group=group,
                on_roll=shown_roll,
                flagged=shown_flagged,
                rate=None if hidden else 100 * k / n,
                ratio=None
                if hidden
                else rate_ratio(
                    flagged=k,
                    on_roll=n,
                    others_flagged=total_flagged - k,
                    others_on_roll=total_on_roll - n,
                ),
            )
        )
    return FairnessTable(
        key=key, title=title, rows=rows, on_roll=on_roll_line.total, flagged=flagged_line.total
    )


def fairness_tables(counts: dict[str, GroupCounts]) -> list[FairnessTable]:
    """One table per dimension. Every table partitions the same pupils, so a total one
    table must withhold is withheld in all: shown in another, it would give the first
    table's small counts back."""
    tables = [fairness_table(key, counts[key]) for key in DIMENSIONS]
    for column in ("on_roll", "flagged"):
        if any(getattr(t, column) == WITHHELD for t in tables):
            tables = [replace(t, **{column: WITHHELD}) for t in tables]
    return tables
