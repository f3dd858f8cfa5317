"""COPY for writes of thousands of rows (a scale city, an import's threshold events):
the ORM builds a model and an INSERT parameter list per row, which costs more than the
database's own work at that size."""

import io
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, NotSupportedError, connections

T = TypeVar("T")

DEFAULT_CHUNK_ROWS = 50_000


def chunked(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


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
            text = _ChunkTexts()
            for row in chunk:
                if len(row) != len(columns):
                    raise ValueError(f"Row {copied + 1} has {len(row)} values for {len(columns)} columns.")
                buffer.write("\t".join(map(text, row)))
                buffer.write("\n")
                copied += 1
            buffer.seek(0)
            cursor.copy_expert(sql, buffer)
    return copied


class _ChunkTexts(dict):
    """_copy_text, remembering the text of each date, time and float object of one chunk
    by its identity (the chunk keeps them alive, so no identity is reused meanwhile): the
    rows of a bulk write usually share one timestamp object, which was formatted afresh
    for every row (an import's 25,000 threshold events have two each)."""

    def __call__(self, value: object) -> str:
        kind = type(value)
        if kind is str:
            return _escaped(value)
        if kind is int:
            return str(value)
        if kind is datetime or kind is date or kind is float:
            text = self.get(id(value))
            if text is None:
                text = self[id(value)] = _copy_text(value)
            return text
        return _copy_text(value)


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
    return _escaped(text)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
