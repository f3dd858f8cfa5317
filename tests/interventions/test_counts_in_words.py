"""Counts in the casework forms and their messages: a group of one is "1 young person",
not "1 young people", and a referral's limit is "10,000 characters", not "10000"."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.interventions import allocate
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("marked", "words"), [(1, "for 1 young person."), (3, "for 3 young people.")])
def test_a_group_session_message_counts_young_people(client, marked, words):
    worker = user_with_role(Role.INTERVENTION_WORKER)
    group = [allocate(worker=worker, kind="group") for _ in range(3)]
    client.force_login(worker)
    url = reverse("interventions:group_session") + f"?programme={group[0].programme_id}"
    marks = {f"status_{i.pk}": "attended" for i in group[:marked]}
    response = client.post(url, {"date": timezone.localdate().isoformat(), **marks}, follow=True)
    assert f"Group session recorded {words}" in page_text(response)


def test_the_referral_form_states_its_limit_with_a_separator_and_keeps_an_overlong_text(client):
    pupil = EnrolmentFactory()
    client.force_login(school_staff(Role.DSL, pupil.school))
    url = reverse("referrals:new", args=[pupil.person.pk])
    assert "You can enter up to 10,000 characters" in page_text(client.get(url))
    response = client.post(url, {"reason": "x" * 10_007, "action": "save"})
    html = response.content.decode()
    assert "govuk-form-group--error" in html
    assert "which is 7 too many" in page_text(response)
    assert "x" * 10_007 in html
