"""Small-number suppression for published aggregates (the Serious Violence Duty needs
assessment, the fairness tables). A count below 5 could single out a child, so it is
shown as `<5`; and because a table's total minus its other cells would give it back,
more cells are withheld (`c`) until no suppressed count can be worked out from what is
shown. Applied to each line of cells that adds up to a shown total, and across lines
that split the same people."""

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5
BELOW = f"<{THRESHOLD}"
WITHHELD = "c"
"""A count of 5 or more withheld only so that a `<5` next to it cannot be recovered."""
NOT_BROKEN_DOWN = "x"
"""A count of a line whose every count is below 5 while their total is not: shown as
`<5` each, they would bound the total (at most 4 a cell), and with two cells, or beside
another line that bounds the total from below, give a count back."""

_MAX_SMALL = THRESHOLD - 1
SYMBOL_NOTES = {
    BELOW: (
        f"Fewer than {THRESHOLD} (0 to {_MAX_SMALL}), suppressed so that no young person can be singled out"
    ),
    WITHHELD: (
        f"{THRESHOLD} or more, withheld so that a count below {THRESHOLD} cannot be worked out from the total"
    ),
    NOT_BROKEN_DOWN: (
        f"Not broken down: every count in this breakdown is below {THRESHOLD} while their total is not, "
        "so none is given"
    ),
}
"""What each symbol means, for a downloaded table whose reader has not the page's note beside it."""


@dataclass(frozen=True)
class Line:
    """A line of counts and its total, as published: each a number or a marker."""

    cells: tuple[int | str, ...]
    total: int | str


def _reveals(values: Sequence[int], suppressed: set[int], total: int) -> bool:
    """Whether a reader who knows the total, the cells shown, and that each `<5` is
    0-4 and each `c` at least 5, can narrow any `<5` below the whole range 0-4."""
    small = [i for i in suppressed if values[i] < THRESHOLD]
    if not small:
        return False
    hidden_sum = total - sum(v for i, v in enumerate(values) if i not in suppressed)
    withheld = len(suppressed) - len(small)
    highest_possible = hidden_sum - THRESHOLD * withheld
    if highest_possible < _MAX_SMALL:
        return True
    # With a `c` in the line the others can always absorb the rest; without one, the
    # other small cells can hold at most 4 each.
    return withheld == 0 and hidden_sum - _MAX_SMALL * (len(small) - 1) > 0


def suppress_line(values: Sequence[int]) -> Line:
    """Marks each count below 5 as `<5`, then withholds the smallest other counts until
    the total no longer gives any of them away; a total below 5 is itself `<5`. If even
    every cell withheld would not hide them, the total is withheld too. A line of counts
    that are all below 5 but add up to 5 or more is not broken down at all."""
    values = [int(v) for v in values]
    if any(v < 0 for v in values):
        raise ValueError("Counts cannot be negative.")
    total = sum(values)
    suppressed = {i for i, v in enumerate(values) if v < THRESHOLD}
    if total < THRESHOLD:
        return Line(cells=tuple(BELOW for _ in values), total=BELOW)
    if all(v < THRESHOLD for v in values):
        return Line(cells=tuple(NOT_BROKEN_DOWN for _ in values), total=total)
    by_size = sorted((v, i) for i, v in enumerate(values) if i not in suppressed)
    while _reveals(values, suppressed, total) and by_size:
        suppressed.add(by_size.pop(0)[1])
    shown_total: int | str = WITHHELD if _reveals(values, suppressed, total) else total
    cells = tuple(
        (BELOW if v < THRESHOLD else WITHHELD) if i in suppressed else v for i, v in enumerate(values)
    )
    return Line(cells=cells, total=shown_total)


def is_suppressed(value: int | str) -> bool:
    return isinstance(value, str)


def suppress_lines(lines: Sequence[Sequence[int]]) -> list[Line]:
    """Lines that split the same people, so share a total. When one must withhold it,
    all do; and a line that withholds no count of 5 or more then withholds its smallest
    shown count too, since its shown counts (with each `<5` at most 4) would otherwise
    add up to the total, or bound it, and give the first line's small counts back."""
    published = [suppress_line(values) for values in lines]
    if all(line.total != WITHHELD for line in published):
        return published
    return [_hiding_the_total(values, line) for values, line in zip(lines, published, strict=True)]


def _hiding_the_total(values: Sequence[int], line: Line) -> Line:
    cells = list(line.cells)
    shown = sorted((v, i) for i, v in enumerate(values) if not is_suppressed(cells[i]))
    if shown and WITHHELD not in cells:
        cells[shown[0][1]] = WITHHELD
    return Line(cells=tuple(cells), total=WITHHELD)
