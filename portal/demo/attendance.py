"""Register marks: one row per pupil per session over the last school weeks. Absence
follows each pupil's latent risk, so the persistent- and severe-absence trigger points
fire for the same children who show up in other feeds; suspensions appear as `E` marks
and a family's term-time holiday as `G` marks for every sibling."""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from portal.demo.calendar import is_school_day, school_days_before
from portal.demo.city import City, DemoPerson
from portal.demo.rows import PERSON, iso

PRESENT = ("/", "\\")


def attendance_rows(city: City, suspensions: list[dict]) -> Iterator[dict]:
    """Streams the rows pupil by pupil; each pupil has their own random stream, so any
    slice of pupils can be generated on its own (the scale path does that in chunks)."""
    seed = city.config.seed
    days = school_days_before(city.config.as_of, weeks=city.config.attendance_weeks)
    if not days:
        return
    window = (days[0], days[-1])
    suspended = _suspended_days(suspensions, window)
    holidays = _family_holidays(city, days)
    closures = _closures(city, days)
    for pupil in city.pupils:
        marks = _PupilMarks(random.Random(f"{seed}:attendance:{pupil.key}"), pupil)
        off = suspended.get(pupil.key, set())
        away = holidays.get(pupil.family.family_id, set())
        for day in days:
            school = pupil.school_on(day)
            if school is None:
                continue
            if day in closures.get(school.urn, ()):
                am, pm = "#", "#"
            elif day in off:
                am, pm = "E", "E"
            elif day in away:
                am, pm = "G", "G"
            else:
                am, pm = marks.day(day)
            stem = f"{school.urn}-{pupil.upn}-{iso(day)}"
            base = {"urn": school.urn, "upn": pupil.upn, "date": iso(day)}
            yield {"source_record_id": f"{stem}-AM", **base, "session": "AM", "code": am}
            yield {"source_record_id": f"{stem}-PM", **base, "session": "PM", "code": pm}


class _PupilMarks:
    def __init__(self, rng: random.Random, pupil: DemoPerson) -> None:
        risk = pupil.risk
        self.rng = rng
        self.absence = (0.016 + 0.55 * risk**1.5 + rng.uniform(0, 0.02)) * (1.15 if pupil.is_secondary else 1)
        self.unauthorised = 0.15 + 0.7 * risk
        self.late = 0.02 + 0.06 * risk
        self.part_time_days: set[int] = set()
        self.provision_day: int | None = None
        if pupil.is_secondary and risk > 0.55 and rng.random() < 0.35:
            self.part_time_days = set(rng.sample(range(5), k=rng.randint(2, 3)))
        if pupil.is_secondary and risk > 0.7 and rng.random() < 0.3:
            self.provision_day = rng.randrange(5)
        self.ill_days_left = 0

    def day(self, day: date) -> tuple[str, str]:
        rng = self.rng
        if self.provision_day == day.weekday():
            return "K", "K"
        if self.ill_days_left:
            self.ill_days_left -= 1
            return "I", "I"
        if rng.random() < self.absence:
            return self._absent(rng)
        if rng.random() < 0.004:
            return ("P", "P") if rng.random() < 0.5 else ("V", "V")
        am = "L" if rng.random() < self.late else "/"
        pm = "C2" if day.weekday() in self.part_time_days else "\\"
        return am, pm

    def _absent(self, rng: random.Random) -> tuple[str, str]:
        if rng.random() < self.unauthorised:
            code = rng.choices(["O", "N", "U"], weights=[55, 30, 15])[0]
            return ("U", "\\") if code == "U" else (code, code)
        kind = rng.choices(["I", "M", "R", "C"], weights=[78, 15, 3, 4])[0]
        if kind == "I":
            self.ill_days_left = rng.choices([0, 1, 2, 4], weights=[55, 30, 12, 3])[0]
            return "I", "I"
        if kind == "M":
            return "M", "\\"
        return kind, kind


def _suspended_days(suspensions: list[dict], window: tuple[date, date]) -> dict[int, set[date]]:
    """Days each pupil is marked `E`: a suspension's sessions from its start date, a
    permanent exclusion until the pupil leaves the school."""
    days: dict[int, set[date]] = {}
    for row in suspensions:
        pupil: DemoPerson = row[PERSON]
        if row["category"] == "LNCH" or pupil is None:
            continue
        start = date.fromisoformat(row["start_date"])
        if row["category"] == "PERM":
            spell = next(s for s in pupil.spells if s.school.urn == row["urn"])
            last, count = spell.leaving_date or window[1], None
        else:
            last, count = window[1], (int(row["sessions"]) + 1) // 2
        marked = days.setdefault(pupil.key, set())
        for index, day in enumerate(_school_days_from(start, last)):
            if count is not None and index >= count:
                break
            marked.add(day)
    return days


def _school_days_from(start: date, last: date) -> Iterator[date]:
    day = start
    while day <= last:
        if is_school_day(day):
            yield day
        day += timedelta(days=1)


def _family_holidays(city: City, days: list[date]) -> dict[str, set[date]]:
    rng = random.Random(f"{city.config.seed}:attendance:holidays")
    holidays = {}
    for family in city.families:
        if rng.random() < 0.04 and len(days) > 5:
            start = rng.randrange(len(days) - 5)
            holidays[family.family_id] = set(days[start : start + rng.randint(3, 5)])
    return holidays


def _closures(city: City, days: list[date]) -> dict[str, set[date]]:
    """The odd planned closure (a polling day, a boiler failure) for a whole school."""
    rng = random.Random(f"{city.config.seed}:attendance:closures")
    return {s.urn: {rng.choice(days)} for s in city.schools if rng.random() < 0.3}
