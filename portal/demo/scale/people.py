"""Schools, families, people, memberships and enrolments of a scale city, drawn in Python
(a few hundred thousand rows) and COPYed with explicit ids, so the SQL that generates
the high-volume tables can refer to them without lookups."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from faker import Faker

from portal.db_copy import copy_rows
from portal.demo.calendar import academic_year_of
from portal.demo.identifiers import LA_CODE, IdentifierPool, postcode
from schools.name_folding import name_key

PUPILS_PER_PRIMARY = 420
PUPILS_PER_SECONDARY = 1250
ETHNICITIES = ("WBRI", "WBRI", "WBRI", "AIND", "BAFR", "MWBC", "WOTH")
YEAR_GROUPS = ("R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")


@dataclass
class ScaleSchool:
    id: int
    urn: str
    laestab: str
    name: str
    phase: str
    weight: float
    pupils: int = 0


@dataclass
class ScalePeople:
    schools: list[ScaleSchool]
    families: int = 0
    people: int = 0
    young_people: int = 0
    pupils_by_school: dict[int, list[int]] = field(default_factory=dict)


def _schools(young_people: int, rng: random.Random, ids: IdentifierPool) -> list[ScaleSchool]:
    secondaries = max(1, round(young_people * 5 / 12 / PUPILS_PER_SECONDARY))
    primaries = max(1, round(young_people * 7 / 12 / PUPILS_PER_PRIMARY))
    schools = []
    for index in range(primaries + secondaries):
        phase = "primary" if index < primaries else "secondary"
        estab = 2000 + index if phase == "primary" else 4000 + index - primaries
        suffix = "Primary School" if phase == "primary" else "Academy"
        schools.append(
            ScaleSchool(
                id=index + 1,
                urn=ids.urn(),
                laestab=f"{LA_CODE}{estab:04d}",
                name=f"Bench {phase.title()} {index + 1} {suffix}",
                phase=phase,
                weight=rng.uniform(0.6, 1.4),
            )
        )
    return schools


def build_people(*, young_people: int, seed: int, as_of: date) -> ScalePeople:
    """Every young person is a pupil in Reception to Year 11, in a family of one to five
    children and one or two adults who share its postcode."""
    rng = random.Random(f"{seed}:scale-people")
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    forenames = {
        "F": [fake.first_name_female() for _ in range(400)],
        "M": [fake.first_name_male() for _ in range(400)],
    }
    surnames = [fake.last_name() for _ in range(1500)]
    ids = IdentifierPool(random.Random(f"{seed}:scale-identifiers"))
    schools = _schools(young_people, rng, ids)
    by_phase = {p: [s for s in schools if s.phase == p] for p in ("primary", "secondary")}
    weights = {p: [s.weight for s in by_phase[p]] for p in by_phase}
    year = academic_year_of(as_of)
    now = timezone.now()
    result = ScalePeople(schools=schools)
    people, families, members, enrolments = [], [], [], []
    person_id = 0
    while result.young_people < young_people:
        result.families += 1
        family_id = result.families
        code = postcode(rng)
        surname = rng.choice(surnames)
        families.append((family_id, f"SCALE-F{family_id:07d}", now))
        children = min(
            young_people - result.young_people, rng.choices((1, 2, 3, 4, 5), (38, 37, 16, 6, 3))[0]
        )
        for _ in range(rng.choice((1, 1, 2))):
            person_id += 1
            sex = rng.choice("FM")
            dob = as_of - timedelta(days=rng.randint(25 * 365, 55 * 365))
            has_nhs_number = rng.random() < 0.9
            forename = rng.choice(forenames[sex])
            people.append(
                (person_id, None, "", ids.nhs_number() if has_nhs_number else None, ids.local_person_id(),
                 forename, surname, name_key(forename, surname), dob, sex, "WBRI", code, now, now)
            )  # fmt: skip
            members.append((family_id, person_id, "parent", code, dob + timedelta(days=20 * 365)))
        for _ in range(children):
            person_id += 1
            result.young_people += 1
            index = rng.randrange(len(YEAR_GROUPS))
            phase = "primary" if index < 7 else "secondary"
            school = rng.choices(by_phase[phase], weights[phase])[0]
            school.pupils += 1
            start_year = year - index
            dob = date(start_year - 5, 9, 1) + timedelta(days=rng.randrange(365))
            upn = ids.upn(estabs=[school.laestab[3:]], year_allocated=start_year)
            sex = rng.choice("FM")
            forename = rng.choice(forenames[sex])
            people.append(
                (person_id, upn, "", ids.nhs_number(), ids.local_person_id(), forename,
                 surname, name_key(forename, surname), dob, sex, rng.choice(ETHNICITIES), code, now, now)
            )  # fmt: skip
            members.append((family_id, person_id, "child", code, dob))
            entry = date(start_year if phase == "primary" else year - (index - 7), 9, 3)
            sen = rng.choices(("N", "K", "E"), (84, 13, 3))[0]
            enrolments.append(
                (person_id, school.id, entry, YEAR_GROUPS[index], sen, "" if sen == "N" else "SEMH",
                 entry if rng.random() < 0.24 else None)
            )  # fmt: skip
            result.pupils_by_school.setdefault(school.id, []).append(person_id)
    result.people = person_id
    copy_rows("schools_school", ("id", "urn", "laestab", "name", "phase", "status"),
              ((s.id, s.urn, s.laestab, s.name, s.phase, "open") for s in schools))  # fmt: skip
    copy_rows("schools_family", ("id", "family_id", "created_at"), families)
    copy_rows(
        "schools_person",
        ("id", "upn", "former_upn", "nhs_number", "local_person_id", "forename", "surname", "name_key",
         "date_of_birth", "sex", "ethnicity", "postcode", "created_at", "updated_at"),
        people,
    )  # fmt: skip
    copy_rows(
        "schools_familymember",
        ("family_id", "person_id", "relationship", "address_postcode", "from_date"),
        members,
    )
    copy_rows(
        "schools_enrolment",
        (
            "person_id",
            "school_id",
            "entry_date",
            "year_group",
            "sen_provision",
            "sen_primary_need",
            "fsm_start_date",
        ),
        enrolments,
    )
    return result
