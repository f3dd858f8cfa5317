"""Partner feeds about individual young people and adults: police incidents and
intelligence, youth justice, missing episodes and health. Each draw is driven by the
person's latent risk and age; later feeds read earlier ones (an arrest leads to a
youth-justice outcome, repeated missing episodes to a MISSING_RISK marker)."""

import random
from collections import defaultdict
from datetime import date, datetime, timedelta

from portal.demo.city import City, DemoPerson
from portal.demo.rows import (
    PERSON,
    SourceIds,
    Weighted,
    day_within,
    identity,
    iso,
    iso_at,
    poisson,
    yes_no,
)
from portal.demo.spec import OFFENCE_GROUP_WEIGHTS, VIOLENT_OFFENCE_GROUPS

Facts = defaultdict[int, set[str]]
"""What has happened to each person (by key), for the household feeds to draw on."""

_OFFENCES = Weighted(OFFENCE_GROUP_WEIGHTS)
_OFFENCE_WORDS = {
    "violence_against_the_person": "an assault",
    "robbery": "a robbery",
    "sexual_offences": "a sexual offence",
    "drug_offences": "possession of a controlled drug",
    "possession_of_weapons": "possession of a bladed article",
    "public_order": "a public order offence",
    "theft": "shoplifting",
    "criminal_damage": "criminal damage",
    "anti_social_behaviour": "anti-social behaviour in a public place",
    "other": "an offence",
}
_INTELLIGENCE_WORDS = {
    "CCE": "Seen repeatedly with older associates believed to use children to carry drugs or money.",
    "CSE": "Reported to be in contact with adults who give gifts, lifts and alcohol.",
    "COUNTY_LINES": "Believed to have travelled out of area on a county line.",
    "GANG_ASSOCIATION": "Associates with a named group linked to violence in the area.",
    "WEAPONS": "Information that the young person has carried a knife.",
    "DRUG_SUPPLY": "Information that the young person is holding drugs for others.",
    "MISSING_RISK": "Recent missing episodes; believed to be staying at an unknown address.",
}
_ROLE_WORDS = {
    "arrested": "Arrested on suspicion of {}",
    "suspect": "Named as a suspect in {}",
    "victim": "Reported as the victim of {}",
    "witness": "Witness to {}",
    "associated": "Named as associated with {}",
}
_YJ_OUTCOMES = Weighted(
    {
        "community_resolution": 22,
        "outcome_22": 10,
        "youth_caution": 14,
        "youth_conditional_caution": 12,
        "referral_order": 20,
        "reparation_order": 2,
        "fine": 2,
        "conditional_discharge": 4,
        "absolute_discharge": 1,
        "youth_rehabilitation_order": 9,
        "detention_and_training_order": 3,
        "custody_other": 1,
    }
)


def police_incident_rows(city: City, rng: random.Random, facts: Facts) -> list[dict]:
    as_of = city.config.as_of
    next_id = SourceIds("POL")
    rows = []

    def add(person: DemoPerson, role: str, group: str, summary: str = "", when: str = "") -> None:
        day = day_within(rng, as_of, 365)
        summary = summary or _ROLE_WORDS[role].format(_OFFENCE_WORDS[group])
        row = {"source_record_id": next_id(), **_police_identity(rng, person)}
        row |= {"occurred_at": when or iso_at(day, rng.randint(0, 23), rng.choice((0, 15, 30, 45)))}
        row |= {"role": role, "offence_group": group, "summary": summary}
        rows.append(row)
        if role in ("arrested", "suspect"):
            facts[person.key].add("offender")

    for person in city.people:
        age, risk = person.age_on(as_of), person.risk
        if person.is_child and age >= 10:
            for _ in range(poisson(rng, 2.2 * risk**2.2 * (1.0 if age >= 13 else 0.4))):
                add(person, rng.choices(["arrested", "suspect"], weights=[65, 35])[0], _offence(rng))
            for _ in range(poisson(rng, 0.4 * risk**2)):
                add(person, "associated", "anti_social_behaviour")
        if person.is_child and age >= 8:
            for _ in range(poisson(rng, 0.01 + 0.7 * risk**1.8)):
                group = rng.choice(VIOLENT_OFFENCE_GROUPS[:2]) if rng.random() < 0.8 else _offence(rng)
                add(person, "victim", group)
                facts[person.key].add("victim")
            for _ in range(poisson(rng, 0.01)):
                add(person, "witness", _offence(rng))
        if not person.is_child and age < 70:
            for _ in range(poisson(rng, 0.7 * person.family.risk**2.2)):
                add(person, "arrested", _offence(rng))
        for tag in sorted(facts[person.key]):
            if tag.startswith("missing:"):
                when = tag.removeprefix("missing:")
                add(person, "missing_person", "other", "Reported missing from home", when=when)
    return rows


def missing_episode_rows(city: City, rng: random.Random, facts: Facts) -> list[dict]:
    as_of = city.config.as_of
    next_id = SourceIds("MIS")
    rows = []
    for person in city.people:
        if not person.is_child or not 8 <= person.age_on(as_of) < 18:
            continue
        for _ in range(poisson(rng, 3.2 * person.risk**3)):
            day = day_within(rng, as_of - timedelta(days=1), 364)
            reported = iso_at(day, rng.randint(17, 23), rng.choice((0, 20, 40)))
            returned = datetime.fromisoformat(reported) + timedelta(minutes=rng.randint(4 * 60, 72 * 60))
            back = returned.date() <= as_of
            offered = back and rng.random() < 0.95
            row = {"source_record_id": next_id(), **identity(person, upn=True, local=True)}
            row |= {
                "reported_at": reported,
                "returned_at": returned.isoformat(timespec="minutes") if back else "",
                "return_interview_offered": yes_no(offered),
                "return_interview_done": yes_no(offered and rng.random() < 0.7),
            }
            rows.append(row)
            facts[person.key] |= {"missing", f"missing:{reported}"}
    return rows


def police_intelligence_rows(city: City, rng: random.Random, facts: Facts) -> list[dict]:
    as_of = city.config.as_of
    next_id = SourceIds("INT")
    rows = []
    for person in city.people:
        risk = person.risk
        if not person.is_child or person.age_on(as_of) < 11 or risk < 0.4 or rng.random() > 0.7 * risk**2:
            continue
        for _ in range(1 + poisson(rng, 1.5 * risk)):
            markers = _markers(rng, person, facts[person.key])
            facts[person.key] |= {f"marker:{m}" for m in markers}
            row = {"source_record_id": next_id(), **identity(person, upn=True)}
            row |= {
                "recorded_on": iso(day_within(rng, as_of, 365)),
                "markers": ";".join(markers),
                "grading": rng.choice(("B2", "B3", "C3", "C2", "A2", "E4")),
                "summary": _INTELLIGENCE_WORDS[markers[0]],
            }
            rows.append(row)
    return rows


def youth_justice_rows(city: City, rng: random.Random, police: list[dict]) -> list[dict]:
    """About half of young people's arrests lead to an outcome weeks later; some young
    people also have an outcome from the year before."""
    as_of = city.config.as_of
    next_id = SourceIds("YJS")
    rows = []
    for incident in police:
        person: DemoPerson | None = incident[PERSON]
        if person is None or incident["role"] != "arrested" or not person.is_child:
            continue
        day = _day(incident["occurred_at"]) + timedelta(days=rng.randint(20, 120))
        if 10 <= person.age_on(day) < 18 and day <= as_of and rng.random() < 0.55:
            rows.append(_yj_row(next_id(), rng, person, day, incident["offence_group"]))
    for person in city.people:
        if person.is_child and 12 <= person.age_on(as_of) < 19 and rng.random() < 0.25 * person.risk**2.5:
            day = as_of - timedelta(days=rng.randint(366, 720))
            rows.append(_yj_row(next_id(), rng, person, day, _offence(rng)))
    return rows


def health_rows(city: City, rng: random.Random, facts: Facts) -> list[dict]:
    as_of = city.config.as_of
    next_id = SourceIds("NHS")
    rows = []

    def add(person: DemoPerson, day: date, event_type: str, reason: str = "") -> None:
        row = {"source_record_id": next_id(), **identity(person, nhs=True)}
        rows.append(row | {"event_date": iso(day), "event_type": event_type, "reason": reason})

    for person in city.people:
        age, risk = person.age_on(as_of), person.risk
        if not person.is_child or age >= 19:
            continue
        if age >= 6 and rng.random() < 0.015 + 0.3 * risk**1.5:
            day = day_within(rng, as_of, 365)
            add(person, day, "camhs_referral")
            accepted = day + timedelta(days=rng.randint(14, 30))
            if rng.random() < 0.6 and accepted <= as_of:
                add(person, accepted, "camhs_accepted")
                discharged = accepted + timedelta(days=rng.randint(60, 200))
                if discharged <= as_of:
                    add(person, discharged, "camhs_discharged")
        if age >= 11 and rng.random() < 0.25 * risk**2.5:
            add(person, day_within(rng, as_of, 365), "ae_attendance", "self_harm")
            facts[person.key].add("self_harm")
        if "victim" in facts[person.key] and rng.random() < 0.3:
            add(person, day_within(rng, as_of, 365), "ae_attendance", "assault")
        if age >= 13 and rng.random() < 0.1 * risk**2:
            add(person, day_within(rng, as_of, 365), "admission", "substance")
        if rng.random() < 0.03:
            # Not before a baby's birth: the importer rejects such a row as implausible.
            day = max(day_within(rng, as_of, 365), person.date_of_birth)
            add(person, day, "ae_attendance", rng.choice(("injury_other", "illness")))
    return rows


def _police_identity(rng: random.Random, person: DemoPerson) -> dict:
    """Police extracts reach the council through the MASH, which adds the UPN it matched
    for most children and the council's person id for adults."""
    if person.is_child:
        return identity(person, upn=person.is_pupil and rng.random() < 0.9, local=not person.is_pupil)
    return identity(person, local=True)


def _offence(rng: random.Random) -> str:
    return _OFFENCES.pick(rng)


def _markers(rng: random.Random, person: DemoPerson, known: set[str]) -> list[str]:
    markers = []
    if rng.random() < 0.55:
        markers.append("CCE")
        if rng.random() < 0.5:
            markers.append("COUNTY_LINES")
    if rng.random() < (0.25 if person.sex == "F" else 0.08):
        markers.append("CSE")
    for marker, chance in (("GANG_ASSOCIATION", 0.3), ("WEAPONS", 0.2), ("DRUG_SUPPLY", 0.3)):
        if rng.random() < chance:
            markers.append(marker)
    if "missing" in known:
        markers.append("MISSING_RISK")
    return markers or ["GANG_ASSOCIATION"]


def _yj_row(source_id: str, rng: random.Random, person: DemoPerson, day: date, group: str) -> dict:
    row = {"source_record_id": source_id, **identity(person, upn=person.is_pupil, local=True)}
    return row | {"outcome_date": iso(day), "outcome": _YJ_OUTCOMES.pick(rng), "offence_group": group}


def _day(value: str) -> date:
    return date.fromisoformat(value[:10])
