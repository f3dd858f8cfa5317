from chronology.models.events import Event, Sensitivity
from chronology.models.feeds import Feed, FeedRun, RejectedRow, SourceRecord

__all__ = ["Event", "Feed", "FeedRun", "RejectedRow", "Sensitivity", "SourceRecord"]
