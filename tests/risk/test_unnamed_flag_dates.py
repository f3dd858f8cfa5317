"""A trigger point a viewer may not see by name is "an additional factor known to
partner agencies" with no date: neither the list's "raised on or after" filter nor its
newest-first order may use the day it was raised (else narrowing the date finds it), on
the page, the CSV, the printout, the dashboard's link or the API; and the young person's
page says no more of a dismissed one than the API does."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.access import ADDITIONAL_FACTOR
from accounts.roles import Role
from chronology.models import Sensitivity
from tests.api.conftest import client_for as api_client_for
from tests.csv_download import csv_rows
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagFactory, IndicatorVersionFactory
from tests.risk.pages_world import client_for

pytestmark = pytest.mark.django_db
LIST = reverse("trigger_points:flagged")
CSV = reverse("trigger_points:flagged_csv")
PRINT = reverse("trigger_points:flagged_print")
API = "/api/v1/flags/"
HIDDEN_NAME = "Police intelligence with an exploitation marker"
NO_DATE = "has no date you can see"


def at(days_ago: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(10)))


def since(days_ago: int) -> str:
    return (timezone.localdate() - timedelta(days=days_ago)).isoformat()


@pytest.fixture
def school():
    """Hidden: only a restricted trigger point, raised 40 days ago. Named: a partner one
    raised the same day, which a head teacher sees by name."""
    school = SchoolFactory()
    restricted = IndicatorVersionFactory(indicator__code="tp08", name=HIDDEN_NAME)
    partner = IndicatorVersionFactory(indicator__code="tp07", name="Arrested or suspect")
    hidden = EnrolmentFactory(school=school, person__surname="Hidden").person
    named = EnrolmentFactory(school=school, person__surname="Named").person
    FlagFactory(person=hidden, version=restricted, sensitivity=Sensitivity.RESTRICTED, raised_at=at(40))
    FlagFactory(person=named, version=partner, sensitivity=Sensitivity.PARTNER, raised_at=at(40))
    return school


def on_the_page(client, params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return sorted(row.person.surname for row in response.context["rows"])


def in_the_csv(client, params) -> list[str]:
    response = client.get(CSV, params)
    assert response.status_code == 200
    return sorted(row[1].split()[-1] for row in csv_rows(response)[1:])


def in_the_api(client, params) -> list[str]:
    response = client.get(API, params)
    assert response.status_code == 200, response.content[:300]
    return sorted(row["surname"] for row in response.json()["results"])


@pytest.mark.parametrize(("days_ago", "expected"), [(41, ["Named"]), (40, ["Named"]), (39, [])])
def test_a_head_teacher_lists_by_date_only_trigger_points_they_see_by_name(school, days_ago, expected):
    head = school_staff(Role.HEAD_TEACHER, school)
    web, api = client_for(head), api_client_for(head)
    params = {"raised_since": since(days_ago)}
    assert on_the_page(web, params) == expected
    assert in_the_csv(web, params) == expected
    assert in_the_api(api, params) == expected
    printed = web.get(PRINT, params).content.decode()
    assert ("Hidden" in printed, "Named" in printed) == (False, bool(expected))
    assert "of those you see by name" in printed
    assert "passes it by" in web.get(LIST, params).content.decode()


def test_a_dsl_who_sees_the_restricted_one_by_name_lists_it_by_its_date(school):
    dsl = school_staff(Role.DSL, school)
    web = client_for(dsl)
    assert on_the_page(web, {"raised_since": since(40)}) == ["Hidden", "Named"]
    assert on_the_page(web, {"raised_since": since(39)}) == []
    assert in_the_api(api_client_for(dsl), {"raised_since": since(40)}) == ["Hidden", "Named"]
    assert "passes it by" not in web.get(LIST, {"raised_since": since(40)}).content.decode()


@pytest.mark.parametrize("days_ago", [40, 39])
def test_an_additional_factor_cannot_be_listed_by_the_day_it_was_raised(school, days_ago):
    """The same answer whichever day is asked: a 400 that says why, never a list that
    empties at the day the hidden trigger point was raised."""
    head = school_staff(Role.HEAD_TEACHER, school)
    web = client_for(head)
    params = {"trigger_point": "other", "raised_since": since(days_ago)}
    for url in (LIST, CSV, PRINT):
        response = web.get(url, params)
        html = response.content.decode()
        assert response.status_code == 400, url
        assert NO_DATE in html
        assert "Hidden" not in html
        assert HIDDEN_NAME not in html
    response = api_client_for(head).get(API, params)
    assert response.status_code == 400
    assert NO_DATE in response.json()["errors"]["trigger_point"][0]
    assert on_the_page(web, {"trigger_point": "other"}) == ["Hidden"]


def test_newest_first_orders_by_the_trigger_points_the_viewer_sees_by_name(school):
    """Older: a named trigger point 60 days old and a restricted one raised today. A head
    teacher's newest-first order puts them after Named (40 days), as if the restricted
    one were not there; Hidden, with no date the head teacher sees, comes last."""
    older = EnrolmentFactory(school=school, person__surname="Older").person
    FlagFactory(
        person=older, version__indicator__code="tp01", sensitivity=Sensitivity.EDUCATION, raised_at=at(60)
    )
    FlagFactory(
        person=older, version__indicator__code="tp09", sensitivity=Sensitivity.RESTRICTED, raised_at=at(0)
    )
    head, dsl = school_staff(Role.HEAD_TEACHER, school), school_staff(Role.DSL, school)
    newest = {"sort": "newest"}

    def order(user) -> list[str]:
        return [row.person.surname for row in client_for(user).get(LIST, newest).context["rows"]]

    assert order(head) == ["Named", "Older", "Hidden"]
    assert order(dsl) == ["Older", "Hidden", "Named"]
    rows = api_client_for(head).get(API, newest).json()["results"]
    assert [row["surname"] for row in rows] == ["Named", "Older", "Hidden"]
    listed = csv_rows(client_for(head).get(CSV, newest))[1:]
    assert [row[3] for row in listed] == ["tp07", "tp01 other", "other"]


def test_new_this_month_counts_only_trigger_points_the_head_teacher_sees_by_name():
    """The dashboard's figure and the list it links to, both without the restricted one."""
    school = SchoolFactory()
    hidden = EnrolmentFactory(school=school, person__surname="Hidden").person
    named = EnrolmentFactory(school=school, person__surname="Named").person
    FlagFactory(person=hidden, sensitivity=Sensitivity.RESTRICTED, raised_at=timezone.now())
    FlagFactory(person=named, sensitivity=Sensitivity.PARTNER, raised_at=timezone.now())
    head = client_for(school_staff(Role.HEAD_TEACHER, school))
    response = head.get(reverse("trigger_points:dashboard"))
    assert response.context["board"].new_this_month == 1
    start = timezone.localdate().replace(day=1).isoformat()
    link = f'{LIST}?raised_since={start}&amp;sort=newest">1<'
    assert link in response.content.decode()
    assert on_the_page(head, {"raised_since": start, "sort": "newest"}) == ["Named"]


def test_the_young_person_page_says_of_a_dismissed_hidden_trigger_point_what_the_api_does():
    """That it was dismissed, and nothing of when, by whom or why."""
    enrolment = EnrolmentFactory()
    pupil = enrolment.person
    dsl = school_staff(Role.DSL, enrolment.school, display_name="Dana Safeguard")
    FlagFactory(
        person=pupil,
        version__name=HIDDEN_NAME,
        sensitivity=Sensitivity.RESTRICTED,
        dismissed_at=timezone.make_aware(datetime(2026, 3, 17, 10)),
        dismissed_by=dsl,
        dismissal_reason="known_and_supported",
        dismissal_note="Known to CAMHS",
    )
    head = school_staff(Role.HEAD_TEACHER, enrolment.school)
    html = client_for(head).get(reverse("young_person_detail", args=[pupil.pk])).content.decode()
    dismissed = html[html.index("Dismissed trigger points") :]
    assert ADDITIONAL_FACTOR in dismissed
    for hidden in (
        "17 Mar 2026",
        "Dana Safeguard",
        "Already known and supported",
        "Known to CAMHS",
        HIDDEN_NAME,
    ):
        assert hidden not in html, hidden
    data = api_client_for(head).get(f"/api/v1/young-people/{pupil.pk}/").json()
    [entry] = data["sections"]["trigger_points"]["dismissed"]
    assert set(entry) == {"id", "named", "code", "name"}
    assert (entry["named"], entry["name"]) == (False, ADDITIONAL_FACTOR)
    dsl_html = client_for(dsl).get(reverse("young_person_detail", args=[pupil.pk])).content.decode()
    assert "17 Mar 2026" in dsl_html
    assert "Already known and supported" in dsl_html
