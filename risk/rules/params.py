"""The parameters of each rule type, checked before a version is saved, and each rule
said in words for the people who see its flags."""

from typing import Any

from chronology.importing.categories import CATEGORY_FEEDS
from chronology.timeline.entries import category_in_a_sentence
from portal.sentences import counted
from risk.models import RuleType
from risk.rules.vocabulary import (
    ATTRIBUTE_LABELS,
    ATTRIBUTES,
    DETAIL_VALUES,
    HOUSEHOLD,
    REGISTER_CODES,
    RELATIONSHIPS,
    words,
)

MAX_DAYS = 3660
MAX_WEEKS = 52
MAX_COUNT = 100


class RuleError(ValueError):
    """A rule an administrator composed that cannot be used, and why, in words."""


def _int(params: dict, name: str, *, low: int, high: int, default: int | None = None) -> int:
    value = params.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RuleError(f"{words(name).capitalize()} must be a whole number from {low} to {high}.")
    return value


def _choices(
    params: dict, name: str, allowed: tuple[str, ...] | list[str], *, required: bool = True
) -> list[str]:
    values = params.get(name) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RuleError(f"{words(name).capitalize()} must be a list of values.")
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise RuleError(f"Unknown {words(name)}: {', '.join(unknown)}. Use any of: {', '.join(allowed)}.")
    if required and not values:
        raise RuleError(f"Choose at least one of the {words(name)}.")
    return list(dict.fromkeys(values))


def _match(params: dict) -> dict[str, list[str]]:
    match = params.get("match") or {}
    if not isinstance(match, dict):
        raise RuleError("Match must map a detail to the values it may take.")
    cleaned = {}
    for key, values in match.items():
        if key not in DETAIL_VALUES:
            raise RuleError(f"Events cannot be matched on {key!r}. Use any of: {', '.join(DETAIL_VALUES)}.")
        cleaned[key] = _choices({key: values}, key, DETAIL_VALUES[key])
    return cleaned


def _events(params: dict, *, window: bool = True) -> dict[str, Any]:
    cleaned: dict[str, Any] = {"categories": _choices(params, "categories", list(CATEGORY_FEEDS))}
    if window:
        cleaned["min_count"] = _int(params, "min_count", low=1, high=MAX_COUNT, default=1)
        cleaned["days"] = _int(params, "days", low=1, high=MAX_DAYS)
    if match := _match(params):
        cleaned["match"] = match
    return cleaned


def _clean_params(kind: str, params: dict) -> dict[str, Any]:
    if kind == RuleType.ATTENDANCE_RATE:
        return {
            "max_percent": _int(params, "max_percent", low=0, high=100),
            "weeks": _int(params, "weeks", low=1, high=MAX_WEEKS),
            "min_possible": _int(params, "min_possible", low=1, high=MAX_WEEKS * 10, default=20),
        }
    if kind == RuleType.REGISTER_CODES:
        return {
            "codes": _choices(params, "codes", REGISTER_CODES),
            "weeks": _int(params, "weeks", low=1, high=MAX_WEEKS),
            "min_sessions": _int(params, "min_sessions", low=1, high=MAX_WEEKS * 10, default=1),
        }
    if kind == RuleType.EVENTS:
        return _events(params)
    if kind == RuleType.OPEN_EPISODE:
        return _events(params, window=False)
    if kind == RuleType.FAMILY_EVENTS:
        relationships = _choices(params, "relationships", [*RELATIONSHIPS, HOUSEHOLD])
        return {"relationships": relationships, **_events(params)}
    if kind == RuleType.ATTRIBUTE:
        field = params.get("field")
        if field not in ATTRIBUTES:
            raise RuleError(f"Field must be one of: {', '.join(ATTRIBUTES)}.")
        return {"field": field, "values": _choices(params, "values", ATTRIBUTES[field])}
    raise RuleError(f"Unknown rule type {kind!r}. Use any of: {', '.join(RuleType.values)}.")


def clean_rules(rules: object) -> list[dict[str, Any]]:
    """The rules as stored: checked, in a fixed shape, with defaults filled in."""
    if not isinstance(rules, list) or not rules:
        raise RuleError("An indicator needs at least one rule.")
    cleaned = []
    for number, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict) or not isinstance(rule.get("params", {}), dict):
            raise RuleError(f"Rule {number} must have a type and parameters.")
        try:
            cleaned.append(
                {"type": rule.get("type"), "params": _clean_params(rule.get("type"), rule["params"])}
            )
        except RuleError as error:
            raise RuleError(f"Rule {number}: {error}") from None
    return cleaned


def _event_words(p: dict) -> str:
    categories = " or ".join(category_in_a_sentence(c) for c in p["categories"])
    matched = "".join(
        f" with {words(k)} {' or '.join(words(v) for v in vs)}" for k, vs in p.get("match", {}).items()
    )
    return f"{categories}{matched}"


def describe_rule(rule: dict) -> str:
    """One rule in plain English, e.g. "At least 2 events (suspension) in the last 365 days"."""
    kind, p = rule["type"], rule["params"]
    if kind == RuleType.ATTENDANCE_RATE:
        return (
            f"Attendance of {p['max_percent']}% or less over the last {counted(p['weeks'], 'school week')} "
            f"(judged on at least {p['min_possible']} possible sessions)"
        )
    if kind == RuleType.REGISTER_CODES:
        return (
            f"At least {counted(p['min_sessions'], 'session')} recorded as {' or '.join(p['codes'])} "
            f"in the last {counted(p['weeks'], 'school week')}"
        )
    if kind == RuleType.EVENTS:
        events, days = counted(p["min_count"], "event"), counted(p["days"], "day")
        return f"At least {events} ({_event_words(p)}) in the last {days}"
    if kind == RuleType.OPEN_EPISODE:
        return f"An open episode ({_event_words(p)})"
    if kind == RuleType.FAMILY_EVENTS:
        whom = " or ".join("the household" if r == HOUSEHOLD else _a(words(r)) for r in p["relationships"])
        events, days = counted(p["min_count"], "event"), counted(p["days"], "day")
        return f"At least {events} ({_event_words(p)}) about {whom} in the last {days}"
    return f"{ATTRIBUTE_LABELS[p['field']]} is {' or '.join(p['values'])}"


def describe_rules(rules: list[dict]) -> list[str]:
    return [describe_rule(rule) for rule in rules]


def _a(noun: str) -> str:
    return "another adult" if noun == "other adult" else f"a {noun}"
