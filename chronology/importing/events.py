"""How each event feed's row reads in a chronology: category, dates and a one-line
summary in plain words; the structured values go into the event's details."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from chronology.importing.codes import (
    ASSESSMENT_FACTOR_WORDS,
    CP_CATEGORY_WORDS,
    INTELLIGENCE_MARKER_WORDS,
    SUSPENSION_REASON_WORDS,
    in_words,
)
from chronology.timeline.entries import category_in_a_sentence


@dataclass
class EventSpec:
    category: str
    occurred_on: date
    summary: str
    occurred_at: datetime | None = None
    ended_on: date | None = None
    details: dict[str, Any] = field(default_factory=dict)


def _words(code: str | None) -> str:
    return (code or "").replace("_", " ")


def _codes(value: str | None) -> list[str]:
    return value.split(";") if value else []


SUSPENSION_LABELS = {"SUSP": "Suspension", "PERM": "Permanent exclusion", "LNCH": "Lunchtime suspension"}


def suspension_summary(category: str, sessions: int | None, reasons: list[str]) -> str:
    """ "Suspension for 4 sessions (persistent or general disruptive behaviour, bullying)":
    the reasons in the national wording, not their codes ("DB, BU"), which stay in the
    details for the API and the trigger points' rules."""
    length = f" for {sessions} session{'s' if sessions != 1 else ''}" if sessions else ""
    why = f" ({in_words(reasons, SUSPENSION_REASON_WORDS)})" if reasons else ""
    return f"{SUSPENSION_LABELS[category]}{length}{why}"


def _suspension(v: dict) -> EventSpec:
    category = {"SUSP": "suspension", "PERM": "permanent_exclusion", "LNCH": "lunchtime_suspension"}[
        v["category"]
    ]
    return EventSpec(
        category,
        v["start_date"],
        suspension_summary(v["category"], v["sessions"], _codes(v["reasons"])),
        details={"urn": v["urn"], "sessions": v["sessions"], "reasons": _codes(v["reasons"])},
    )


def _police_incident(v: dict) -> EventSpec:
    summary = f"{_words(v['role']).capitalize()}: {_words(v['offence_group'])}"
    return EventSpec(
        "police_incident",
        v["occurred_at"].date(),
        summary,
        occurred_at=v["occurred_at"],
        details={"role": v["role"], "offence_group": v["offence_group"], "summary": v["summary"] or ""},
    )


def _police_intelligence(v: dict) -> EventSpec:
    markers = _codes(v["markers"])
    summary = f"Police intelligence{': ' + in_words(markers, INTELLIGENCE_MARKER_WORDS) if markers else ''}"
    return EventSpec(
        "police_intelligence",
        v["recorded_on"],
        summary,
        details={"markers": markers, "grading": v["grading"] or "", "summary": v["summary"] or ""},
    )


def _youth_justice(v: dict) -> EventSpec:
    offence = f" ({_words(v['offence_group'])})" if v["offence_group"] else ""
    return EventSpec(
        "youth_justice_outcome",
        v["outcome_date"],
        f"Youth justice outcome: {_words(v['outcome'])}{offence}",
        details={"outcome": v["outcome"], "offence_group": v["offence_group"] or ""},
    )


def _missing(v: dict) -> EventSpec:
    returned = v["returned_at"]
    return EventSpec(
        "missing_episode",
        v["reported_at"].date(),
        "Reported missing" + (f", returned {returned:%-d %b %Y}" if returned else ", not yet returned"),
        occurred_at=v["reported_at"],
        ended_on=returned.date() if returned else None,
        details={
            "return_interview_offered": v["return_interview_offered"],
            "return_interview_done": v["return_interview_done"],
        },
    )


def _social_care(v: dict) -> EventSpec:
    """In words, not the feed's codes: "Social care: cp plan (NEG)" reached DSLs. An
    assessment names its factors, with their codes: they are what raises tp11, and its
    evidence otherwise read only "children's social care assessment"."""
    code = f"social_care_{v['episode_type']}"
    category = f" ({in_words([v['cp_category']], CP_CATEGORY_WORDS)})" if v["cp_category"] else ""
    factors = _codes(v["assessment_factors"]) if v["episode_type"] == "assessment" else []
    named = ", ".join(f"{ASSESSMENT_FACTOR_WORDS.get(f, f)} ({f})" for f in factors)
    return EventSpec(
        code,
        v["start_date"],
        f"Social care: {category_in_a_sentence(code)}{category}" + (f"; factors: {named}" if named else ""),
        ended_on=v["end_date"],
        details={
            "episode_type": v["episode_type"],
            "cp_category": v["cp_category"] or "",
            "assessment_factors": _codes(v["assessment_factors"]),
        },
    )


def _early_help(v: dict) -> EventSpec:
    needs = _codes(v["needs"])
    return EventSpec(
        "early_help",
        v["start_date"],
        "Early help" + (f": {', '.join(_words(n) for n in needs)}" if needs else ""),
        ended_on=v["end_date"],
        details={"needs": needs, "lead_agency": v["lead_agency"] or "", "family_id": v["family_id"] or ""},
    )


def _health(v: dict) -> EventSpec:
    """Its category's label ("CAMHS referral"), not the code's words ("camhs referral")."""
    code = f"health_{v['event_type']}"
    reason = f" ({_words(v['reason'])})" if v["reason"] else ""
    return EventSpec(
        code,
        v["event_date"],
        f"Health: {category_in_a_sentence(code)}{reason}",
        details={"event_type": v["event_type"], "reason": v["reason"] or ""},
    )


def _domestic_abuse(v: dict) -> EventSpec:
    incident = v["incident_date"] or v["notified_at"].date()
    present = " (children present)" if v["children_present"] else ""
    return EventSpec(
        "domestic_abuse_notification",
        incident,
        f"Domestic abuse notification for the household{present}",
        occurred_at=v["notified_at"],
        details={"children_present": v["children_present"], "marac": v["marac"]},
    )


def _housing(v: dict) -> EventSpec:
    """ "Universal Credit claim" keeps its capitals, as its label does."""
    code = f"housing_{v['event_type']}"
    return EventSpec(
        code,
        v["event_date"],
        f"Household: {category_in_a_sentence(code)}",
        details={"event_type": v["event_type"]},
    )


EVENT_BUILDERS: dict[str, Callable[[dict], EventSpec]] = {
    "suspensions": _suspension,
    "police_incidents": _police_incident,
    "police_intelligence": _police_intelligence,
    "youth_justice": _youth_justice,
    "missing_episodes": _missing,
    "social_care": _social_care,
    "early_help": _early_help,
    "health": _health,
    "domestic_abuse": _domestic_abuse,
    "housing_benefits": _housing,
}
