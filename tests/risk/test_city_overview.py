"""The taskforce's city overview: every school's flagged young people by tier, those
not yet referred and those on no school roll, each count agreeing with the list it
links to; and the flags over time."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import ReferralStatus
from risk import referral_status
from risk.models import Flag
from risk.selectors_city import month_starts
from tests.factories import EnrolmentFactory
from tests.factories.access import user_with_role
from tests.factories.interventions import make_referral
from tests.factories.risk import FlagFactory
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
            lambda viewer: Flag.objects.filter(person__in=people).values("person_id")
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
    # Northgate's 4 here against the 3 its own dashboard shows: the page says why.
    assert "higher than its own dashboard's until you confirm them" in html
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
