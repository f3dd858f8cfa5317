"""Small-number suppression: no count below 5 is published, and none can be worked out
from a line's total and the cells shown beside it."""

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from risk.suppression import BELOW, NOT_BROKEN_DOWN, WITHHELD, is_suppressed, suppress_line, suppress_lines


def feasible_values(published, values):
    """Every value each hidden cell could take, for a reader who knows the published
    line and what the markers mean (`<5` is 0-4, `c` is 5 or more, `x` anything)."""
    total = published.total
    hidden = [i for i, c in enumerate(published.cells) if isinstance(c, str)]
    if isinstance(total, str):
        return None
    shown = sum(c for c in published.cells if not isinstance(c, str))
    least = {BELOW: 0, WITHHELD: 5, NOT_BROKEN_DOWN: 0}
    ranges = [
        range(0, 5) if published.cells[i] == BELOW else range(least[published.cells[i]], total + 1)
        for i in hidden
    ]
    possible = {i: set() for i in hidden}
    for guess in product(*ranges):
        if shown + sum(guess) == total:
            for i, v in zip(hidden, guess, strict=True):
                possible[i].add(v)
    return possible


def test_counts_of_five_or_more_are_shown_as_they_are():
    line = suppress_line([5, 12, 40])
    assert line.cells == (5, 12, 40)
    assert line.total == 57


def test_a_lone_small_count_takes_the_next_smallest_with_it():
    line = suppress_line([3, 40, 12])
    assert line.cells == (BELOW, 40, WITHHELD)
    assert line.total == 55


def test_zero_is_below_five_and_two_zeros_cannot_be_read_off_the_total():
    line = suppress_line([0, 0, 30, 9])
    assert line.cells[:2] == (BELOW, BELOW)
    assert WITHHELD in line.cells


def test_a_total_below_five_is_itself_suppressed():
    assert suppress_line([1, 2]).total == BELOW
    assert suppress_line([1, 2]).cells == (BELOW, BELOW)


def test_when_no_cell_can_hide_them_the_total_is_withheld():
    line = suppress_line([1, 1, 5])
    assert line.cells == (BELOW, BELOW, WITHHELD)
    assert line.total == WITHHELD


def test_a_line_of_small_counts_adding_up_to_five_or_more_is_not_broken_down():
    """As `<5` each, [4, 4] would say each is at least 1 once a reader knows the total
    is 5 or more."""
    line = suppress_line([4, 4])
    assert line.cells == (NOT_BROKEN_DOWN, NOT_BROKEN_DOWN)
    assert line.total == 8


def test_a_line_of_small_counts_gives_no_bound_to_a_line_beside_it():
    """By school [4, 4, 3] as `<5` each is at most 12 in all; by district [6, c] at least
    11: together each school would be 3 or 4."""
    by_school, by_district = suppress_lines([[4, 4, 3], [6, 5]])
    assert by_school.cells == (NOT_BROKEN_DOWN,) * 3
    assert by_district.cells == (6, 5)
    assert by_school.total == by_district.total == 11


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="negative"):
        suppress_line([3, -1])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=4))
def test_no_small_count_can_be_recovered_from_the_total(values):
    published = suppress_line(values)
    for cell, value in zip(published.cells, values, strict=True):
        assert (
            cell == value
            or (cell == BELOW and value < 5)
            or (cell == WITHHELD and value >= 5)
            or (cell == NOT_BROKEN_DOWN and all(v < 5 for v in values))
        )
    possible = feasible_values(published, values)
    if possible is None:
        return
    for i, options in possible.items():
        if published.cells[i] == BELOW:
            assert options == {0, 1, 2, 3, 4}, (values, published)


def test_a_line_that_must_hide_the_total_hides_it_in_lines_that_would_add_up_to_it():
    """[3, 5, 5] must withhold its total 13; [6, 7] alone hides nothing, and its cells
    would add up to 13, leaving the `<5` at most 3."""
    first, second = suppress_lines([[3, 5, 5], [6, 7]])
    assert first.total == second.total == WITHHELD
    assert second.cells == (WITHHELD, 7)


def _sums(cells) -> tuple[int, float]:
    """The least and most a line's cells can add up to: each `<5` 0-4, each `c` 5 or
    more, each `x` anything."""
    low = sum(5 if c == WITHHELD else 0 if c in (BELOW, NOT_BROKEN_DOWN) else c for c in cells)
    unbounded = WITHHELD in cells or NOT_BROKEN_DOWN in cells
    high = float("inf") if unbounded else sum(4 if c == BELOW else c for c in cells)
    return low, high


def jointly_possible(published):
    """Every value each `<5` could take, for a reader who sees lines that split the same
    people (so share a total) and knows a withheld total is at least 5 (and a `<5` one
    at most 4). Sums of ranges of whole numbers are ranges, so each line's bounds are
    enough."""
    total = published[0].total
    bounds = [_sums(line.cells) for line in published]
    if total == BELOW:
        low, high = 0, min([4, *(hi for _, hi in bounds)])
    else:
        low = max([5, *(lo for lo, _ in bounds)]) if is_suppressed(total) else total
        high = min(hi for _, hi in bounds) if is_suppressed(total) else total
    possible = []
    for line in published:
        options = {}
        for i, cell in enumerate(line.cells):
            if cell != BELOW:
                continue
            rest_low, rest_high = _sums(line.cells[:i] + line.cells[i + 1 :])
            options[i] = {v for v in range(5) if max(low, rest_low + v) <= min(high, rest_high + v)}
        possible.append(options)
    return possible


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=12), min_size=2, max_size=4),
    st.lists(st.integers(min_value=0, max_value=3), min_size=2, max_size=3),
)
def test_no_small_count_can_be_recovered_from_lines_sharing_a_total(first, cuts):
    """The second line splits the first's total another way."""
    total = sum(first)
    points = sorted(min(total, c * 4) for c in cuts)
    second = [b - a for a, b in zip([0, *points], [*points, total], strict=True)]
    published = suppress_lines([first, second])
    for options in jointly_possible(published):
        for cell_options in options.values():
            assert cell_options == {0, 1, 2, 3, 4}, (first, second, published)
