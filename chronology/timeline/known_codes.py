"""The codes the chronology's category and source filters accept. A code outside them
matched nothing, and "0 entries" read as "no such events" where the link was mistyped
or stale, so the page and the API refuse it by name instead."""

from chronology.importing.categories import CATEGORY_FEEDS
from chronology.models import Feed
from chronology.timeline.entries import ATTENDANCE_WEEK, SCHOOL_END, SCHOOL_START
from chronology.timeline_sources import timeline_sources


def known_categories() -> frozenset[str]:
    """Those the importer writes, school moves and attendance weeks, and each registered
    capability's; read at each request, as capabilities register when Django starts."""
    built_in = {*CATEGORY_FEEDS, SCHOOL_START, SCHOOL_END, ATTENDANCE_WEEK}
    return frozenset(built_in.union(*(source.categories for source in timeline_sources())))


def known_sources() -> frozenset[str]:
    """Every feed and every registered capability, whether or not this chronology has
    entries from it: a source without entries is a true "0 entries"."""
    return frozenset({*Feed.Code.values, *(source.code for source in timeline_sources())})


def unknown(codes: frozenset[str], known: frozenset[str]) -> str | None:
    """The first code asked for that is not known, in order, for the error to name."""
    return next(iter(sorted(codes - known)), None)
