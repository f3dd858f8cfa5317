"""Fairness and the needs assessment for the taskforce and IG: aggregates that name
nobody and suppress small numbers."""

from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from risk.fairness import fairness_tables
from risk.selectors_fairness import needs_assessment
from risk.selectors_population import GroupCounts
from risk.suppression import BELOW, NOT_BROKEN_DOWN, WITHHELD
from tests.csv_download import csv_rows
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import user_with_role
from tests.factories.risk import FlagFactory, IndicatorVersionFactory
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _city(n_per_group):
    """Pupils on roll by sex with the given numbers flagged: (on roll, flagged)."""
    school = SchoolFactory()
    version = IndicatorVersionFactory(indicator__code="tp01", name="Persistent absence")
    for sex, (on_roll, flagged) in n_per_group.items():
        for i in range(on_roll):
            pupil = EnrolmentFactory(school=school, person__sex=sex, person__ethnicity="WBRI").person
            if i < flagged:
                FlagFactory(person=pupil, version=version)


def test_fairness_shows_rates_and_ratios_and_suppresses_small_groups():
    _city({"F": (20, 10), "M": (20, 12), "": (3, 1)})
    ig = user_with_role(Role.IG_OFFICER)
    response = client_for(ig).get(reverse("trigger_points:fairness"))
    assert response.status_code == 200
    tables = {t.key: t for t, _ in response.context["sections"]}
    sex = {row.group: row for row in tables["sex"].rows}
    assert sex["Male"].flagged == 12
    assert sex["Male"].rate == pytest.approx(60.0)
    assert sex["Male"].ratio.ratio == pytest.approx((12 / 20) / (11 / 23))
    # Three pupils of unrecorded sex: too few to show, and the next smallest count is
    # withheld (with its rate) so the total cannot give them away.
    assert sex["Not recorded"].on_roll == BELOW
    assert sex["Not recorded"].flagged == BELOW
    assert sex["Not recorded"].rate is None
    assert sex["Female"].flagged == WITHHELD
    assert sex["Female"].rate is None
    assert tables["sex"].flagged == 23
    html = response.content.decode()
    assert "Rate ratio by sex: the data" in html


def test_the_needs_assessment_csv_suppresses_small_counts_and_their_totals():
    _city({"F": (12, 7), "M": (12, 3)})
    response = client_for(user_with_role(Role.TASKFORCE)).get(reverse("trigger_points:needs_assessment_csv"))
    assert response.status_code == 200
    rows = csv_rows(response)
    assert rows[0] == ["Breakdown", "Group", "Young people", "Note"]
    tp = [r for r in rows if r[0] == "Trigger point"]
    assert tp[0][1:] == ["tp01 Persistent absence", "10", ""]
    for row in rows[1:]:
        assert row[2] in (BELOW, WITHHELD) or int(row[2]) >= 5


def test_the_needs_assessment_does_not_break_down_schools_whose_counts_are_all_below_five():
    """By school 4, 4 and 3 as `<5` each add up to at most 12; by district 6 and 5 add up
    to 11 whatever is withheld beside them (a withheld count is at least 5): together
    each school would have had 3 or 4."""
    version = IndicatorVersionFactory(indicator__code="tp01", name="Persistent absence")
    districts = ["NB1 1AA"] * 6 + ["NB2 2BB"] * 5
    for size, school in zip((4, 4, 3), (SchoolFactory() for _ in range(3)), strict=True):
        for _ in range(size):
            pupil = EnrolmentFactory(school=school, person__postcode=districts.pop()).person
            FlagFactory(person=pupil, version=version)

    response = client_for(user_with_role(Role.TASKFORCE)).get(reverse("trigger_points:needs_assessment_csv"))

    rows = csv_rows(response)
    schools = [r[2] for r in rows if r[0] == "School"]
    assert schools == [NOT_BROKEN_DOWN] * 3 + ["11"]
    assert sorted(r[2] for r in rows if r[0] == "Postcode district") == ["11", "5", "6"]


def test_the_needs_assessment_counts_each_young_person_under_their_current_school_once():
    """A pupil who moved school counts at the new school only; one who left every roll
    counts as not on a school roll; several flags make one young person."""
    version = IndicatorVersionFactory(indicator__code="tp01", name="Persistent absence")
    other = IndicatorVersionFactory(indicator__code="tp04", name="Repeated suspensions")
    old_school, new_school = SchoolFactory(name="Old Road School"), SchoolFactory(name="New Road School")
    left_on = timezone.localdate() - timedelta(days=30)
    for i in range(6):
        moved = EnrolmentFactory(
            school=old_school, leaving_date=left_on, person__postcode=f"NB4 {i}AA"
        ).person
        EnrolmentFactory(school=new_school, person=moved)
        FlagFactory(person=moved, version=version)
        FlagFactory(person=moved, version=other)
    for i in range(5):
        gone = EnrolmentFactory(school=old_school, leaving_date=left_on, person__postcode=f"NB7 {i}BB").person
        FlagFactory(person=gone, version=version)

    by_school = {b.key: dict(b.pairs) for b in needs_assessment()}

    assert by_school["school"] == {"New Road School": 6, "Not on a school roll": 5}
    assert by_school["postcode_district"] == {"NB4": 6, "NB7": 5}


def test_aggregates_are_for_the_taskforce_and_ig_only(world):
    for user in (world.head, world.dsl):
        assert client_for(user).get(reverse("trigger_points:fairness")).status_code == 403
        assert client_for(user).get(reverse("trigger_points:needs_assessment_csv")).status_code == 403
    assert client_for(world.dsl).get(reverse("trigger_points:city")).status_code == 403


def test_pupils_on_roll_are_grouped_as_the_census_records_them():
    from datetime import date

    from risk.selectors_population import roll_by_group
    from schools.models import Person

    school = SchoolFactory()
    EnrolmentFactory(
        school=school, person__ethnicity="BAFR", sen_provision="E", fsm_start_date=date(2020, 1, 1)
    )
    EnrolmentFactory(school=school, person__ethnicity="", sen_provision="", fsm_end_date=date(2020, 1, 1))
    EnrolmentFactory(
        school=school,
        person__ethnicity="CHNE",
        fsm_start_date=date(2020, 1, 1),
        fsm_end_date=date(2021, 1, 1),
    )
    EnrolmentFactory(school=school, leaving_date=date(2025, 7, 20))
    flagged = Person.objects.filter(ethnicity="BAFR").values("pk")
    counts = roll_by_group(flagged_people=flagged, today=date(2026, 12, 4))
    assert counts["ethnicity"].on_roll == {
        "Black or Black British": 1,
        "Refused or not obtained": 1,
        "Chinese": 1,
    }
    assert counts["ethnicity"].flagged["Black or Black British"] == 1
    assert counts["sen"].on_roll == {"EHC plan": 1, "Not recorded": 1, "No special educational need": 1}
    assert counts["fsm"].on_roll == {"Eligible for free school meals": 1, "Not eligible": 2}
    assert sum(counts["sex"].on_roll.values()) == 3


def test_hostile_choices_on_the_aggregate_pages_get_a_clear_400(world):
    client = client_for(world.taskforce)
    for url in (reverse("trigger_points:city"), reverse("trigger_points:fairness")):
        for value in ("tp99", "a\x00b", "x" * 300):
            assert client.get(url, {"trigger_point": value}).status_code == 400


def test_a_flagged_total_one_table_withholds_cannot_be_added_up_or_read_off_a_ratio_elsewhere():
    """Sex [3, 5, 5] must withhold its total, 13. Free school meals [6, 7] would add up to
    it, and any ratio (against everyone else's rate) would give it back, leaving the
    `<5` at most 3."""

    def counts(flagged: dict) -> GroupCounts:
        return GroupCounts(on_roll=Counter(dict.fromkeys(flagged, 100)), flagged=Counter(flagged))

    tables = fairness_tables(
        {
            "sex": counts({"Female": 3, "Male": 5, "Not recorded": 5}),
            "ethnicity": counts({"White": 6, "Mixed": 7}),
            "sen": counts({"No special educational need": 13}),
            "fsm": counts({"Eligible for free school meals": 6, "Not eligible": 7}),
        }
    )
    for table in tables:
        assert table.flagged == WITHHELD, table.key
        assert WITHHELD in [row.flagged for row in table.rows], table.key
        assert all(row.ratio is None for row in table.rows), table.key


def test_the_charts_and_captions_keep_sen_in_capitals():
    """ "Rate ratio by sen provision" read as a word, not the acronym for special
    educational needs."""
    school = SchoolFactory()
    version = IndicatorVersionFactory(indicator__code="tp01", name="Persistent absence")
    for i, sen in enumerate("NK" * 20):
        pupil = EnrolmentFactory(school=school, sen_provision=sen, person__sex="FM"[i % 2]).person
        if i % 3 == 0:
            FlagFactory(person=pupil, version=version)
    html = client_for(user_with_role(Role.TASKFORCE)).get(reverse("trigger_points:fairness")).content.decode()
    assert "Rate ratio by SEN provision" in html
    assert "Flag rates by SEN provision" in html
    assert "Rate ratio by sex" in html
    assert "sen provision" not in html


def test_postcode_districts_are_in_the_order_of_their_numbers():
    """NB1, NB2, ..., NB10 as on a map's key, not NB1, NB10, NB11, ..., NB2 as text sorts."""
    version = IndicatorVersionFactory(indicator__code="tp01", name="Persistent absence")
    for district in ("NB10", "NB2", "NB1", "NB11"):
        for i in range(5):
            FlagFactory(person=EnrolmentFactory(person__postcode=f"{district} {i}AA").person, version=version)

    (by_district,) = [b for b in needs_assessment() if b.key == "postcode_district"]

    assert by_district.groups == ["NB1", "NB2", "NB10", "NB11"]
