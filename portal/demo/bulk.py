"""Bulk loading for cities built for benchmarks (100k young people, ~38M register marks a
year). Writing CSVs and importing them row by row through the ORM takes hours at that
size, so the scale path streams the same generators' rows, chunk by chunk, straight into
PostgreSQL COPY, with the provenance columns filled as the importer would fill them."""

import io
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, NotSupportedError, connections

from portal.demo.generate import CityFeeds
from portal.demo.spec import FEED_COLUMNS

T = TypeVar("T")

DEFAULT_CHUNK_ROWS = 50_000


def chunked(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def feed_chunks(feeds: CityFeeds, feed: str, *, size: int = DEFAULT_CHUNK_ROWS) -> Iterator[list[dict]]:
    """A feed's rows in FEEDS.md shape (the columns of FEED_COLUMNS[feed], in that order),
    in chunks of `size`: the same rows seed_demo writes to the feed's file."""
    columns = FEED_COLUMNS[feed]
    return chunked(({c: row[c] for c in columns} for row in feeds.feed_rows(feed)), size)


def copy_rows(
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    using: str = DEFAULT_DB_ALIAS,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> int:
    """COPY `rows` (value sequences in `columns` order) into `table`, one in-memory buffer
    per chunk so memory stays flat however many rows stream in; returns how many rows
    were copied. None is NULL; dicts and lists are JSON; dates are ISO 8601."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise NotSupportedError(
            "Bulk loading with COPY needs PostgreSQL; on SQLite build the demo city with seed_demo instead."
        )
    quote = connection.ops.quote_name
    sql = f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    copied = 0
    with connection.cursor() as cursor:
        for chunk in chunked(rows, chunk_rows):
            buffer = io.StringIO()
            for row in chunk:
                if len(row) != len(columns):
                    raise ValueError(f"Row {copied + 1} has {len(row)} values for {len(columns)} columns.")
                buffer.write("\t".join(_copy_text(value) for value in row))
                buffer.write("\n")
                copied += 1
            buffer.seek(0)
            cursor.copy_expert(sql, buffer)
    return copied


def _copy_text(value: object) -> str:
    """One value in COPY's text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, dict | list):
        text = json.dumps(value, sort_keys=True)
    elif isinstance(value, date | datetime):
        text = value.isoformat()
    else:
        text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
