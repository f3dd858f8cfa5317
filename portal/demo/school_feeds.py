"""The schools' own files: the list of schools, the census and suspensions."""

import random
from datetime import date, timedelta

from portal.demo.calendar import is_school_day
from portal.demo.city import City, DemoPerson
from portal.demo.rows import PERSON, SourceIds, iso, poisson
from portal.demo.spec import SUSPENSION_REASONS_WEIGHTS


def school_rows(city: City) -> list[dict]:
    return [
        {"urn": s.urn, "laestab": s.laestab, "name": s.name, "phase": s.phase, "status": s.status}
        for s in city.schools
    ]


def census_rows(city: City) -> list[dict]:
    """One row per enrolment: a pupil who moved school in-year has a closed row at the
    old school and an open one at the new."""
    rows = []
    for pupil in city.pupils:
        for spell in pupil.spells:
            rows.append(
                {
                    "source_record_id": f"{spell.school.urn}-{pupil.upn}-{iso(spell.entry_date)}",
                    "urn": spell.school.urn,
                    "upn": pupil.upn,
                    "former_upn": pupil.former_upn,
                    "forename": pupil.forename,
                    "surname": pupil.surname,
                    "date_of_birth": iso(pupil.date_of_birth),
                    "sex": pupil.sex,
                    "ethnicity": pupil.ethnicity,
                    "postcode": pupil.postcode,
                    "year_group": pupil.year_group,
                    "entry_date": iso(spell.entry_date),
                    "leaving_date": iso(spell.leaving_date),
                    "sen_provision": pupil.sen_provision,
                    "sen_primary_need": pupil.sen_primary_need,
                    "fsm_start_date": iso(pupil.fsm_start_date),
                    "fsm_end_date": "",
                    PERSON: pupil,
                }
            )
    return rows


def suspension_rows(city: City, rng: random.Random) -> list[dict]:
    """Suspensions rise steeply with risk and mostly in secondary; a permanent exclusion
    is what moved some high-risk pupils to their current school."""
    as_of = city.config.as_of
    next_id = SourceIds("EXC")
    rows = []
    for pupil in city.pupils:
        secondary = pupil.is_secondary
        mean = (2.8 if secondary else 0.5) * pupil.risk**1.8 + (0.012 if secondary else 0.002)
        for _ in range(poisson(rng, mean)):
            day = _school_day_within(rng, as_of, 365)
            school = pupil.school_on(day)
            if school is None:
                continue
            lunchtime = rng.random() < 0.08
            rows.append(
                _row(
                    next_id(),
                    pupil,
                    school.urn,
                    "LNCH" if lunchtime else "SUSP",
                    day,
                    _sessions(rng, lunchtime),
                )
            )
            rows[-1]["reasons"] = _reasons(rng, pupil)
        if len(pupil.spells) > 1 and pupil.risk > 0.45 and rng.random() < 0.5:
            previous = pupil.spells[-2]
            assert previous.leaving_date is not None
            day = _school_day_on_or_before(previous.leaving_date - timedelta(days=rng.randint(5, 20)))
            row = _row(next_id(), pupil, previous.school.urn, "PERM", day, "")
            row["reasons"] = _reasons(rng, pupil, serious=True)
            rows.append(row)
    return rows


def _row(source_id: str, pupil: DemoPerson, urn: str, category: str, day: date, sessions: str) -> dict:
    return {
        "source_record_id": source_id,
        "urn": urn,
        "upn": pupil.upn,
        "category": category,
        "start_date": iso(day),
        "sessions": sessions,
        "reasons": "",
        PERSON: pupil,
    }


def _sessions(rng: random.Random, lunchtime: bool) -> str:
    if lunchtime:
        return "1"
    return str(rng.choices([1, 2, 4, 6, 10], weights=[10, 45, 25, 12, 8])[0])


def _reasons(rng: random.Random, pupil: DemoPerson, *, serious: bool = False) -> str:
    weights = dict(SUSPENSION_REASONS_WEIGHTS)
    if serious:
        for code in ("PA", "PP", "OW", "DA"):
            weights[code] *= 4
    count = rng.choices([1, 2, 3], weights=[70, 22, 8])[0]
    chosen: list[str] = []
    while len(chosen) < count:
        code = rng.choices(list(weights), weights=list(weights.values()))[0]
        if code not in chosen:
            chosen.append(code)
    return ";".join(chosen)


def _school_day_within(rng: random.Random, as_of: date, days: int) -> date:
    return _school_day_on_or_before(as_of - timedelta(days=rng.randint(0, days)))


def _school_day_on_or_before(day: date) -> date:
    while not is_school_day(day):
        day -= timedelta(days=1)
    return day
