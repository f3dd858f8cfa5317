from risk.models.flags import DismissalReason, Flag, FlagEvidence, Review
from risk.models.indicators import Indicator, IndicatorVersion, RuleType
from risk.models.switch import FlagSettings

__all__ = [
    "DismissalReason",
    "Flag",
    "FlagEvidence",
    "FlagSettings",
    "Indicator",
    "IndicatorVersion",
    "Review",
    "RuleType",
]
