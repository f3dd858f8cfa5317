"""Feeds about households: membership, domestic-abuse notifications, housing and
benefits, early help and children's social care. Events are drawn once per family from
the family's risk, so siblings share them (FEEDS.md: a household notification appears in
every child's chronology)."""

import random
from datetime import date, timedelta

from chronology.importing.codes import EARLY_HELP_NEEDS
from portal.demo.city import City, DemoFamily, DemoPerson, DemoSchool, demo_schools
from portal.demo.person_feeds import Facts
from portal.demo.replay import reviewed_after_the_edit
from portal.demo.rows import (
    SourceIds,
    blank_identity,
    day_within,
    identity,
    iso,
    iso_at,
    poisson,
    some_of,
    yes_no,
)

_LEAD_AGENCIES = ("School", "Early Help Hub", "Health visiting", "Youth service", "Housing")


def household_rows(city: City, rng: random.Random) -> list[dict]:
    """Every member of every household, related to the family's eldest child."""
    rows = []
    for family in city.families:
        lead = family.lead_child
        for person in family.members:
            moved_in = max(family.formed_on, person.date_of_birth)
            left = None
            if not person.is_child and len(family.adults) > 1 and rng.random() < 0.04:
                left = day_within(rng, city.config.as_of, 300, not_before=moved_in)
            row = {
                "source_record_id": f"{family.family_id}-{person.local_person_id}",
                "family_id": family.family_id,
                **identity(person, upn=person.is_pupil, nhs=True, local=True),
            }
            relationship = "child" if person is lead else person.relationship
            rows.append(
                row
                | {
                    "relationship": relationship,
                    "address_postcode": family.postcode,
                    "from_date": iso(moved_in),
                    "to_date": iso(left),
                }
            )
    return rows


def domestic_abuse_rows(city: City, rng: random.Random, facts: Facts) -> list[dict]:
    """Operation Encompass style: one notification per incident, naming one child or none."""
    as_of = city.config.as_of
    next_id = SourceIds("DAN")
    rows = []
    quiet: list[DemoFamily] = []
    for family in city.families:
        incidents = poisson(rng, 2.4 * family.risk**2)
        if not incidents:
            quiet.append(family)
        for number in range(incidents):
            incident = day_within(rng, as_of - timedelta(days=1), 364)
            pupils = [c for c in family.children if c.is_pupil]
            named = (
                identity(rng.choice(pupils), upn=True) if pupils and rng.random() < 0.7 else blank_identity()
            )
            rows.append(
                {"source_record_id": next_id(), "family_id": family.family_id, **named}
                | {
                    "notified_at": iso_at(
                        incident + timedelta(days=1), rng.randint(7, 9), rng.choice((0, 30))
                    ),
                    "incident_date": iso(incident),
                    "children_present": yes_no(rng.random() < 0.6),
                    "marac": yes_no(number >= 2 and rng.random() < 0.4),
                }
            )
            for child in family.children:
                facts[child.key].add("domestic_abuse")
    rows += _first_notifications_after_the_edit(city, quiet, next_id, facts)
    return rows


def _first_notifications_after_the_edit(
    city: City, quiet: list[DemoFamily], next_id: SourceIds, facts: Facts
) -> list[dict]:
    """The demo edits tp13 (domestic abuse in the household) between two nightly runs
    (portal/demo/indicator_versions.py). So that the DSL sees a flag raised by its
    second version, a household of the DSL's school with no notification in the year has
    its first in the week before each reviewed run after the edit: new flags, raised by
    version 2 and confirmed by the taskforce (two, in case the taskforce's one-in-six
    dismissal falls on one). Chosen without drawing from the stream, so the rest of the
    city is the city it was."""
    school, _ = demo_schools(city)
    as_of = city.config.as_of
    at_school = [(f, pupil) for f in quiet if f.adults and (pupil := _pupil_at(f, school, as_of))]
    rows = []
    for night, (family, pupil) in zip(reviewed_after_the_edit(as_of), at_school, strict=False):
        incident = night - timedelta(days=4)
        rows.append(
            {"source_record_id": next_id(), "family_id": family.family_id, **identity(pupil, upn=True)}
            | {
                "notified_at": iso_at(incident + timedelta(days=1), 8, 30),
                "incident_date": iso(incident),
                "children_present": yes_no(True),
                "marac": yes_no(False),
            }
        )
        for child in family.children:
            facts[child.key].add("domestic_abuse")
    return rows


def _pupil_at(family: DemoFamily, school: DemoSchool, day: date) -> DemoPerson | None:
    return next((c for c in family.children if c.school_on(day) is school), None)


def housing_benefit_rows(city: City, rng: random.Random, facts: Facts) -> list[dict]:
    as_of = city.config.as_of
    next_id = SourceIds("HBN")
    rows = []
    for family in city.families:
        if not family.adults:
            continue
        claimant = family.adults[0]
        risk = family.risk
        chances = (
            ("universal_credit_claim", 0.1 + 0.4 * risk),
            ("rent_arrears", 0.3 * risk),
            ("benefit_sanction", 0.2 * risk),
            ("eviction_notice", 0.18 * risk**1.5),
        )
        for event_type, chance in chances:
            if rng.random() >= chance:
                continue
            day = day_within(rng, as_of, 365)
            rows.append(_housing_row(next_id(), family, claimant, day, event_type))
            if event_type == "eviction_notice" and rng.random() < 0.45 and day + timedelta(days=28) <= as_of:
                later = day + timedelta(days=rng.randint(28, 60))
                rows.append(
                    _housing_row(next_id(), family, claimant, min(later, as_of), "temporary_accommodation")
                )
                for child in family.children:
                    facts[child.key].add("housing")
    return rows


def early_help_rows(city: City, rng: random.Random, facts: Facts) -> list[dict]:
    """Early help for families with emerging needs: mostly the middle of the risk range."""
    as_of = city.config.as_of
    next_id = SourceIds("EHA")
    rows = []
    for family in city.families:
        if rng.random() >= 0.03 + 0.35 * family.risk * (1.2 - family.risk):
            continue
        start = day_within(rng, as_of, 365)
        ended = start + timedelta(days=rng.randint(60, 200))
        needs = set(some_of(rng, ("education", "health", "family_relationships", "financial_stability"), 2))
        tags = set().union(*(facts[c.key] for c in family.children))
        needs |= {need for tag, need in (("domestic_abuse", "domestic_abuse"), ("housing", "housing"))
                  if tag in tags}  # fmt: skip
        if "offender" in tags:
            needs.add("crime")
        rows.append(
            {"source_record_id": next_id(), **identity(family.lead_child, upn=True, local=True)}
            | {
                "family_id": family.family_id,
                "start_date": iso(start),
                "end_date": iso(ended if ended <= as_of else None),
                "lead_agency": rng.choice(_LEAD_AGENCIES),
                "needs": ";".join(n for n in EARLY_HELP_NEEDS if n in needs),
            }
        )
    return rows


def social_care_rows(city: City, rng: random.Random, facts: Facts) -> list[dict]:
    """A referral, an assessment and, for the families at highest risk, a plan or care,
    for each child of the household; factors come from what the other feeds recorded."""
    as_of = city.config.as_of
    next_id = SourceIds("CSC")
    rows = []
    for family in city.families:
        risk = family.risk
        if rng.random() >= 0.015 + 0.5 * risk**1.5:
            continue
        referred = day_within(rng, as_of - timedelta(days=50), 315)
        outcome = _plan(rng, risk)
        category = rng.choice(("NEG", "EMO", "PHY", "MUL")) if outcome == "cp_plan" else ""
        family_factors = _family_factors(rng, family, facts)
        for child in family.children:
            if child.age_on(as_of) >= 18:
                continue
            factors = ";".join(sorted(family_factors | _child_factors(facts[child.key])) or ["21"])
            steps = [
                ("referral", referred, referred),
                ("assessment", referred + timedelta(days=5), referred + timedelta(days=40)),
            ]
            if outcome:
                steps.append((outcome, referred + timedelta(days=45), None))
            if outcome == "cp_plan" and risk > 0.85 and rng.random() < 0.4:
                steps.append(("looked_after", referred + timedelta(days=rng.randint(50, 90)), None))
            for episode, start, end in steps:
                if start > as_of or start < child.date_of_birth:
                    continue
                row = {
                    "source_record_id": next_id(),
                    **identity(child, upn=child.is_pupil, nhs=True, local=True),
                }
                rows.append(
                    row
                    | {
                        "episode_type": episode,
                        "start_date": iso(start),
                        "end_date": iso(end if end and end <= as_of else None),
                        "cp_category": category if episode == "cp_plan" else "",
                        "assessment_factors": factors if episode == "assessment" else "",
                    }
                )
    return rows


def _housing_row(
    source_id: str, family: DemoFamily, claimant: DemoPerson, day: date, event_type: str
) -> dict:
    return {
        "source_record_id": source_id,
        "family_id": family.family_id,
        **identity(claimant, local=True),
        "event_date": iso(day),
        "event_type": event_type,
    }


def _plan(rng: random.Random, risk: float) -> str | None:
    if risk > 0.6 and rng.random() < 0.55:
        return "cp_plan"
    if risk > 0.2 and rng.random() < 0.5:
        return "cin_plan"
    return None


def _family_factors(rng: random.Random, family: DemoFamily, facts: Facts) -> set[str]:
    factors = set()
    if any("domestic_abuse" in facts[c.key] for c in family.children):
        factors.add("3B")
    for code, chance in (("2B", 0.3), ("1B", 0.2), ("4B", 0.35), ("16A", 0.25), ("17A", 0.15)):
        if rng.random() < chance * family.risk:
            factors.add(code)
    return factors


def _child_factors(tags: set[str]) -> set[str]:
    factors = set()
    for tag, code in (
        ("missing", "10A"),
        ("marker:CSE", "11A"),
        ("marker:GANG_ASSOCIATION", "13A"),
        ("offender", "14A"),
        ("self_harm", "15A"),
        ("marker:CCE", "24A"),
    ):
        if tag in tags:
            factors.add(code)
    return factors
