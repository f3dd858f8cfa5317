"""School staff filter the flagged list by whether a pupil has been referred to SAFE,
counting only the referrals they may know of: their school's sent ones (and their own),
as the referrals pages show them. The taskforce's own referral of a pupil, or another
school's, is not theirs to learn of through a filter."""

import pytest
from django.urls import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.models import ReferralStatus
from tests.csv_download import csv_rows
from tests.factories.access import user_with_role
from tests.factories.interventions import make_referral
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
LIST = reverse("trigger_points:flagged")


@pytest.fixture
def world():
    """Absent referred by the school; Suspended's referral a draft; Exploited referred by
    the taskforce itself, which the school does not see."""
    world = build_world()
    make_referral(person=world.absent, by=world.dsl)
    make_referral(person=world.suspended, by=world.dsl, status=ReferralStatus.DRAFT)
    make_referral(person=world.exploited, by=user_with_role(Role.TASKFORCE))
    return world


def listed(response) -> list[str]:
    return sorted(row.person.surname for row in response.context["rows"])


def test_school_staff_are_offered_the_referred_filter(world):
    html = client_for(world.head).get(LIST).content.decode()
    assert 'name="referred"' in html
    assert "Referred by your school" in html


def test_school_staff_filter_by_the_referrals_they_may_know_of(world):
    client = client_for(world.head)
    assert listed(client.get(LIST, {"referred": "yes"})) == ["Absent"]
    assert listed(client.get(LIST, {"referred": "no"})) == ["Exploited", "Suspended"]


def test_the_taskforce_still_counts_every_sent_referral(world):
    client = client_for(world.taskforce)
    assert listed(client.get(LIST, {"referred": "yes", "school": world.school.pk})) == ["Absent", "Exploited"]


def test_the_filtered_csv_holds_and_logs_only_the_referred(world):
    response = client_for(world.head).get(reverse("trigger_points:flagged_csv"), {"referred": "yes"})
    assert "-filtered.csv" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert [r[1] for r in rows[1:]] == [world.absent.full_name]
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert entry.kind == AccessLogEntry.Kind.EXPORT
    assert list(entry.subjects.values_list("person_id", flat=True)) == [world.absent.pk]


def test_the_printout_names_the_referred_filter_in_words(world):
    html = client_for(world.head).get(reverse("trigger_points:flagged_print"), {"referred": "no"})
    assert "Filtered as on the list: referred to SAFE: Not referred by your school." in html.content.decode()


def test_the_api_filters_by_the_same_referrals(world):
    client = client_for(world.head)
    answer = client.get("/api/v1/flags/", {"referred": "no"}).json()
    people = answer.get("results", answer)
    assert sorted(p["surname"] for p in people) == ["Exploited", "Suspended"]
