"""Flags as JSON-ready data, for the API and the young-person endpoints. Each is shaped
from a FlagCard (risk.sections), already cut by the access layer to what the caller may
see: an unnamed flag carries only its label, never its id, code, rule, dates or
evidence, and stands for every flag of the young person the caller may not name."""

from datetime import datetime

from rest_framework.fields import DateTimeField

from risk.sections import EvidenceLine, FlagCard
from risk.selectors import HIDDEN_CODE


def _moment(value: datetime) -> str:
    """As DRF gives every other time of the API: London time with its offset, so that
    the date in the string is the day the pages show (the stored UTC would put a flag
    raised at 00:30 BST on the day before)."""
    return DateTimeField().to_representation(value)


def _evidence(line: EvidenceLine) -> dict:
    return {
        "occurred_on": line.occurred_on.isoformat(),
        "what": line.what,
        "about": line.about,
        "detail": line.detail,
    }


def flag_data(card: FlagCard) -> dict:
    flag, item = card.flag, card.item
    if not item.named:
        # One item for all the flags the caller may not name, with no id: ids, like a
        # list of them, would let them be counted.
        return {"id": None, "named": False, "code": HIDDEN_CODE, "name": item.label}
    dismissed = None
    if flag.dismissed_at:
        dismissed = {
            "at": _moment(flag.dismissed_at),
            "by": flag.dismissed_by.display_name if flag.dismissed_by else None,
            "reason": flag.dismissal_reason,
            "reason_label": flag.get_dismissal_reason_display(),
            "note": flag.dismissal_note,
        }
    return {
        "id": flag.pk,
        "named": True,
        "code": item.code,
        "name": item.label,
        "description": flag.version.description,
        "rules_in_words": card.rules,
        "version": flag.version.number,
        "weight": item.weight,
        "stronger": flag.stronger,
        "raised_at": _moment(flag.raised_at),
        "review": flag.review,
        "evidence": [_evidence(line) for line in card.evidence],
        "attendance_total": card.attendance_total,
        "dismissed": dismissed,
    }
