"""The fairness panel's rate ratio and its 95% interval (Katz's log method)."""

import pytest

from risk.rate_ratio import rate_ratio


def test_equal_rates_give_a_ratio_of_one_with_an_interval_around_it():
    rr = rate_ratio(flagged=50, on_roll=500, others_flagged=100, others_on_roll=1000)
    assert rr.ratio == pytest.approx(1.0)
    assert rr.low < 1 < rr.high
    assert not rr.clearly_higher
    assert not rr.clearly_lower


def test_a_group_flagged_twice_as_often_is_clearly_higher():
    rr = rate_ratio(flagged=200, on_roll=1000, others_flagged=100, others_on_roll=1000)
    assert rr.ratio == pytest.approx(2.0)
    # Worked by hand: se = sqrt(1/200 - 1/1000 + 1/100 - 1/1000) = 0.11402
    assert rr.low == pytest.approx(2 * 2.718281828 ** (-1.959964 * 0.114018), rel=1e-4)
    assert rr.high == pytest.approx(2 * 2.718281828 ** (1.959964 * 0.114018), rel=1e-4)
    assert rr.clearly_higher


@pytest.mark.parametrize(
    ("flagged", "on_roll", "others_flagged", "others_on_roll"),
    [(0, 10, 5, 100), (5, 10, 0, 100), (0, 0, 5, 100)],
)
def test_no_ratio_exists_when_a_rate_is_zero(flagged, on_roll, others_flagged, others_on_roll):
    counts = {"on_roll": on_roll, "others_flagged": others_flagged, "others_on_roll": others_on_roll}
    assert rate_ratio(flagged=flagged, **counts) is None
