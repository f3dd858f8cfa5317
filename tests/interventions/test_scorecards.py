"""Scorecards: figures equal the records they count, for the city, per school and per
programme; the CSV says the same; the pseudonymised export names nobody."""

import datetime
from statistics import median

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.models import AttendanceWeek
from interventions.analysts_export import SUPPRESSED
from interventions.models import Referral, ReferralStatus
from interventions.scorecards import CITY, PROGRAMME, SCHOOL, scorecards
from interventions.services.allocation import Closure, intervention_close
from tests.csv_download import csv_dicts, csv_rows, csv_text
from tests.factories.access import user_with_role
from tests.factories.interventions import allocate, make_referral

pytestmark = pytest.mark.django_db


def _close(intervention, *, specialist=None):
    return intervention_close(
        by=intervention.worker,
        intervention=intervention,
        closure=Closure(
            closed_on=timezone.localdate(),
            reason="completed",
            outcome_summary="Done",
            specialist_support_received=specialist,
        ),
        expected_version=intervention.version,
    )


@pytest.fixture
def world():
    today = timezone.localdate()
    start = today - datetime.timedelta(days=28)
    monday = start - datetime.timedelta(days=start.weekday())
    referral = make_referral(status=ReferralStatus.ACCEPTED)
    person = referral.young_person
    AttendanceWeek.objects.create(
        person=person, week=monday - datetime.timedelta(weeks=1), present=5, unauthorised=5
    )
    AttendanceWeek.objects.create(person=person, week=monday + datetime.timedelta(weeks=1), present=10)
    improved = allocate(referral=referral, start=start)
    _close(improved, specialist=True)
    worse = allocate(start=start, kind="group")
    _close(worse)
    active = allocate(start=start)
    make_referral()
    make_referral(status=ReferralStatus.DECLINED)
    make_referral(status=ReferralStatus.DRAFT)
    return improved, worse, active


def test_city_figures_equal_the_records(world):
    (city,) = scorecards(CITY)
    sent = Referral.objects.exclude(status=ReferralStatus.DRAFT)
    assert city.referrals == sent.count() == 5
    assert city.by_status[ReferralStatus.ACCEPTED] == 3
    assert city.by_status[ReferralStatus.DECLINED] == 1
    assert (city.active, city.closed) == (1, 2)
    assert (city.attendance_improved.count, city.attendance_improved.of) == (1, 1)
    assert (city.no_new_police_incident.count, city.no_new_police_incident.of) == (2, 2)
    assert (city.specialist_support.count, city.specialist_support.of) == (1, 2)
    decided = [r for r in sent if r.decided_at]
    assert len(decided) == 4
    assert city.median_days_to_decision == round(
        median((r.decided_at - r.sent_at).total_seconds() / 86400 for r in decided), 1
    )
    allocated = [r for r in sent if r.interventions.exists()]
    assert len(allocated) == 3
    assert city.median_days_to_allocation == round(
        median(
            (r.interventions.order_by("allocated_at").first().allocated_at - r.sent_at).total_seconds()
            / 86400
            for r in allocated
        ),
        1,
    )


def test_per_school_and_per_programme_add_up_to_the_city(world):
    (city,) = scorecards(CITY)
    schools = scorecards(SCHOOL)
    programmes = scorecards(PROGRAMME)
    assert sum(c.referrals for c in schools) == city.referrals
    assert sum(c.closed for c in schools) == sum(c.closed for c in programmes) == city.closed
    assert {c.label for c in programmes} == {"One-to-one mentoring", "Group work"}


def test_the_page_and_csv_show_the_figures_to_the_taskforce_only(client, world):
    client.force_login(user_with_role(Role.TASKFORCE))
    page = client.get(reverse("interventions:scorecards") + "?by=school")
    assert page.status_code == 200
    assert b"<svg" in page.content
    assert b"the data</caption>" in page.content
    rows = csv_rows(client.get(reverse("interventions:scorecards_csv") + "?by=city"))
    assert rows[1][0] == "Whole city"
    assert rows[1][rows[0].index("Closed interventions")] == "2"
    client.force_login(user_with_role(Role.DSL))
    assert client.get(reverse("interventions:scorecards")).status_code == 403


def test_the_attendance_chart_leaves_out_groups_with_nothing_to_compare(client, world):
    """Group work's one closed intervention had no school sessions to compare, so the
    table says "–"; the chart drew it, and listed it in its data table, as 0%."""
    client.force_login(user_with_role(Role.TASKFORCE))
    page = client.get(reverse("interventions:scorecards") + "?by=programme")
    (chart,) = [c for c in page.context["charts"] if "attendance improved" in c.title]
    assert chart.rows == (("One-to-one mentoring", "100%"),)


def test_the_pseudonymised_export_names_nobody_and_suppresses_small_groups(client, world):
    client.force_login(user_with_role(Role.TASKFORCE))
    response = client.get(reverse("interventions:analysts_csv"))
    body = csv_text(response)
    for intervention in world:
        person = intervention.young_person
        for identifier in (
            person.forename,
            person.surname,
            person.upn,
            person.nhs_number,
            str(person.date_of_birth),
        ):
            if identifier:
                assert identifier not in body
    rows = csv_dicts(response)
    assert len(rows) == 3
    assert {r["school"] for r in rows} == {SUPPRESSED}
    # The kind names the programme (Group work is the only group programme), so it is
    # suppressed with it.
    assert {(r["programme"], r["programme_kind"]) for r in rows} == {(SUPPRESSED, SUPPRESSED)}
    assert len({r["young_person"] for r in rows}) == 3
    again = csv_dicts(client.get(reverse("interventions:analysts_csv")))
    assert not {r["young_person"] for r in rows} & {r["young_person"] for r in again}
    entry = AccessLogEntry.objects.filter(kind=AccessLogEntry.Kind.EXPORT).first()
    assert set(entry.subjects.values_list("person_id", flat=True)) == {i.young_person_id for i in world}


def test_the_scorecards_read_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(user_with_role(Role.TASKFORCE))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("interventions:scorecards") + "?by=programme")
    for _ in range(3):
        _close(allocate())
        make_referral()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("interventions:scorecards") + "?by=programme")
