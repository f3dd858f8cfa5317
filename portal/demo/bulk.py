"""Bulk loading for cities built for benchmarks (100k young people, ~38M register marks a
year). Writing CSVs and importing them row by row through the ORM takes hours at that
size, so the scale path streams the same generators' rows, chunk by chunk, straight into
PostgreSQL COPY, with the provenance columns filled as the importer would fill them."""

from collections.abc import Iterator

from portal.db_copy import DEFAULT_CHUNK_ROWS, chunked
from portal.demo.generate import CityFeeds
from portal.demo.spec import FEED_COLUMNS


def feed_chunks(feeds: CityFeeds, feed: str, *, size: int = DEFAULT_CHUNK_ROWS) -> Iterator[list[dict]]:
    """A feed's rows in FEEDS.md shape (the columns of FEED_COLUMNS[feed], in that order),
    in chunks of `size`: the same rows seed_demo writes to the feed's file."""
    columns = FEED_COLUMNS[feed]
    return chunked(({c: row[c] for c in columns} for row in feeds.feed_rows(feed)), size)
