"""What a new version of an indicator changes from the latest, by what it means rather
than how it was typed: a version that changes nothing is refused (the history would say
something changed when nothing did), and rules changed under an unchanged description
are asked about (users read the description, not the rules)."""

import json

from risk.models import IndicatorVersion

VERSION_FIELDS = frozenset({"name", "description", "rules", "weight", "stronger_at", "needs_review"})
"""What a version holds, each compared by `what_changed`."""
RULE_SHAPED = frozenset({"rules", "stronger_at"})
"""What the plain-English description says in numbers: the rules' thresholds and windows,
and the count that makes a flag stronger ("three or more episodes make it stronger")."""


def words(text: str) -> str:
    """Text as a reader sees it: spaces, line breaks (a textarea sends CRLF) and the
    ends do not change what a name or description says."""
    return " ".join(text.split())


def _rules_meaning(rules: list[dict]) -> list[str]:
    """Rules in an order-free form: an indicator holds when any one of its rules does,
    and a rule's list of values matches any one of them, so neither order is a change."""

    def unordered(value: object) -> object:
        if isinstance(value, list):
            return sorted(unordered(v) for v in value)
        if isinstance(value, dict):
            return {k: unordered(v) for k, v in value.items()}
        return value

    return sorted(json.dumps(unordered(rule), sort_keys=True) for rule in rules)


def what_changed(latest: IndicatorVersion, **version: object) -> set[str]:
    """The fields of `version` (name, description, rules as cleaned, weight, stronger_at,
    needs_review) that differ from `latest`'s. The change note is not among them: a new
    reason for the same rule is not a new rule."""
    changed = set()
    for field, value in version.items():
        before = getattr(latest, field)
        if field in ("name", "description"):
            before, value = words(before), words(str(value))
        elif field == "rules":
            before, value = _rules_meaning(before), _rules_meaning(value)
        if before != value:
            changed.add(field)
    return changed
