"""The message after recording a group session counts who was marked: a group of one is
"1 young person", not "1 young people"."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from tests.factories.access import user_with_role
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
