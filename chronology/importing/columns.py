"""How a feed's columns are described: each column's parser and whether the header must
have it (`column_required`, else the file is rejected whole) and every row a value
(`value_required`)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import models

from chronology.importing.values import at_most, text

IDENTIFIER_NAMES = frozenset({"upn", "nhs_number", "local_person_id"})


def fits(model: type[models.Model], field_name: str) -> Callable[[str], Any]:
    """Text no longer than the model field it is stored in."""
    return at_most(model._meta.get_field(field_name).max_length)


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[str], Any] = text
    column_required: bool = False
    value_required: bool = False


def required(name: str, parse: Callable[[str], Any] = text) -> Column:
    return Column(name, parse, column_required=True, value_required=True)


def listed(name: str, parse: Callable[[str], Any] = text) -> Column:
    """A column the file must have, whose cells may be empty (unknown)."""
    return Column(name, parse, column_required=True)


def optional(name: str, parse: Callable[[str], Any] = text) -> Column:
    return Column(name, parse)


@dataclass(frozen=True)
class FeedSpec:
    code: str
    columns: tuple[Column, ...]
    key: str = "source_record_id"
    person_level: bool = True
    family_level: bool = False
    row_checks: tuple[Callable[[dict], tuple[str, str] | None], ...] = field(default_factory=tuple)

    @cached_property
    def checks_identity(self) -> bool:
        """Whether rows must be checked for enough identity (FEEDS.md section 2); not
        needed where an identifier is itself a required value."""
        required_identifier = any(c.value_required for c in self.columns if c.name in IDENTIFIER_NAMES)
        return self.person_level and not self.family_level and not required_identifier

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)
