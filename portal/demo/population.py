"""Builds the city's schools, households and pupils. Risk is latent and family-shaped: a
household's risk drives every child's, so trouble clusters in families (as it does in
serious case reviews) while most children have nothing of note."""

import itertools
import random
from datetime import date, timedelta

from faker import Faker

from portal.demo.calendar import academic_year_of, term_start
from portal.demo.city import PRIMARY_YEAR_GROUPS, City, CityConfig, DemoFamily, DemoPerson, DemoSchool, Spell
from portal.demo.identifiers import LA_CODE, IdentifierPool, postcode
from portal.demo.rows import Weighted
from portal.demo.spec import ETHNICITY_WEIGHTS, SEN_NEEDS_WEIGHTS

_PLACES = (
    "Ashgrove", "Millbrook", "Hollins Park", "Kingsmead", "Riverside", "Thornfield", "Elmhurst",
    "Carrow Hill", "Westgate", "Fenwick", "Larkspur", "Oakfield", "Brackenridge", "Harbour View",
    "Saltmarsh", "Copperfields", "Lindley Vale", "Stonebridge", "Wyndham", "Greyfriars",
)  # fmt: skip
_CHILDREN_PER_FAMILY = Weighted({"1": 38, "2": 37, "3": 16, "4": 6, "5": 3})
_ETHNICITIES = Weighted(ETHNICITY_WEIGHTS)
_SEN_NEEDS = Weighted(SEN_NEEDS_WEIGHTS)


def build_city(config: CityConfig) -> City:
    rng = random.Random(f"{config.seed}:population")
    fake = Faker("en_GB")
    fake.seed_instance(config.seed)
    ids = IdentifierPool(random.Random(f"{config.seed}:identifiers"))
    schools = _schools(config, rng, ids)
    builder = _FamilyBuilder(config, rng, fake, ids, schools)
    families: list[DemoFamily] = []
    pupils = 0
    while pupils < config.pupils:
        family = builder.family(len(families) + 1)
        families.append(family)
        pupils += sum(1 for m in family.members if m.is_pupil)
    return City(config=config, schools=schools, families=families)


def _schools(config: CityConfig, rng: random.Random, ids: IdentifierPool) -> list[DemoSchool]:
    secondaries = max(1, round(config.schools / 4))
    places = list(_PLACES)
    rng.shuffle(places)
    schools = []
    for index in range(config.schools):
        phase = "secondary" if index >= config.schools - secondaries else "primary"
        place = places[index % len(places)] + ("" if index < len(places) else f" {index // len(places) + 1}")
        suffix = "Primary School" if phase == "primary" else "Academy"
        estab = (2000 if phase == "primary" else 4000) + index * 7 + rng.randint(0, 6)
        schools.append(
            DemoSchool(
                urn=ids.urn(),
                laestab=f"{LA_CODE}{estab:04d}",
                name=f"{place} {suffix}",
                phase=phase,
                weight=rng.uniform(0.6, 1.4),
            )
        )
    return schools


def _family_risk(rng: random.Random) -> float:
    draw = rng.random()
    if draw < 0.72:
        return rng.uniform(0.0, 0.06)
    if draw < 0.90:
        return rng.uniform(0.06, 0.3)
    if draw < 0.975:
        return rng.uniform(0.3, 0.65)
    return rng.uniform(0.65, 1.0)


def year_group_index(dob: date, as_of: date) -> int:
    """0 for Reception, 1..13 for Years 1-13, negative before school age."""
    birth_year = dob.year if dob.month >= 9 else dob.year - 1
    return academic_year_of(as_of) - birth_year - 5


class _FamilyBuilder:
    def __init__(
        self,
        config: CityConfig,
        rng: random.Random,
        fake: Faker,
        ids: IdentifierPool,
        schools: list[DemoSchool],
    ) -> None:
        self.config = config
        self.rng = rng
        self.fake = fake
        self.ids = ids
        self.primaries = [s for s in schools if s.phase == "primary"]
        self.secondaries = [s for s in schools if s.phase == "secondary"]
        self.cumulative = {
            phase: list(itertools.accumulate(s.weight for s in group))
            for phase, group in ((False, self.primaries), (True, self.secondaries))
        }
        self.people = 0

    def family(self, number: int) -> DemoFamily:
        rng, as_of = self.rng, self.config.as_of
        risk = _family_risk(rng)
        eldest_age_days = rng.randint(4 * 365, 19 * 365)
        family = DemoFamily(
            family_id=f"NBH{number:06d}",
            postcode=postcode(rng),
            risk=risk,
            formed_on=as_of - timedelta(days=eldest_age_days + rng.randint(0, 1500)),
        )
        surname = self.fake.last_name()
        ethnicity = _ETHNICITIES.pick(rng)
        dob = as_of - timedelta(days=eldest_age_days)
        count = int(_CHILDREN_PER_FAMILY.pick(rng))
        for index in range(count):
            if dob >= as_of:
                break
            child = self._person(family, "child" if index == 0 else "sibling", surname, dob)
            child.ethnicity = ethnicity
            child.risk = min(1.0, risk * rng.uniform(0.5, 1.1) + rng.uniform(0.0, 0.05))
            self._enrol(child)
            dob += timedelta(days=rng.randint(400, 1800))
        self._adults(family, surname, as_of - timedelta(days=eldest_age_days))
        return family

    def _person(
        self, family: DemoFamily, relationship: str, surname: str, dob: date, sex: str = ""
    ) -> DemoPerson:
        self.people += 1
        sex = sex or self.rng.choice("MF")
        taken = {member.forename for member in family.members}
        forename = self._forename(sex)
        while forename in taken:
            # A household does not name two of its members alike; two brothers of one
            # name sent a households row to the review queue as a possible match.
            forename = self._forename(sex)
        person = DemoPerson(
            key=self.people,
            family=family,
            relationship=relationship,
            forename=forename,
            surname=surname,
            date_of_birth=dob,
            sex=sex,
            nhs_number=self.ids.nhs_number(),
            local_person_id=self.ids.local_person_id(),
        )
        family.members.append(person)
        return person

    def _forename(self, sex: str) -> str:
        return self.fake.first_name_male() if sex == "M" else self.fake.first_name_female()

    def _adults(self, family: DemoFamily, surname: str, eldest_dob: date) -> None:
        rng = self.rng
        age_gap = timedelta(days=rng.randint(19 * 365, 38 * 365))
        if rng.random() < 0.02:
            self._person(family, "carer", surname, eldest_dob - age_gap - timedelta(days=20 * 365), "F")
            return
        self._person(family, "parent", surname, eldest_dob - age_gap, "F")
        if rng.random() < 0.68:
            partner_surname = surname if rng.random() < 0.7 else self.fake.last_name()
            dob = eldest_dob - age_gap - timedelta(days=rng.randint(-700, 2500))
            self._person(family, "parent", partner_surname, dob, "M")
        elif rng.random() < 0.12:
            dob = eldest_dob - age_gap - timedelta(days=rng.randint(-1500, 1500))
            self._person(family, "other_adult", self.fake.last_name(), dob, "M")

    def _enrol(self, child: DemoPerson) -> None:
        """Put a school-age child on roll; siblings mostly share a school."""
        rng, as_of = self.rng, self.config.as_of
        year = year_group_index(child.date_of_birth, as_of)
        if year < 0 or year > 13 or (year >= 12 and rng.random() < 0.45):
            return
        secondary = year >= 7
        schools = self.secondaries if secondary else self.primaries
        sibling_school = next(
            (s.current_school for s in child.family.children if s.is_pupil and s.is_secondary == secondary),
            None,
        )
        if sibling_school is not None and rng.random() < 0.85:
            school = sibling_school
        else:
            school = rng.choices(schools, cum_weights=self.cumulative[secondary])[0]
        child.year_group = PRIMARY_YEAR_GROUPS[year] if year < 7 else str(year)
        academic_year = academic_year_of(as_of)
        entry = min(as_of, term_start(academic_year - (year if year < 7 else year - 7)))
        first_school_year = academic_year - year
        start = rng.randrange(len(self.primaries))
        others = [s.estab for s in self.primaries[start:] + self.primaries[:start]]
        allocating = others if secondary else [school.estab, *others]
        child.upn = self.ids.upn(estabs=allocating, year_allocated=first_school_year)
        if rng.random() < 0.01:
            child.former_upn = self.ids.upn(
                estabs=allocating, year_allocated=first_school_year, temporary=True
            )
        moved = rng.random() < 0.03 and len(schools) > 1 and entry < as_of - timedelta(days=120)
        if moved:
            move_day = as_of - timedelta(days=rng.randint(20, 110))
            previous = rng.choice([s for s in schools if s is not school])
            child.spells.append(Spell(previous, entry, move_day - timedelta(days=1)))
            entry = move_day
        child.spells.append(Spell(school, entry))
        self._census_needs(child, secondary)

    def _census_needs(self, child: DemoPerson, secondary: bool) -> None:
        rng, risk = self.rng, child.risk
        draw = rng.random()
        if draw < 0.025 + 0.08 * risk:
            child.sen_provision = "E"
        elif draw < 0.15 + 0.3 * risk:
            child.sen_provision = "K"
        if child.sen_provision != "N":
            if rng.random() < 0.6 * risk + (0.1 if secondary else 0.0):
                child.sen_primary_need = "SEMH"
            else:
                child.sen_primary_need = _SEN_NEEDS.pick(rng)
        if rng.random() < 0.2 + 0.6 * child.family.risk:
            start = max(child.spells[0].entry_date, self.config.as_of - timedelta(days=rng.randint(30, 2000)))
            child.fsm_start_date = start
