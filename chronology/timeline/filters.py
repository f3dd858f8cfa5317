"""What a viewer asked the chronology for. Parsed from the query string by
chronology.forms_timeline, and written back into every link (pagination, print, CSV) so
that the filters survive them."""

from dataclasses import dataclass, field
from datetime import date

from django.http import QueryDict

from chronology.timeline.entries import TimelineEntry

SEARCH_MAX_LENGTH = 200


def search_words(text: str) -> str:
    """The search as every way of asking reads it (the page, its print view and CSV, and
    the API), so that the same words find the same entries: runs of spaces count as one."""
    return " ".join(text.split())


@dataclass(frozen=True)
class TimelineFilter:
    categories: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    start: date | None = None
    end: date | None = None
    with_family: bool = True
    q: str = ""
    oldest_first: bool = False

    def matches(
        self, entry: TimelineEntry, *, found: frozenset[str] = frozenset(), ignore_category: bool = False
    ) -> bool:
        """Search and source match only what the viewer can see of the entry, so that a
        filter never finds, by its results, text or a source the viewer may not see.
        `found`: keys of entries whose text, not yet read, the database found the search in."""
        if self.start and entry.occurred_on < self.start and not self._running(entry):
            return False
        if self.end and entry.occurred_on > self.end:
            return False
        if not self.with_family and entry.is_family:
            return False
        if self.sources and entry.source_code not in self.sources:
            return False
        if entry.is_gap:
            return True
        if self.categories and not ignore_category and entry.category not in self.categories:
            return False
        return not self.q or entry.key in found or self._found(entry)

    def matches_all(self, *, ignore_category: bool = False) -> bool:
        """Whether `matches` keeps every entry, so that a long chronology's unfiltered page
        need not ask it of thousands of entries."""
        narrowed = self.start or self.end or not self.with_family or self.sources or self.q
        return not narrowed and (ignore_category or not self.categories)

    def _running(self, entry: TimelineEntry) -> bool:
        return entry.runs_until is not None and self.start is not None and entry.runs_until >= self.start

    def _found(self, entry: TimelineEntry) -> bool:
        needle = self.q.casefold()
        visible = [
            entry.category_label,
            entry.about,
            entry.summary or entry.name or "",
            entry.source_label or "",
        ]
        return any(needle in text.casefold() for text in visible)

    def query(self) -> QueryDict:
        """The filter as query-string parameters, for links that must keep it."""
        params = QueryDict(mutable=True)
        params.setlist("category", sorted(self.categories))
        params.setlist("source", sorted(self.sources))
        if self.start:
            params["from"] = self.start.isoformat()
        if self.end:
            params["to"] = self.end.isoformat()
        if not self.with_family:
            params["people"] = "young_person"
        if self.q:
            params["q"] = self.q
        if self.oldest_first:
            params["order"] = "oldest"
        return params

    @property
    def is_default(self) -> bool:
        return self == TimelineFilter()
