"""The fairness panel (DESIGN.md section 2, the public-sector equality duty): for each
census group, how many pupils on roll are flagged, at what rate, and how that rate
compares with every other pupil's. Counts below 5 are suppressed as in the needs
assessment, and a suppressed group shows no rate or ratio, which would give it back."""

from dataclasses import dataclass

from risk.groups import DIMENSIONS
from risk.rate_ratio import RateRatio, rate_ratio
from risk.selectors_population import GroupCounts
from risk.suppression import Line, is_suppressed, suppress_lines


@dataclass(frozen=True)
class FairnessRow:
    group: str
    on_roll: int | str
    flagged: int | str
    rate: float | None
    """Per cent of the group's pupils on roll who are flagged; None when suppressed."""
    ratio: RateRatio | None
    """Against all other pupils; None when suppressed or where no ratio exists."""
    no_ratio: str = ""
    """Why there is no ratio, when there is none: a blank cell would read as a ratio
    nobody worked out, or as one hidden for no reason."""


@dataclass(frozen=True)
class FairnessTable:
    key: str
    title: str
    rows: list[FairnessRow]
    on_roll: int | str
    flagged: int | str
    no_ratios: str = ""
    """Why the table has no ratio at all, when it has no group to compare."""
    rate: float | None = None
    """Per cent of all pupils on roll who are flagged: the baseline each group's rate is
    read against. None when a total is withheld, or nobody is on roll."""
    no_rate: str = ""

    @property
    def in_sentence(self) -> str:
        """The title inside a sentence ("Rate ratio by sex"): lower case, except an
        acronym, which stays as it is ("SEN provision")."""
        first, _, rest = self.title.partition(" ")
        return " ".join(filter(None, (first if first.isupper() else first.lower(), rest)))


def _fairness_table(key: str, counts: GroupCounts, on_roll_line: Line, flagged_line: Line) -> FairnessTable:
    title, order = DIMENSIONS[key]
    groups = _groups(key, counts)
    total_on_roll = sum(counts.on_roll[g] for g in groups)
    total_flagged = sum(counts.flagged[g] for g in groups)
    # A ratio is against everyone else's rate: with a total withheld it would give it back.
    totals_hidden = is_suppressed(on_roll_line.total) or is_suppressed(flagged_line.total)
    rows = []
    for index, group in enumerate(groups):
        shown_roll, shown_flagged = on_roll_line.cells[index], flagged_line.cells[index]
        hidden = is_suppressed(shown_roll) or is_suppressed(shown_flagged)
        n, k = counts.on_roll[group], counts.flagged[group]
        ratio = None
        if not (hidden or totals_hidden):
            ratio = rate_ratio(
                flagged=k, on_roll=n, others_flagged=total_flagged - k, others_on_roll=total_on_roll - n
            )
        rows.append(
            FairnessRow(
                group=group,
                on_roll=shown_roll,
                flagged=shown_flagged,
                rate=None if hidden else 100 * k / n,
                ratio=ratio,
                no_ratio=""
                if ratio
                else _no_ratio(hidden=hidden, totals_hidden=totals_hidden, n=n, total_on_roll=total_on_roll),
            )
        )
    return FairnessTable(
        key=key,
        title=title,
        rows=rows,
        on_roll=on_roll_line.total,
        flagged=flagged_line.total,
        no_ratios="" if groups else "No rate ratios: no pupils are on roll yet.",
        rate=None if totals_hidden or not total_on_roll else 100 * total_flagged / total_on_roll,
        no_rate=_no_total_rate(totals_hidden=totals_hidden, total_on_roll=total_on_roll),
    )


def _no_total_rate(*, totals_hidden: bool, total_on_roll: int) -> str:
    if totals_hidden:
        return "No rate: its counts are below 5."
    return "" if total_on_roll else "No rate: no pupils are on roll yet."


def _no_ratio(*, hidden: bool, totals_hidden: bool, n: int, total_on_roll: int) -> str:
    """In the order a reader would ask: suppression first, since saying more about a
    suppressed row (that it has no flags, say) would give its count back."""
    if hidden:
        return "No ratio: its counts are below 5 or withheld."
    if totals_hidden:
        return "No ratio: the table's total is withheld."
    if total_on_roll == n:
        return "No ratio: there are no other pupils on roll to compare with."
    return "No ratio: a rate of 0 cannot be compared by dividing."


def _groups(key: str, counts: GroupCounts) -> list[str]:
    return [g for g in DIMENSIONS[key][1] if counts.on_roll[g]]


def fairness_tables(counts: dict[str, GroupCounts]) -> list[FairnessTable]:
    """One table per dimension. Every table splits the same pupils, so each column is
    suppressed across the tables together (risk.suppression.suppress_lines): a total
    one table must withhold, shown or added up in another, would give it back."""
    keys = list(DIMENSIONS)
    groups = {key: _groups(key, counts[key]) for key in keys}
    on_roll = suppress_lines([[counts[k].on_roll[g] for g in groups[k]] for k in keys])
    flagged = suppress_lines([[counts[k].flagged[g] for g in groups[k]] for k in keys])
    return [
        _fairness_table(key, counts[key], roll_line, flagged_line)
        for key, roll_line, flagged_line in zip(keys, on_roll, flagged, strict=True)
    ]
