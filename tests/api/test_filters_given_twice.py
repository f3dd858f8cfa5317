"""A filter that takes one value, given twice, is a 400 naming it: `?school=11&school=12`
used the last value silently, so a client building the query from a list of schools got
one school's pupils as if they were all. A filter described as a list may repeat."""

import pytest

from accounts.roles import Role
from portal.api.filters import ONCE
from tests.api.conftest import client_for
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff, user_with_role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "path", "query", "named"),
    [
        (Role.DSL, "young-people/", "school={school}&school={school}", "school"),
        (Role.DSL, "young-people/", "year_group=9&year_group=10&q=ab", "year_group"),
        (Role.DSL, "referrals/", "status=sent&status=draft", "status"),
        (Role.DSL, "flags/", "tier=high&tier=low", "tier"),
        (Role.DSL, "young-people/{pupil}/chronology/", "order=newest&order=oldest", "order"),
        (Role.TASKFORCE, "interventions/", "young_person=1&young_person=2", "young_person"),
        (Role.IG_OFFICER, "access-log/", "kind=view&kind=list", "kind"),
        (Role.DATA_OFFICER, "feed-runs/", "status=failed&status=completed", "status"),
    ],
)
def test_a_single_valued_filter_given_twice_is_a_400_naming_it(role, path, query, named):
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    user = school_staff(role, school) if role == Role.DSL else user_with_role(role)
    address = f"/api/v1/{path}?{query}".format(school=school.pk, pupil=pupil.pk)
    answer = client_for(user).get(address)
    assert answer.status_code == 400, answer.content
    assert answer.json()["errors"] == {named: [ONCE]}


def test_a_filter_described_as_a_list_may_repeat():
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    dsl = school_staff(Role.DSL, school)
    answer = client_for(dsl).get(
        f"/api/v1/young-people/{pupil.pk}/chronology/?category=police_incident&category=early_help"
    )
    assert answer.status_code == 200, answer.content


def test_page_last_is_refused_by_the_chronology_as_by_every_list():
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    client = client_for(school_staff(Role.DSL, school))
    for path in ("young-people/", f"young-people/{pupil.pk}/chronology/", "referrals/", "flags/"):
        answer = client.get(f"/api/v1/{path}", {"page": "last"})
        assert (answer.status_code, answer.json()) == (404, {"detail": "Invalid page."}), path


@pytest.mark.parametrize("name", ["page", "page_size"])
def test_page_or_page_size_given_twice_is_a_400_naming_it_on_every_list(name):
    """DRF took the last of two; a client that built its query wrongly read a page it
    had not asked for. Every list, whether DRF pages it or the chronology's own reader;
    the words are a paging parameter's, not the filters' "Give this filter once"."""
    school = SchoolFactory()
    pupil = EnrolmentFactory(school=school).person
    client = client_for(school_staff(Role.DSL, school))
    for path in ("young-people/", f"young-people/{pupil.pk}/chronology/", "referrals/", "flags/"):
        answer = client.get(f"/api/v1/{path}?{name}=1&{name}=2")
        assert answer.status_code == 400, (path, answer.content)
        assert answer.json()["errors"] == {name: [f"Give {name} once: it takes one number."]}, path
