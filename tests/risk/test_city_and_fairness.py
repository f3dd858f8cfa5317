"""The taskforce's city overview, and fairness with the needs assessment for the
taskforce and IG: aggregates that name nobody and suppress small numbers."""

import csv
import io
from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import ReferralStatus
from risk import referral_status
from risk.fairness import fairness_tables
from risk.models import Flag
from risk.selectors_city import month_starts
from risk.selectors_fairness import needs_assessment
from risk.selectors_population import GroupCounts
from risk.suppression import BELOW, WITHHELD
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import user_with_role
from tests.factories.interventions import make_referral
from tests.factories.risk import FlagFactory, IndicatorVersionFactory
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def referrals_of():
    """Registers a referral source for one test, as the referrals app would."""
    registered = []

    def register(people):
        source = referral_status.register_referral_status(
            lambda: Flag.objects.filter(person__in=people).values("person_id")
        )
        registered.append(source)

    yield register
    for source in registered:
        referral_status.REFERRAL_SOURCES.remove(source)


def test_the_city_overview_counts_each_school_and_the_review_queue(world):
    response = client_for(world.taskforce).get(reverse("trigger_points:city"))
    assert response.status_code == 200
    overview = response.context["overview"]
    by_school = {row.school.name: row for row in overview.schools}
    # Absent, Suspended, Exploited, and Waiting (its flag waits for review).
    assert by_school["Northgate Academy"].flagged == 4
    assert by_school["Northgate Academy"].on_roll == 6
    assert by_school["Northgate Academy"].awaiting_review == 1
    assert by_school["Southgate Academy"].flagged == 1
    assert overview.flagged == 5
    assert overview.awaiting_review == 1
    html = response.content.decode()
    assert f'href="{reverse("risk:review_queue")}"' in html
    assert "Current flags at the start of each month and today: the data" in html
    assert "Not yet referred</th>" in html
    # Today's point: every current flag, dismissed or waiting for review included.
    assert response.context["chart"].rows[-1][1] == "7"
    compared = client_for(world.taskforce).get(reverse("trigger_points:city"), {"trigger_point": "tp01"})
    assert compared.context["chart"].headers == ("Date", "All trigger points", "tp01 Persistent absence")
    for row in overview.schools:
        listed = client_for(world.taskforce).get(reverse("trigger_points:flagged"), {"school": row.school.pk})
        assert listed.context["page"].paginator.count == row.flagged
        for tier in ("high", "medium", "low"):
            in_tier = client_for(world.taskforce).get(
                reverse("trigger_points:flagged"), {"school": row.school.pk, "tier": tier}
            )
            assert in_tier.context["page"].paginator.count == row.tiers[tier]
            if row.tiers[tier]:
                assert f'?school={row.school.pk}&amp;tier={tier}"' in html
    assert sum(by_school["Northgate Academy"].tiers.values()) == 4
    assert len([n for n in by_school["Northgate Academy"].tiers.values() if n]) > 1


def test_a_flagged_young_person_who_has_left_school_counts_as_not_on_a_roll(world):
    """Their flag still counts for the city, on its own row, not against their old
    school's pupils on roll."""
    left = EnrolmentFactory(
        school=world.school, leaving_date=timezone.localdate() - timedelta(days=10), person__surname="Left"
    ).person
    FlagFactory(person=left, version=world.absent.flags.get().version, raised_at=timezone.now())

    response = client_for(world.taskforce).get(reverse("trigger_points:city"))

    overview = response.context["overview"]
    assert overview.not_on_roll.flagged == 1
    assert overview.not_on_roll.tiers["low"] == 1
    assert {row.school.name: row.flagged for row in overview.schools}["Northgate Academy"] == 4
    assert overview.flagged == 6
    html = response.content.decode()
    assert "Not on a school roll" in html
    listed_url = reverse("trigger_points:flagged")
    assert f'href="{listed_url}?school_roll=off"' in html
    assert f'href="{listed_url}?school_roll=off&amp;tier=low"' in html

    listed = client_for(world.taskforce).get(listed_url, {"school_roll": "off"})

    assert [row.person for row in listed.context["rows"]] == [left]
    assert "Flagged young people not on a school roll" in listed.content.decode()
    entry = AccessLogEntry.objects.filter(actor=world.taskforce).latest("at")
    assert set(entry.subjects.values_list("person_id", flat=True)) == {left.pk}
    assert entry.detail["filters"]["school_roll"] == "off"

    # A school's pupils are on its roll: asking for those of a school on no roll is a
    # contradiction, said as such rather than shown as an empty list.
    contradiction = client_for(world.taskforce).get(
        listed_url, {"school": world.school.pk, "school_roll": "off"}
    )
    assert contradiction.status_code == 400
    assert "A school&#x27;s pupils are all on its roll" in contradiction.content.decode()


def test_the_trend_begins_when_trigger_points_were_first_raised():
    """Months before the portal raised any flag are not months with no flags: they are
    left out of the chart and its table, and the page says when the record begins."""
    today = timezone.localdate()
    first = timezone.now() - timedelta(days=40)
    FlagFactory(raised_at=first)
    FlagFactory(raised_at=first + timedelta(days=3), cleared_at=timezone.now() - timedelta(days=1))

    response = client_for(user_with_role(Role.TASKFORCE)).get(reverse("trigger_points:city"))

    shown = [row[0] for row in response.context["chart"].rows]
    kept = [start for start in month_starts(today) if start > timezone.localtime(first).date()]
    expected = [*kept, *([] if today.day == 1 else [today])]
    assert shown == [day.strftime("%-d %b %Y") for day in expected]
    assert response.context["chart"].rows[-1][1] == "1"
    since = f"{timezone.localtime(first):%-d %B %Y}"
    assert (
        f"The record begins on {since}, when the first trigger point was raised" in response.content.decode()
    )


def test_once_referrals_register_the_overview_counts_those_not_yet_referred(world, referrals_of):
    referrals_of([world.absent])
    client = client_for(world.taskforce)
    page = client.get(reverse("trigger_points:city"))
    overview = page.context["overview"]
    assert overview.not_yet_referred == 4
    listed_url = reverse("trigger_points:flagged")
    for row in overview.schools:
        listed = client.get(listed_url, {"school": row.school.pk, "referred": "no"})
        assert listed.context["page"].paginator.count == row.not_referred
    northgate = next(row for row in overview.schools if row.school == world.school)
    assert northgate.not_referred == 3
    assert f'href="{listed_url}?school={world.school.pk}&amp;referred=no"' in page.content.decode()
    response = client.get(reverse("trigger_points:flagged"), {"referred": "no"})
    assert response.context["page"].paginator.count == 4
    assert world.absent.surname not in [row.person.surname for row in response.context["rows"]]


def test_until_referrals_are_recorded_the_overview_says_it_cannot_tell(world, monkeypatch):
    monkeypatch.setattr(referral_status, "REFERRAL_SOURCES", [])

    response = client_for(world.taskforce).get(reverse("trigger_points:city"))

    assert response.context["overview"].not_yet_referred is None
    html = response.content.decode()
    assert "Referral status is not available" in html
    assert "Not yet referred</th>" not in html
    assert "referred=no" not in html


def test_a_sent_referral_counts_as_referred_and_a_draft_does_not(world):
    make_referral(person=world.absent)
    make_referral(person=world.suspended, status=ReferralStatus.DRAFT)
    response = client_for(world.taskforce).get(reverse("trigger_points:flagged"), {"referred": "no"})
    assert "Referral status is not available" not in response.content.decode()
    assert response.context["page"].paginator.count == 4
    assert world.absent.surname not in [row.person.surname for row in response.context["rows"]]


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
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Breakdown", "Group", "Young people"]
    tp = [r for r in rows if r[0] == "trigger_point"]
    assert tp[0][1:] == ["tp01 Persistent absence", "10"]
    for row in rows[1:]:
        assert row[2] in (BELOW, WITHHELD) or int(row[2]) >= 5


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
