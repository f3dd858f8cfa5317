"""A young person with a family and events of every sensitivity, each with text unique
enough to find in raw bytes, and a user of every role: for the chronology's tests."""

import datetime
from dataclasses import dataclass

from accounts.models import User
from accounts.roles import Role
from accounts.services.person_grants import person_grant
from chronology.models import Feed, Sensitivity
from schools.models import FamilyMember, Person
from tests.factories import (
    EnrolmentFactory,
    EventFactory,
    FamilyFactory,
    FamilyMemberFactory,
    FeedFactory,
    FeedRunFactory,
    PersonFactory,
    SchoolFactory,
    SourceRecordFactory,
)
from tests.factories.access import school_staff, user_with_role

D = datetime.date


@dataclass
class World:
    pupil: Person
    brother: Person
    mother: Person
    users: dict[str, User]
    texts: dict[str, str]
    """Label -> the summary of one event, unique in the world."""


def _event(person, feed_code: str, category: str, day: D, summary: str, **kwargs):
    feed = FeedFactory(
        code=feed_code, default_sensitivity=kwargs.pop("sensitivity", None) or _SENS[feed_code]
    )
    run = FeedRunFactory(feed=feed, original_filename=f"{feed_code}-march.csv")
    record = SourceRecordFactory(
        feed=feed, person=person, last_run=run, source_record_id=f"REF-{summary.split()[-1]}"
    )
    return EventFactory(
        person=person,
        feed=feed,
        category=category,
        occurred_on=day,
        summary=summary,
        feed_run=run,
        source_record=record,
        link_confidence=kwargs.pop("confidence", 1.0),
        **kwargs,
    )


_SENS = {
    Feed.Code.SUSPENSIONS: Sensitivity.EDUCATION,
    Feed.Code.YOUTH_JUSTICE: Sensitivity.PARTNER,
    Feed.Code.POLICE_INTELLIGENCE: Sensitivity.RESTRICTED,
    Feed.Code.DOMESTIC_ABUSE: Sensitivity.RESTRICTED,
    Feed.Code.MISSING_EPISODES: Sensitivity.PARTNER,
}


def build_world() -> World:
    school = SchoolFactory(name="Alder Academy")
    pupil = EnrolmentFactory(
        school=school, person__forename="Ada", person__surname="Quill", entry_date=D(2023, 9, 4)
    ).person
    brother = PersonFactory(forename="Ben", surname="Quill", sex="M")
    mother = PersonFactory(forename="Mae", surname="Quill", sex="F", date_of_birth=D(1985, 1, 1), upn=None)
    family = FamilyFactory()
    FamilyMemberFactory(family=family, person=pupil, relationship=FamilyMember.Relationship.CHILD)
    FamilyMemberFactory(
        family=family,
        person=brother,
        relationship=FamilyMember.Relationship.SIBLING,
        from_date=D(2024, 1, 1),
        to_date=D(2024, 12, 31),
    )
    FamilyMemberFactory(family=family, person=mother, relationship=FamilyMember.Relationship.PARENT)
    texts = {
        "own_education": "Fixed-term suspension zebra",
        "own_partner": "Youth caution walrus",
        "own_restricted": "Intelligence report narwhal",
        "brother_in": "Brother missing episode quokka",
        "brother_before": "Brother missing episode axolotl",
        "household_restricted": "Domestic abuse notification ibis",
    }
    _event(pupil, Feed.Code.SUSPENSIONS, "suspension", D(2025, 3, 3), texts["own_education"])
    _event(
        pupil, Feed.Code.YOUTH_JUSTICE, "youth_caution", D(2025, 2, 3), texts["own_partner"], confidence=0.82
    )
    _event(pupil, Feed.Code.POLICE_INTELLIGENCE, "intelligence", D(2025, 1, 6), texts["own_restricted"])
    _event(brother, Feed.Code.MISSING_EPISODES, "missing_episode", D(2024, 6, 1), texts["brother_in"])
    _event(brother, Feed.Code.MISSING_EPISODES, "missing_episode", D(2023, 6, 1), texts["brother_before"])
    household = _event(
        pupil, Feed.Code.DOMESTIC_ABUSE, "domestic_abuse", D(2024, 11, 5), texts["household_restricted"]
    )
    household.person, household.family = None, family
    household.save()

    taskforce = user_with_role(Role.TASKFORCE)
    person_grant(by=None, user=taskforce, person=pupil)
    users = {
        Role.HEAD_TEACHER.value: school_staff(Role.HEAD_TEACHER, school),
        Role.DSL.value: school_staff(Role.DSL, school),
        Role.TASKFORCE.value: taskforce,
        "other_school_head_teacher": school_staff(Role.HEAD_TEACHER, SchoolFactory()),
        Role.IG_OFFICER.value: user_with_role(Role.IG_OFFICER),
        Role.DATA_OFFICER.value: user_with_role(Role.DATA_OFFICER),
        Role.ADMINISTRATOR.value: user_with_role(Role.ADMINISTRATOR),
    }
    return World(pupil=pupil, brother=brother, mother=mother, users=users, texts=texts)


VISIBLE_TEXT = {
    Role.HEAD_TEACHER.value: {"own_education"},
    Role.DSL.value: {"own_education", "own_partner", "brother_in"},
    Role.TASKFORCE.value: {
        "own_education",
        "own_partner",
        "own_restricted",
        "brother_in",
        "household_restricted",
    },
}
"""Which events' text each record role reads (DESIGN.md section 5; the brother's event
before he joined the household is nobody's)."""

CATEGORY_ONLY = {
    Role.HEAD_TEACHER.value: {"Youth caution", "Missing episode"},
    Role.DSL.value: {"Intelligence", "Domestic abuse"},
    Role.TASKFORCE.value: set(),
}
"""The categories each role sees without text."""


def sixty_cautions(person: Person) -> None:
    """Sixty youth-justice entries on consecutive days from 1 January 2022, partner
    detail: more than a page of the chronology (50), all of one category and year."""
    feed = FeedFactory(code=Feed.Code.YOUTH_JUSTICE, default_sensitivity=Sensitivity.PARTNER)
    for n in range(60):
        EventFactory(
            person=person,
            feed=feed,
            category="youth_justice_outcome",
            occurred_on=datetime.date(2022, 1, 1) + datetime.timedelta(days=n),
            summary=f"Caution number {n:02d}",
        )
