"""Rate ratios for the fairness panel: how much more (or less) often the pupils of one
group are flagged than all other pupils on roll, with a 95% confidence interval by the
usual log method (Katz). An interval that does not include 1 suggests the difference is
unlikely to be chance alone; it does not say why, and the page says so."""

import math
from dataclasses import dataclass

from portal.charts import sided

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class RateRatio:
    ratio: float
    low: float
    high: float

    @property
    def words(self) -> str:
        """As in "1.18 (1.004 to 1.38)": each figure with the decimals it takes to be on its
        side of 1 (portal.charts.sided), as in the chart, so a tag agrees with what is shown."""
        return f"{sided(self.ratio)} ({sided(self.low)} to {sided(self.high)})"

    @property
    def clearly_higher(self) -> bool:
        return self.low > 1

    @property
    def clearly_lower(self) -> bool:
        return self.high < 1


def rate_ratio(*, flagged: int, on_roll: int, others_flagged: int, others_on_roll: int) -> RateRatio | None:
    """The group's flag rate over everyone else's; None where either rate is zero or a
    group is empty, since no ratio (or no finite interval) exists then."""
    if min(flagged, others_flagged) <= 0 or min(on_roll, others_on_roll) <= 0:
        return None
    if flagged > on_roll or others_flagged > others_on_roll:
        raise ValueError("More pupils flagged than on roll.")
    ratio = (flagged / on_roll) / (others_flagged / others_on_roll)
    se = math.sqrt(1 / flagged - 1 / on_roll + 1 / others_flagged - 1 / others_on_roll)
    log_ratio = math.log(ratio)
    return RateRatio(ratio=ratio, low=math.exp(log_ratio - Z_95 * se), high=math.exp(log_ratio + Z_95 * se))
