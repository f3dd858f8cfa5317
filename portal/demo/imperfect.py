"""A handful of deliberately imperfect rows, as real extracts always have, so that the
demo's review queue and rejected-rows report have work to show. Each is listed in the
seed summary with what is wrong with it."""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from portal.demo.city import City, DemoPerson
from portal.demo.rows import PERSON, identity, iso


@dataclass(frozen=True)
class Imperfection:
    feed: str
    source_record_id: str
    problem: str


def add_imperfect_rows(city: City, rng: random.Random, rows: dict[str, list[dict]]) -> list[Imperfection]:
    added: list[Imperfection] = []
    pupils = [p for p in city.pupils if len(p.surname) >= 4 and p.age_on(city.config.as_of) >= 10]
    if not pupils:
        return added
    police = rows["police_incidents"]
    template = next((r for r in police if r["role"] == "victim"), None)
    when = template["occurred_at"] if template else f"{iso(city.config.as_of)}T16:00"

    typo = rng.choice(pupils)
    row = _police(typo, f"POLX{len(police) + 1:06d}", when) | {"surname": _swap_letters(typo.surname)}
    police.append(row)
    added.append(Imperfection("police_incidents", row["source_record_id"], "surname typo, no UPN: review"))

    swappable = [
        p for p in pupils if p.date_of_birth.day <= 12 and p.date_of_birth.day != p.date_of_birth.month
    ]
    if swappable:
        swapped = rng.choice(swappable)
        dob = swapped.date_of_birth
        row = _police(swapped, f"POLX{len(police) + 1:06d}", when)
        row["date_of_birth"] = iso(dob.replace(month=dob.day, day=dob.month))
        police.append(row)
        added.append(
            Imperfection(
                "police_incidents", row["source_record_id"], "day and month of birth swapped: review"
            )
        )

    stranger = dict(identity(rng.choice(pupils)))
    stranger |= {"upn": "", "forename": "Jordan", "surname": "Featherstonehaugh", PERSON: None}
    stranger |= {"date_of_birth": iso(city.config.as_of.replace(year=city.config.as_of.year - 15, day=1))}
    yj = rows["youth_justice"]
    row = {"source_record_id": f"YJSX{len(yj) + 1:06d}", **stranger}
    yj.append(
        row | {"outcome_date": iso(city.config.as_of), "outcome": "youth_caution", "offence_group": "theft"}
    )
    added.append(Imperfection("youth_justice", row["source_record_id"], "matches nobody in the city: review"))

    health = rows["health"]
    patient = rng.choice(pupils)
    bad_nhs = patient.nhs_number[:9] + str((int(patient.nhs_number[9]) + 1) % 10)
    row = {
        "source_record_id": f"NHSX{len(health) + 1:06d}",
        **identity(patient, nhs=True),
        "nhs_number": bad_nhs,
    }
    health.append(row | {"event_date": iso(city.config.as_of), "event_type": "camhs_referral", "reason": ""})
    added.append(Imperfection("health", row["source_record_id"], "NHS number check digit wrong: rejected"))

    suspensions = rows["suspensions"]
    if suspensions:
        row = dict(suspensions[0]) | {
            "source_record_id": f"EXCX{len(suspensions) + 1:06d}",
            "reasons": "DB;XX",
        }
        suspensions.append(row)
        added.append(Imperfection("suspensions", row["source_record_id"], "unknown reason code XX: rejected"))

    missing = rows["missing_episodes"]
    runaway = rng.choice(pupils)
    reported = datetime.combine(city.config.as_of - timedelta(days=9), time(21, 30))
    reported = reported.replace(year=_year_mistyped(reported.year))
    row = {"source_record_id": f"MISX{len(missing) + 1:06d}", **identity(runaway, upn=True, local=True)}
    missing.append(
        row
        | {
            "reported_at": reported.isoformat(timespec="minutes"),
            "returned_at": (reported + timedelta(hours=14)).isoformat(timespec="minutes"),
            "return_interview_offered": "Y",
            "return_interview_done": "N",
        }
    )
    added.append(
        Imperfection(
            "missing_episodes",
            row["source_record_id"],
            f"reported in {reported.year}, the year's digits transposed: rejected as in the future",
        )
    )
    return added


def _year_mistyped(year: int) -> int:
    """The last two digits transposed (2026 keyed as 2062), or a decade on where that
    changes nothing: a year that stays in the future for as long as the demo is used."""
    swapped = year - year % 100 + (year % 10) * 10 + (year % 100) // 10
    return swapped if swapped > year + 5 else year + 10


def _police(person: DemoPerson, source_id: str, when: str) -> dict:
    row = {"source_record_id": source_id, **identity(person)}
    return row | {
        "occurred_at": when,
        "role": "witness",
        "offence_group": "public_order",
        "summary": "Witness to a public order offence",
    }


def _swap_letters(name: str) -> str:
    """Two adjacent letters transposed, the commonest keying error: the pair nearest the
    middle that differ, since swapping the "rr" of Morris changes nothing."""
    middle = len(name) // 2
    for index in sorted(range(1, len(name)), key=lambda i: abs(i - middle)):
        if name[index - 1] != name[index]:
            return name[: index - 1] + name[index] + name[index - 1] + name[index + 1 :]
    return name + "e"
