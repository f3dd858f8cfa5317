"""The demo city's people, families and schools as plain objects. Every feed is rendered
from this one model, so a pupil's census row, register marks, police rows and household
row all describe the same synthetic child."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

PRIMARY_YEAR_GROUPS = ("R", "1", "2", "3", "4", "5", "6")


@dataclass(frozen=True)
class CityConfig:
    seed: int
    as_of: date
    pupils: int = 3000
    schools: int = 12
    attendance_weeks: int = 12

    def __post_init__(self) -> None:
        if self.schools < 2:
            raise ValueError("The demo city needs at least 2 schools (one primary, one secondary).")
        if not self.schools <= self.pupils <= 1000 * self.schools:
            raise ValueError(
                "The demo city needs between 1 and 1,000 pupils per school (UPN serials are three digits)."
            )
        if self.attendance_weeks < 1:
            raise ValueError("Attendance needs at least one school week.")


@dataclass(eq=False)
class DemoSchool:
    urn: str
    laestab: str
    name: str
    phase: str
    weight: float
    status: str = "open"

    @property
    def estab(self) -> str:
        return self.laestab[3:]


@dataclass(eq=False)
class Spell:
    """One enrolment: the pupil is on roll at `school` from `entry_date`."""

    school: DemoSchool
    entry_date: date
    leaving_date: date | None = None


@dataclass(eq=False)
class DemoPerson:
    key: int
    family: DemoFamily
    relationship: str
    forename: str
    surname: str
    date_of_birth: date
    sex: str
    nhs_number: str
    local_person_id: str
    risk: float = 0.0
    ethnicity: str = ""
    upn: str = ""
    former_upn: str = ""
    year_group: str = ""
    spells: list[Spell] = field(default_factory=list)
    sen_provision: str = "N"
    sen_primary_need: str = ""
    fsm_start_date: date | None = None

    @property
    def is_child(self) -> bool:
        return self.relationship in ("child", "sibling")

    @property
    def is_pupil(self) -> bool:
        return bool(self.spells)

    @property
    def postcode(self) -> str:
        return self.family.postcode

    @property
    def current_school(self) -> DemoSchool | None:
        return self.spells[-1].school if self.spells else None

    @property
    def is_secondary(self) -> bool:
        return bool(self.year_group) and self.year_group not in PRIMARY_YEAR_GROUPS

    def age_on(self, day: date) -> int:
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    def school_on(self, day: date) -> DemoSchool | None:
        for spell in self.spells:
            if spell.entry_date <= day and (spell.leaving_date is None or day <= spell.leaving_date):
                return spell.school
        return None


@dataclass(eq=False)
class DemoFamily:
    family_id: str
    postcode: str
    risk: float
    formed_on: date
    members: list[DemoPerson] = field(default_factory=list)

    @property
    def children(self) -> list[DemoPerson]:
        return [m for m in self.members if m.is_child]

    @property
    def adults(self) -> list[DemoPerson]:
        return [m for m in self.members if not m.is_child]

    @property
    def lead_child(self) -> DemoPerson:
        return self.children[0]


@dataclass(eq=False)
class City:
    config: CityConfig
    schools: list[DemoSchool]
    families: list[DemoFamily]

    @property
    def people(self) -> list[DemoPerson]:
        return [m for f in self.families for m in f.members]

    @property
    def pupils(self) -> list[DemoPerson]:
        return [m for f in self.families for m in f.members if m.is_pupil]


def demo_schools(city: City) -> tuple[DemoSchool, DemoSchool]:
    """The head teacher and DSL work at the largest secondary, the second head teacher
    at the largest primary: the two views a demo most wants to compare."""
    sizes = Counter(p.current_school.urn for p in city.pupils if p.current_school)
    by_size = sorted(city.schools, key=lambda s: (-sizes[s.urn], s.urn))
    first = next(s for s in by_size if s.phase == "secondary")
    second = next(s for s in by_size if s.phase == "primary")
    return first, second
