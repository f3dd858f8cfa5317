"""Pupils whose trigger points a head teacher may see only in part: Alpha has one
restricted trigger point, Bravo three (raised on three different days), each beside the
same one the head teacher sees by name, and both weigh 4 (medium). So whatever a head
teacher is shown of Alpha and of Bravo must read the same, or it counts the factors
hidden from them. Charlie has two trigger points seen by name and weighs 3 (medium)."""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from chronology.models import Sensitivity
from schools.models import Person
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagFactory, IndicatorVersionFactory

HIDDEN_NAMES = (
    "Police intelligence with an exploitation marker",
    "Domestic abuse in the household",
    "Mental-health crisis admission",
    "Known associate of a gang nominal",
)
HIDDEN_CODES = ("tp08", "tp09", "tp10", "tp11")
HIDDEN_DAYS = (10, 20, 30, 45)
"""Days ago each hidden trigger point was raised: none of these dates may show."""


@dataclass
class HiddenWorld:
    alpha: Person
    bravo: Person
    charlie: Person
    head: User
    dsl: User
    taskforce: User


def at(days_ago: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(10)))


def hidden_dates() -> list[str]:
    """Each hidden raised date as the pages and the API would write it."""
    days = [timezone.localdate() - timedelta(days=n) for n in HIDDEN_DAYS]
    return [f"{d:%-d %b %Y}" for d in days] + [d.isoformat() for d in days]


def build_hidden_world() -> HiddenWorld:
    school = SchoolFactory()
    absence = IndicatorVersionFactory(
        indicator__code="tp01", indicator__position=1, name="Persistent absence", weight=1
    )
    suspensions = IndicatorVersionFactory(
        indicator__code="tp04", indicator__position=4, name="Two or more suspensions", weight=2
    )
    hidden = [
        IndicatorVersionFactory(
            indicator__code=code,
            indicator__position=8 + i,
            name=name,
            weight=3 if i == 0 else 1,
            number=i + 2,
        )
        for i, (code, name) in enumerate(zip(HIDDEN_CODES, HIDDEN_NAMES, strict=True))
    ]

    def pupil(surname: str, *versions) -> Person:
        person = EnrolmentFactory(school=school, person__surname=surname).person
        FlagFactory(person=person, version=absence, sensitivity=Sensitivity.EDUCATION, raised_at=at(5))
        for version in versions:
            days = HIDDEN_DAYS[hidden.index(version)] if version in hidden else 5
            sensitivity = Sensitivity.RESTRICTED if version in hidden else Sensitivity.EDUCATION
            FlagFactory(person=person, version=version, sensitivity=sensitivity, raised_at=at(days))
        return person

    return HiddenWorld(
        alpha=pupil("Alpha", hidden[0]),
        bravo=pupil("Bravo", *hidden[1:]),
        charlie=pupil("Charlie", suspensions),
        head=school_staff(Role.HEAD_TEACHER, school),
        dsl=school_staff(Role.DSL, school),
        taskforce=user_with_role(Role.TASKFORCE),
    )


def web_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def anonymised(text: str, person: Person) -> str:
    """The text with the person's own identifiers replaced, so that two pupils' rows can
    be compared for anything else that differs."""
    for value in (person.upn, person.surname, person.forename):
        if value:
            text = text.replace(value, "PERSON")
    # Only as an address gives it (/young-people/12/, ?person=12): a bare number may be
    # a count on the page ("from 2 trigger points") that happens to equal the id.
    return re.sub(rf"(?<=/){person.pk}(?=/)|(?<==){person.pk}\b", "ID", text)


def table_row(html: str, person: Person) -> str:
    """The list's or printout's table row naming this person."""
    rows = [row for row in html.split("<tr") if f"{person.surname}, {person.forename}" in row]
    assert len(rows) == 1, f"{person.surname} is not on the page once"
    return rows[0].split("</tr>")[0]


def trigger_points_section(html: str) -> str:
    """The young person's page from its trigger points heading to the next heading of
    the same level (or the end)."""
    start = html.index('id="trigger-points"')
    end = html.find("<h2", start)
    return html[start : end if end != -1 else len(html)]
