"""Each rule type raises a flag exactly at the edges of its thresholds and windows."""

from datetime import date, timedelta

import pytest

from chronology.models import Feed, FeedRun, Sensitivity
from risk.models import Flag
from risk.rules.params import describe_rule
from tests.factories import (
    EnrolmentFactory,
    FamilyFactory,
    FamilyMemberFactory,
    FeedRunFactory,
    PersonFactory,
)
from tests.risk.conftest import TODAY, compute, event, events_rule, flagged, make_indicator, register_mark

pytestmark = pytest.mark.django_db

SUSPENSIONS = Feed.Code.SUSPENSIONS
POLICE = Feed.Code.POLICE_INCIDENTS


def test_events_counted_within_the_window_and_at_its_edges():
    rule = make_indicator([events_rule(["suspension"], days=365, min_count=2)])
    two_inside, one_at_edge, one_outside, just_one = PersonFactory.create_batch(4)
    for person, ages in ((two_inside, (10, 365)), (one_at_edge, (10, 366)), (just_one, (10,))):
        for age in ages:
            event(person, SUSPENSIONS, "suspension", age)
    event(one_outside, SUSPENSIONS, "suspension", 400)

    compute()

    assert flagged(rule) == {two_inside.pk}
    flag = Flag.objects.get(indicator=rule)
    assert sorted(e.occurred_on for e in flag.evidence.all()) == [
        TODAY - timedelta(days=365),
        TODAY - timedelta(days=10),
    ]
    assert flag.sensitivity == Sensitivity.EDUCATION
    assert flag.latest_evidence_on == TODAY - timedelta(days=10)


def test_events_matched_on_a_detail_and_on_a_list_of_markers():
    arrests = make_indicator(
        [events_rule(["police_incident"], match={"role": ["arrested", "suspect"]})], code="tq01"
    )
    markers = make_indicator(
        [events_rule(["police_intelligence"], match={"markers": ["CCE", "CSE"]})], code="tq02"
    )
    arrested, victim, exploited, other_marker = PersonFactory.create_batch(4)
    event(arrested, POLICE, "police_incident", 5, details={"role": "arrested"})
    event(victim, POLICE, "police_incident", 5, details={"role": "victim"})
    event(
        exploited,
        Feed.Code.POLICE_INTELLIGENCE,
        "police_intelligence",
        5,
        details={"markers": ["WEAPONS", "CSE"]},
    )
    event(
        other_marker,
        Feed.Code.POLICE_INTELLIGENCE,
        "police_intelligence",
        5,
        details={"markers": ["WEAPONS"]},
    )

    compute()

    assert flagged(arrests) == {arrested.pk}
    assert flagged(markers) == {exploited.pk}
    assert Flag.objects.get(indicator=markers).sensitivity == Sensitivity.RESTRICTED


def test_open_episode_holds_until_the_day_it_ends():
    rule = make_indicator([{"type": "open_episode", "params": {"categories": ["social_care_cp_plan"]}}])
    open_plan, ends_today, ended, future = PersonFactory.create_batch(4)
    care = Feed.Code.SOCIAL_CARE
    event(open_plan, care, "social_care_cp_plan", 900)
    event(ends_today, care, "social_care_cp_plan", 900, ended_on=TODAY)
    event(ended, care, "social_care_cp_plan", 900, ended_on=TODAY - timedelta(days=1))
    event(future, care, "social_care_cp_plan", -3)

    compute()

    assert flagged(rule) == {open_plan.pk, ends_today.pk}


def _family(child, relative, relationship, **dates):
    family = FamilyFactory()
    FamilyMemberFactory(family=family, person=child, relationship="child")
    FamilyMemberFactory(family=family, person=relative, relationship=relationship, **dates)
    return family


def test_a_relatives_event_counts_only_while_they_lived_together():
    rule = make_indicator(
        [
            {
                "type": "family_events",
                "params": {
                    "relationships": ["sibling", "parent"],
                    "categories": ["youth_justice_outcome"],
                    "days": 730,
                    "min_count": 1,
                },
            }
        ]
    )
    child, moved_in_later = PersonFactory.create_batch(2)
    brother = PersonFactory(date_of_birth=date(2000, 1, 1))
    uncle = PersonFactory(date_of_birth=date(1980, 1, 1))
    _family(child, brother, "sibling")
    _family(child, uncle, "other_adult")
    late = PersonFactory(date_of_birth=date(1980, 1, 1))
    _family(moved_in_later, late, "parent", from_date=TODAY - timedelta(days=10))
    yj = Feed.Code.YOUTH_JUSTICE
    event(brother, yj, "youth_justice_outcome", 100)
    event(uncle, yj, "youth_justice_outcome", 100)
    event(late, yj, "youth_justice_outcome", 100)

    compute()

    assert flagged(rule) == {child.pk}
    evidence = Flag.objects.get(person=child).evidence.get()
    assert (evidence.relationship, evidence.relative.person_id) == ("sibling", brother.pk)
    assert evidence.sensitivity == Sensitivity.PARTNER


def test_a_household_event_flags_every_child_in_the_household():
    rule = make_indicator(
        [
            {
                "type": "family_events",
                "params": {
                    "relationships": ["household"],
                    "categories": ["domestic_abuse_notification"],
                    "days": 365,
                    "min_count": 1,
                },
            }
        ]
    )
    child, sister, outsider = PersonFactory.create_batch(3)
    family = _family(child, sister, "sibling")
    abuse = Feed.Code.DOMESTIC_ABUSE
    event(None, abuse, "domestic_abuse_notification", 30, family=family)

    compute()

    assert flagged(rule) == {child.pk, sister.pk}
    assert Flag.objects.filter(indicator=rule, sensitivity=Sensitivity.RESTRICTED).count() == 2
    assert outsider.pk not in flagged(rule)


def test_a_current_attribute_of_the_enrolment():
    rule = make_indicator(
        [{"type": "attribute", "params": {"field": "sen_primary_need", "values": ["SEMH"]}}]
    )
    semh = EnrolmentFactory(sen_primary_need="SEMH", sen_provision="K")
    EnrolmentFactory(sen_primary_need="ASD", sen_provision="K")
    EnrolmentFactory(sen_primary_need="SEMH", leaving_date=TODAY)

    compute()

    assert flagged(rule) == {semh.person_id}


def test_adults_are_never_flagged():
    rule = make_indicator([events_rule(["police_incident"])])
    adult = PersonFactory(date_of_birth=date(1980, 1, 1))
    event(adult, POLICE, "police_incident", 5, details={"role": "arrested"})

    compute()

    assert flagged(rule) == set()


def test_any_of_several_rules_raises_one_flag_with_the_evidence_of_each():
    rule = make_indicator(
        [
            events_rule(["health_camhs_referral"]),
            events_rule(["health_ae_attendance"], match={"reason": ["self_harm", "assault"]}),
        ]
    )
    both, injury = PersonFactory.create_batch(2)
    event(both, Feed.Code.HEALTH, "health_camhs_referral", 20)
    event(both, Feed.Code.HEALTH, "health_ae_attendance", 10, details={"reason": "self_harm"})
    event(injury, Feed.Code.HEALTH, "health_ae_attendance", 10, details={"reason": "injury_other"})

    compute()

    assert flagged(rule) == {both.pk}
    assert Flag.objects.get(indicator=rule).evidence.count() == 2


def test_stronger_at_counts_double():
    rule = make_indicator([events_rule(["missing_episode"], days=182)], stronger_at=3)
    twice, three_times = PersonFactory.create_batch(2)
    for person, n in ((twice, 2), (three_times, 3)):
        for age in range(n):
            event(person, Feed.Code.MISSING_EPISODES, "missing_episode", 10 + age)

    compute()

    assert dict(Flag.objects.filter(indicator=rule).values_list("person_id", "stronger")) == {
        twice.pk: False,
        three_times.pk: True,
    }


def test_a_record_found_twice_is_evidence_once():
    """By two rules of one indicator, as a relative's event that is also the household's,
    and as one session registered by two schools."""
    twice = make_indicator(
        [events_rule(["suspension"], days=365), events_rule(["suspension"], days=30)], code="tq01"
    )
    family_rule = make_indicator(
        [
            {
                "type": "family_events",
                "params": {
                    "relationships": ["sibling", "household"],
                    "categories": ["youth_justice_outcome"],
                    "days": 365,
                    "min_count": 1,
                },
            }
        ],
        code="tq02",
    )
    codes_rule = make_indicator(
        [{"type": "register_codes", "params": {"codes": ["C2", "K"], "weeks": 2, "min_sessions": 1}}],
        code="tq03",
    )
    pupil = EnrolmentFactory()
    event(pupil.person, SUSPENSIONS, "suspension", 10)
    brother = PersonFactory(date_of_birth=date(2000, 1, 1))
    family = _family(pupil.person, brother, "sibling")
    event(brother, Feed.Code.YOUTH_JUSTICE, "youth_justice_outcome", 10, family=family)
    run = FeedRunFactory(feed__code=Feed.Code.ATTENDANCE, status=FeedRun.Status.COMPLETED)
    for school, code in ((pupil.school, "C2"), (EnrolmentFactory().school, "K")):
        key = f"{school.pk}-{code}"
        register_mark(pupil.person, school, TODAY, run, key=key, code=code, meaning="authorised")

    compute()
    again = compute()

    for rule in (twice, family_rule, codes_rule):
        assert Flag.objects.get(indicator=rule, person=pupil.person).evidence.count() == 1
    assert (again.raised, again.cleared) == (0, 0)
    kept = Flag.objects.get(indicator=family_rule).evidence.get()
    assert (kept.relationship, kept.relative.person_id) == ("sibling", brother.pk)


def test_a_family_rule_reads_in_plain_english():
    rule = {
        "type": "family_events",
        "params": {
            "relationships": ["parent", "other_adult", "household"],
            "categories": ["police_incident"],
            "min_count": 1,
            "days": 365,
        },
    }
    assert describe_rule(rule) == (
        "At least 1 event (police incident) about a parent or another adult or the household"
        " in the last 365 days"
    )


def test_rules_name_categories_as_people_say_them():
    """Words made from the codes read "health camhs referral" and "social care cp plan"."""
    rule = {
        "type": "events",
        "params": {
            "categories": ["health_camhs_referral", "health_ae_attendance", "social_care_cp_plan"],
            "min_count": 1,
            "days": 365,
        },
    }
    assert describe_rule(rule) == (
        "At least 1 event (CAMHS referral or A&E attendance or child-protection plan) in the last 365 days"
    )
    housing = {"type": "open_episode", "params": {"categories": ["housing_universal_credit_claim"]}}
    assert describe_rule(housing) == "An open episode (Universal Credit claim)"
