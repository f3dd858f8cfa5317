from stewardship.models.alerts import FeedAlert
from stewardship.models.retention import LegalHold, RetentionRun

__all__ = ["FeedAlert", "LegalHold", "RetentionRun"]
