"""Reading a feed file by the rules of FEEDS.md section 1: UTF-8 with or without a BOM,
RFC 4180 quoting, one header row matched case-insensitively in any order. A cell our own
rejected-rows download neutralised (a leading apostrophe before = + - @) comes back as
it was sent, so a corrected download imports the value, not the apostrophe."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from chronology.importing.columns import FeedSpec
from chronology.importing.specs import IDENTITY_NAMES
from portal.csv_safety import restore_cell


class FileRejected(Exception):
    """The whole file breaks the specification; nothing from it is imported."""


@dataclass(frozen=True)
class Header:
    cells: list[str]
    positions: dict[str, int]
    unknown: list[str]
    unsupplied: list[str]


def _decoded_lines(path: Path) -> Iterator[str]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise FileRejected(
                    f"The file is not valid UTF-8: line {number} cannot be read "
                    f"(byte {error.start + 1} of the line). Save the file as UTF-8 and import it again."
                ) from None
            if "\x00" in line:
                # PostgreSQL stores no NUL character, in text or JSON: a row holding one
                # would stop the import midway, and the same file again would stop again.
                raise FileRejected(
                    f"Line {number} holds a NUL character (byte {raw.index(0) + 1} of the line), which "
                    "no value in a feed may hold: the file may be damaged, or saved in another format. "
                    "Save the file as CSV UTF-8 and import it again."
                )
            yield line


BARE_CR = "new-line character seen in unquoted field"
"""What the csv module says of a carriage return that ends no CRLF (and hints, unhelpfully
for a data officer, at Python's universal-newline mode)."""


FIELD_LIMIT = "field larger than field limit"
"""What the csv module says of a cell over its limit, in programmer's words."""


def not_valid_csv(line: int, error: csv.Error) -> FileRejected:
    reason = str(error)
    if FIELD_LIMIT in reason:
        reason = f"a cell is longer than {csv.field_size_limit():,} characters"
    elif BARE_CR in reason:
        reason = (
            "a line ends with a carriage return alone (as the old 'CSV (Macintosh)' format saves "
            "them). Save the file as CSV UTF-8 and import it again"
        )
    return FileRejected(f"Line {line} is not valid CSV: {reason}.")


def count_rows(path: Path) -> int:
    """Data rows in the file (a first pass that also proves the whole file decodes). A row
    the csv module cannot read at all (a cell over its field limit) rejects the file here,
    with the words the second pass would use, rather than failing the run."""
    reader = csv.reader(_decoded_lines(path))
    rows, start = 0, 1
    try:
        for cells in reader:
            rows += bool(cells)
            start = reader.line_num + 1
    except csv.Error as error:
        raise not_valid_csv(start, error) from None
    return max(rows - 1, 0)


def read_header(cells: list[str], spec: FeedSpec) -> Header:
    names = [c.strip().lower() for c in cells]
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise FileRejected(f"The header names the column {name!r} twice.")
        seen.add(name)
    missing = [c.name for c in spec.columns if c.column_required and c.name not in seen]
    if missing:
        raise FileRejected(
            f"The file is missing required column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}."
        )
    if spec.person_level and not spec.family_level and not (seen & IDENTITY_NAMES):
        raise FileRejected(
            "The file has no identity columns: it needs upn, nhs_number, local_person_id, "
            "or forename, surname and date_of_birth."
        )
    known = set(spec.names)
    positions = {name: i for i, name in enumerate(names) if name in known}
    unknown = [cell for cell, name in zip(cells, names, strict=True) if name not in known]
    unsupplied = [c.name for c in spec.columns if c.name in IDENTITY_NAMES and c.name not in seen]
    return Header(cells=cells, positions=positions, unknown=unknown, unsupplied=unsupplied)


def read_rows(path: Path, spec: FeedSpec) -> tuple[Header, Iterator[tuple[int, list[str]]]]:
    """The header and an iterator of (line number where the row starts, cells)."""
    reader = csv.reader(_decoded_lines(path), strict=True)
    try:
        first = next(reader)
    except StopIteration:
        raise FileRejected("The file is empty: it has no header row.") from None
    except csv.Error as error:
        raise not_valid_csv(1, error) from None
    header = read_header(first, spec)

    def rows() -> Iterator[tuple[int, list[str]]]:
        start = reader.line_num + 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise not_valid_csv(start, error) from None
            if cells:
                yield start, [restore_cell(cell) for cell in cells]
            start = reader.line_num + 1

    return header, rows()
