"""One data row: checked against its feed's columns, normalised, and hashed so that a
re-sent, unchanged record is recognised and skipped."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

from chronology.importing.columns import FeedSpec
from chronology.importing.csvfile import Header
from chronology.importing.values import BadValue
from chronology.linkage import Identity

IDENTITY_RULE = (
    "the row needs at least one of upn, nhs_number or local_person_id, "
    "or all of forename, surname and date_of_birth"
)


@dataclass
class ParsedRow:
    line: int
    cells: list[str]
    values: dict[str, Any]
    stored: dict[str, Any]
    key: str

    @cached_property
    def content_hash(self) -> str:
        return content_hash(self.stored)

    @property
    def digest(self) -> int:
        """A cheap fingerprint of the content, for spotting repeats within one file."""
        return hash(tuple(self.stored.items()))

    @property
    def identity(self) -> Identity:
        return Identity.from_values(self.values)


@dataclass
class Rejection:
    line: int
    cells: list[str]
    column: str
    reason: str


def to_stored(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "Y" if value else "N"
    return value


def content_hash(stored: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(stored, sort_keys=True).encode()).hexdigest()


def parse_row(spec: FeedSpec, header: Header, line: int, cells: list[str]) -> ParsedRow | Rejection:
    if len(cells) != len(header.cells):
        return Rejection(
            line, cells, "", f"the row has {len(cells)} cells but the header has {len(header.cells)}"
        )
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for column in spec.columns:
        position = header.positions.get(column.name)
        raw = cells[position].strip() if position is not None else ""
        if not raw:
            values[column.name] = None
            if column.value_required:
                problems.append((column.name, f"{column.name} is required"))
            continue
        try:
            values[column.name] = column.parse(raw)
        except BadValue as error:
            problems.append((column.name, f"{column.name}: {error}"))
    if not problems:
        problems.extend(p for check in spec.row_checks if (p := check(values)))
    if not problems and spec.checks_identity:
        identity = Identity.from_values(values)
        if not (identity.has_identifier or identity.can_compare):
            problems.append(("", IDENTITY_RULE))
    if problems:
        columns = ", ".join(dict.fromkeys(c for c, _ in problems if c))
        return Rejection(line, cells, columns, "; ".join(reason for _, reason in problems))
    stored = {name: to_stored(value) for name, value in values.items() if value is not None}
    return ParsedRow(line, cells, values, stored, str(stored[spec.key]))


def restore(spec: FeedSpec, stored: dict[str, Any]) -> dict[str, Any]:
    """The parsed values of a SourceRecord, for re-applying it after a review decision."""
    return {c.name: c.parse(str(stored[c.name])) if c.name in stored else None for c in spec.columns}
