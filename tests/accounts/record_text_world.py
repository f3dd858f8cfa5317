"""The world of the record-text walk (test_record_text_walk.py): the access walk's world
with what its pages then show besides their own young person. Each piece of case content
carries a word found nowhere else, so a walk can tell from a response's bytes whose
record, of what tier, it shows; and each person a page could name besides the one opened
is there: a family with a sibling at the school, one elsewhere and a parent, referrals and
an addition to one, a notification about a pupil to every user (about a flagged pupil,
listing their trigger points, as a DSL's alert does)."""

from dataclasses import dataclass

from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.services.notifications import notify
from chronology.models import Feed, Sensitivity
from interventions.models import Intervention
from interventions.services.referrals import referral_add_information
from risk.models import Review
from risk.services.alerts import KIND as TRIGGER_POINT_ALERT
from schools.models import FamilyMember, Person
from tests.factories import (
    EnrolmentFactory,
    EventFactory,
    FamilyMemberFactory,
    FeedFactory,
    PersonFactory,
    SchoolFactory,
    SourceRecordFactory,
)
from tests.factories.risk import FlagFactory, IndicatorVersionFactory

TIER_FEED = {
    Sensitivity.EDUCATION: (Feed.Code.SUSPENSIONS, "suspension"),
    Sensitivity.PARTNER: (Feed.Code.YOUTH_JUSTICE, "youth_caution"),
    Sensitivity.RESTRICTED: (Feed.Code.POLICE_INTELLIGENCE, "intelligence"),
}


@dataclass(frozen=True)
class Marked:
    """One event's unique word, whose record it is and at what tier it is read."""

    word: str
    tier: str
    people: frozenset[int]
    """Whoever may be shown it: the person, or for a household's event its members."""


@dataclass(frozen=True)
class FlagName:
    """The name of a trigger point raised on these people only, at this tier."""

    name: str
    tier: str
    people: frozenset[int]
    awaiting_review: bool = False


@dataclass(frozen=True)
class CaseText:
    """Words of a referral or intervention: case content, never for IG, data officers or
    administrators, and only for someone who may see the young person."""

    word: str
    person: int


def _event(person: Person | None, tier: str, word: str, *, family=None) -> None:
    code, category = TIER_FEED[tier]
    feed = FeedFactory(code=code)
    EventFactory(
        person=person,
        family=family,
        feed=feed,
        category=category,
        sensitivity=tier,
        summary=f"Walk {word}",
        source_record=SourceRecordFactory(feed=feed, person=person),
    )


def _flags(people: list[Person]) -> tuple[list[FlagName], dict[int, list[int]]]:
    """A trigger point of each tier raised on the people, and one awaiting the taskforce's
    review, each named by a word of its own; and each person's flags' ids."""
    names, ids = [], {p.pk: [] for p in people}
    for tier in TIER_FEED:
        name = f"Walk {tier} okapi trigger point"
        version = IndicatorVersionFactory(name=name)
        for person in people:
            ids[person.pk].append(FlagFactory(person=person, version=version, sensitivity=tier).pk)
        names.append(FlagName(name, tier, frozenset(p.pk for p in people)))
    version = IndicatorVersionFactory(name="Walk awaiting okapi trigger point")
    for person in people:
        waiting = FlagFactory(
            person=person, version=version, sensitivity=Sensitivity.EDUCATION, review=Review.PENDING
        )
        ids[person.pk].append(waiting.pk)
    names.append(FlagName(version.name, Sensitivity.EDUCATION, frozenset(p.pk for p in people), True))
    return names, ids


@dataclass(frozen=True)
class Additions:
    keys: dict
    """The access walk's keys with the new people's."""
    events: list[Marked]
    flags: list[FlagName]
    case: list[CaseText]


def build(keys: dict, users: dict[str, User]) -> Additions:
    """Adds to the access walk's world."""
    pupil = Person.objects.get(pk=keys["pupil"])
    referred = Person.objects.get(pk=keys["referred"])
    school_a = pupil.enrolments.get().school
    sibling = EnrolmentFactory(school=school_a).person
    quiet = EnrolmentFactory(school=school_a).person
    # A sibling with no events: named on the pupil's page by the family section alone.
    elsewhere = EnrolmentFactory(school=SchoolFactory()).person
    parent = PersonFactory(upn=None, date_of_birth="1985-01-01")
    family = FamilyMemberFactory(person=pupil, relationship=FamilyMember.Relationship.CHILD).family
    for relative, relationship in (
        (sibling, FamilyMember.Relationship.SIBLING),
        (quiet, FamilyMember.Relationship.SIBLING),
        (elsewhere, FamilyMember.Relationship.SIBLING),
        (parent, FamilyMember.Relationship.PARENT),
    ):
        FamilyMemberFactory(family=family, person=relative, relationship=relationship)
    marked = []
    for who, name in ((pupil, "pupil"), (referred, "referred")):
        for tier in TIER_FEED:
            word = f"{name}{tier}okapi"
            _event(who, tier, word)
            marked.append(Marked(word, tier, frozenset({who.pk})))
    _event(sibling, Sensitivity.PARTNER, "siblingpartnerokapi")
    marked.append(Marked("siblingpartnerokapi", Sensitivity.PARTNER, frozenset({sibling.pk, pupil.pk})))
    _event(None, Sensitivity.RESTRICTED, "householdokapi", family=family)
    members = frozenset({pupil.pk, sibling.pk, quiet.pk, elsewhere.pk, parent.pk})
    marked.append(Marked("householdokapi", Sensitivity.RESTRICTED, members))

    intervention = Intervention.objects.select_related("referral").get(pk=keys["intervention"])
    referral_add_information(
        by=users[Role.DSL.value], referral=intervention.referral, note="Added since: walkaddedokapi"
    )
    case = [
        CaseText("walkaddedokapi", referred.pk),
        CaseText("Missing overnight", referred.pk),
        CaseText("Seen with a knife", referred.pk),
    ]
    flags, flag_ids = _flags([pupil, referred])
    for about in (pupil, referred, sibling, elsewhere):
        notify(
            users=users.values(),
            kind=TRIGGER_POINT_ALERT,
            title="A walk's notice",
            url=reverse("young_person_detail", args=[about.pk]),
            person=about,
            object_ids=flag_ids.get(about.pk, []),
        )
    new_keys = {"sibling": sibling.pk, "quiet": quiet.pk, "elsewhere": elsewhere.pk, "parent": parent.pk}
    return Additions(keys | new_keys, marked, flags, case)
