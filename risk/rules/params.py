"""The parameters of each rule type, checked before a version is saved, and each rule
said in words for the people who see its flags."""

from collections.abc import Callable
from typing import Any

from chronology.importing.categories import CATEGORY_FEEDS
from chronology.timeline.entries import category_in_a_sentence
from portal.sentences import counted
from risk.models import RuleType
from risk.rules.vocabulary import (
    ATTRIBUTE_LABELS,
    ATTRIBUTES,
    DETAIL_LABELS,
    DETAIL_VALUES,
    HOUSEHOLD,
    REGISTER_CODES,
    RELATIONSHIPS,
    words,
)

MAX_DAYS = 3660
MAX_WEEKS = 52
MAX_COUNT = 100

BOUNDS: dict[str, tuple[int, int]] = {
    "max_percent": (0, 100),
    "weeks": (1, MAX_WEEKS),
    "min_possible": (1, MAX_WEEKS * 10),
    "min_sessions": (1, MAX_WEEKS * 10),
    "days": (1, MAX_DAYS),
    "min_count": (1, MAX_COUNT),
}
"""Each number a rule takes, lowest and highest: the rule builder's fields take theirs
from here, so the form and the rule cannot refuse the same number in different words."""

PARAM_WORDS: dict[str, str] = {
    "max_percent": "the attendance percentage",
    "weeks": "how many school weeks back the rule looks",
    "min_possible": "the fewest possible sessions the rule judges on",
    "min_sessions": "the fewest sessions the rule needs",
    "days": "how many days back the rule looks",
    "min_count": "the fewest events the rule needs",
    "codes": "the register codes",
    "categories": "which kinds of event count",
    "relationships": "the relationships whose events count",
    "field": "which attribute to check",
}
"""Each parameter as its errors say it after "Enter" or "Choose", in the words of the
rule builder's labels: the names are the stored rule's, which no administrator sees."""

CODE_NOUNS = {"codes": "register marks", "categories": "kinds of event", "relationships": "relationships"}
"""What a list parameter's codes are codes for, in "X is not a code the feeds send for ..."."""

TYPED = frozenset({"codes", "values", *DETAIL_VALUES})
"""List parameters typed as codes in the rule builder (the others are ticked or chosen)."""


class RuleError(ValueError):
    """A rule an administrator composed that cannot be used, and why, in words; `param`
    names the parameter at fault, for the rule builder to put the error beside its field."""

    def __init__(self, message: str, *, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


def number_message(name: str) -> str:
    low, high = BOUNDS[name]
    return f"Enter {PARAM_WORDS[name]} as a whole number from {low:,} to {high:,}"


def _int(params: dict, name: str, *, default: int | None = None) -> int:
    value = params.get(name, default)
    low, high = BOUNDS[name]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RuleError(number_message(name), param=name)
    return value


def _choices(
    params: dict, name: str, allowed: tuple[str, ...] | list[str], *, said: tuple[str, str] | None = None
) -> list[str]:
    """`said`: the parameter's words and what its codes are for, when not in the tables
    above (an event detail's, an attribute's values)."""
    words, noun = said or (PARAM_WORDS[name], CODE_NOUNS[name])
    values = params.get(name) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RuleError(f"Give {words} as a list of codes", param=name)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        which = f"{unknown[0]} is not a code" if len(unknown) == 1 else f"{_and(unknown)} are not codes"
        raise RuleError(f"{which} the feeds send for {noun}: use any of {', '.join(allowed)}", param=name)
    if not values:
        raise RuleError(f"{'Enter' if name in TYPED else 'Choose'} {words}", param=name)
    return list(dict.fromkeys(values))


def _and(values: list[str]) -> str:
    return f"{', '.join(values[:-1])} and {values[-1]}"


class _Each:
    """Runs each check of a rule's parameters and keeps every error, not only the first:
    the rule builder says them all at once, so no error waits for another's fix."""

    def __init__(self) -> None:
        self.errors: list[RuleError] = []

    def __call__(self, check: Callable[..., Any], *args: object, **kwargs: object) -> Any:
        try:
            return check(*args, **kwargs)
        except RuleError as error:
            self.errors.append(error)
            return None


def _match(params: dict, each: _Each) -> dict[str, list[str]]:
    match = params.get("match") or {}
    if not isinstance(match, dict):
        raise RuleError("Give the details to match as a detail and the codes it may take", param="match")
    cleaned = {}
    for key, values in match.items():
        if key not in DETAIL_VALUES:
            each.errors.append(
                RuleError(f"Events cannot be matched on {key!r}. Use any of: {', '.join(DETAIL_VALUES)}")
            )
            continue
        label = DETAIL_LABELS[key]
        said = (f"which {label} to match", label)
        cleaned[key] = each(_choices, {key: values}, key, DETAIL_VALUES[key], said=said)
    return cleaned


def _events(params: dict, each: _Each, *, window: bool = True) -> dict[str, Any]:
    cleaned: dict[str, Any] = {"categories": each(_choices, params, "categories", list(CATEGORY_FEEDS))}
    if window:
        cleaned["min_count"] = each(_int, params, "min_count", default=1)
        cleaned["days"] = each(_int, params, "days")
    if match := each(_match, params, each):
        cleaned["match"] = match
    return cleaned


def _checked(kind: str, params: dict, each: _Each) -> dict[str, Any]:
    if kind == RuleType.ATTENDANCE_RATE:
        return {
            "max_percent": each(_int, params, "max_percent"),
            "weeks": each(_int, params, "weeks"),
            "min_possible": each(_int, params, "min_possible", default=20),
        }
    if kind == RuleType.REGISTER_CODES:
        return {
            "codes": each(_choices, params, "codes", REGISTER_CODES),
            "weeks": each(_int, params, "weeks"),
            "min_sessions": each(_int, params, "min_sessions", default=1),
        }
    if kind == RuleType.EVENTS:
        return _events(params, each)
    if kind == RuleType.OPEN_EPISODE:
        return _events(params, each, window=False)
    if kind == RuleType.FAMILY_EVENTS:
        relationships = each(_choices, params, "relationships", [*RELATIONSHIPS, HOUSEHOLD])
        return {"relationships": relationships, **_events(params, each)}
    if kind == RuleType.ATTRIBUTE:
        return each(_attribute, params)
    raise RuleError(f"Choose a rule type: {kind!r} is not one. Use any of: {', '.join(RuleType.values)}")


def _attribute(params: dict) -> dict[str, Any]:
    field = params.get("field")
    if field not in ATTRIBUTES:
        choices = " or ".join(ATTRIBUTE_LABELS.values())
        raise RuleError(f"Choose {PARAM_WORDS['field']}: {choices}", param="field")
    label = ATTRIBUTE_LABELS[field]
    values = _choices(params, "values", ATTRIBUTES[field], said=(f"the {label} codes to look for", label))
    return {"field": field, "values": values}


def param_errors(kind: str, params: dict) -> list[RuleError]:
    """Every error in one rule's parameters, where `clean_params` raises the first."""
    each = _Each()
    try:
        _checked(kind, params, each)
    except RuleError as error:
        return [error]
    return each.errors


def clean_params(kind: str, params: dict) -> dict[str, Any]:
    """One rule's parameters as stored; a RuleError says what is wrong (the first thing,
    when more is), without the rule's number."""
    each = _Each()
    cleaned = _checked(kind, params, each)
    if each.errors:
        raise each.errors[0]
    return cleaned


def clean_rules(rules: object) -> list[dict[str, Any]]:
    """The rules as stored: checked, in a fixed shape, with defaults filled in."""
    if not isinstance(rules, list) or not rules:
        raise RuleError("An indicator needs at least one rule")
    cleaned = []
    for number, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict) or not isinstance(rule.get("params", {}), dict):
            raise RuleError(f"Rule {number} must have a type and parameters")
        try:
            params = clean_params(rule.get("type"), rule["params"])
        except RuleError as error:
            raise RuleError(f"Rule {number}: {in_the_middle(str(error))}", param=error.param) from None
        cleaned.append({"type": rule.get("type"), "params": params})
    return cleaned


def in_the_middle(message: str) -> str:
    """A message said after "Rule 1: ": its first word in lower case, unless it is a code
    ("ZZ is not a code...") or starts with one."""
    return f"{message[0].lower()}{message[1:]}" if message[1:2].islower() else message


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
