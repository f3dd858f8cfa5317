"""The trigger-points section as data, for the young-person API, and query counts."""

import pytest

from accounts.access import ADDITIONAL_FACTOR
from accounts.access_memo import per_request
from accounts.roles import Role
from chronology.models import Sensitivity
from risk.sections import flag_cards_for
from schools.record_sections import record_data_for
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagEvidenceFactory, FlagFactory

pytestmark = pytest.mark.django_db


def test_the_data_hides_an_unnamed_flag_whole():
    pupil = EnrolmentFactory().person
    FlagFactory(person=pupil, sensitivity=Sensitivity.RESTRICTED, version__name="Secret rule")
    head = school_staff(Role.HEAD_TEACHER, pupil.enrolments.get().school)

    data = record_data_for(head, pupil)[0]["trigger_points"]

    assert data["current"][0]["name"] == ADDITIONAL_FACTOR
    assert set(data["current"][0]) == {"id", "named", "code", "name"}
    assert "Secret rule" not in str(data)


def test_cards_for_many_people_cost_the_same_queries_as_for_few(django_assert_max_num_queries):
    """Within a request, as pages and the API call it (the viewer's scope is resolved once)."""
    school = SchoolFactory()
    dsl = school_staff(Role.DSL, school)
    few = [EnrolmentFactory(school=school).person for _ in range(2)]
    for person in few:
        FlagEvidenceFactory(flag=FlagFactory(person=person))
    with per_request(), django_assert_max_num_queries(12) as captured:
        flag_cards_for(dsl, [p.pk for p in few])
    baseline = len(captured.captured_queries)
    many = [EnrolmentFactory(school=school).person for _ in range(12)]
    for person in many:
        FlagEvidenceFactory(flag=FlagFactory(person=person))
    dsl = school_staff(Role.DSL, school, email="again@example.org")
    with per_request(), django_assert_max_num_queries(baseline):
        cards = flag_cards_for(dsl, [p.pk for p in few + many])
    assert len(cards) == 14
