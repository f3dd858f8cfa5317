"""Small-number suppression: no count below 5 is published, and none can be worked out
from a line's total and the cells shown beside it."""

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from risk.suppression import BELOW, WITHHELD, suppress_line


def feasible_values(published, values):
    """Every value each hidden cell could take, for a reader who knows the published
    line and what the markers mean (`<5` is 0-4, `c` is 5 or more)."""
    total = published.total
    hidden = [i for i, c in enumerate(published.cells) if isinstance(c, str)]
    if isinstance(total, str):
        return None
    shown = sum(c for c in published.cells if not isinstance(c, str))
    ranges = [range(0, 5) if published.cells[i] == BELOW else range(5, total + 1) for i in hidden]
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
    line = suppress_line([4, 4])
    assert line.cells == (BELOW, BELOW)
    assert line.total == WITHHELD


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="negative"):
        suppress_line([3, -1])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=14), min_size=1, max_size=4))
def test_no_small_count_can_be_recovered_from_the_total(values):
    published = suppress_line(values)
    for cell, value in zip(published.cells, values, strict=True):
        assert cell == value or (cell == BELOW and value < 5) or (cell == WITHHELD and value >= 5)
    possible = feasible_values(published, values)
    if possible is None:
        return
    for i, options in possible.items():
        if published.cells[i] == BELOW:
            assert options == {0, 1, 2, 3, 4}, (values, published)
