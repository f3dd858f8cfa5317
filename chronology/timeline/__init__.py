"""A young person's merged, redacted chronology (issue 20). The page, its print view,
its CSV and the API all build it with `timeline_for`, so they show the same entries at
the same detail. See docs/chronology.md."""

from chronology.timeline.build import CategoryCount, Timeline, hydrate, timeline_for
from chronology.timeline.entries import TimelineEntry
from chronology.timeline.filters import TimelineFilter

__all__ = ["CategoryCount", "Timeline", "TimelineEntry", "TimelineFilter", "hydrate", "timeline_for"]
