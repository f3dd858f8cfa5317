"""The few places PostgreSQL and SQLite (the demo's database) write the same thing
differently: reading a value out of an event's JSON details."""

from django.db import connection

from risk.rules.vocabulary import DETAIL_VALUES, LIST_DETAILS


def placeholders(values: list) -> str:
    return ", ".join(["%s"] * len(values))


def detail_matches(alias: str, key: str, values: list[str]) -> tuple[str, list]:
    """SQL true when the event's detail `key` is (or, for a list, contains) any of
    `values`. The key is interpolated, so it must be one the vocabulary knows."""
    if key not in DETAIL_VALUES:
        raise ValueError(f"unknown detail {key!r}")
    if connection.vendor == "postgresql":
        if key in LIST_DETAILS:
            return f"({alias}.details -> '{key}') ?| %s", [list(values)]
        return f"({alias}.details ->> '{key}') IN ({placeholders(values)})", list(values)
    if key in LIST_DETAILS:
        each = f"json_each({alias}.details, '$.{key}')"
        return f"EXISTS (SELECT 1 FROM {each} j WHERE j.value IN ({placeholders(values)}))", list(values)  # nosec B608  # key checked against the vocabulary; values bound
    return f"json_extract({alias}.details, '$.{key}') IN ({placeholders(values)})", list(values)
