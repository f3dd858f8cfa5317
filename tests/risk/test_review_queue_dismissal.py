"""An officer working through the review queue dismisses one flag and confirms the next:
both leave them on the queue, where the rest of the morning's work is."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from accounts.roles import Role
from risk.models import DismissalReason, Flag, Review
from tests.factories import EnrolmentFactory
from tests.factories.access import user_with_role
from tests.factories.risk import FlagFactory
from tests.way_back_html import link_to

pytestmark = pytest.mark.django_db

DISMISS = {"reason": DismissalReason.DATA_WRONG, "note": "Intelligence about another young person."}


def test_a_dismissal_opened_from_the_review_queue_returns_to_the_queue(client):
    flag = FlagFactory(person=EnrolmentFactory().person, review=Review.PENDING)
    client.force_login(user_with_role(Role.TASKFORCE))
    queue = reverse("risk:review_queue")
    dismiss = link_to(client.get(queue).content.decode(), reverse("risk:flag_dismiss", args=[flag.pk]))
    assert dict(parse_qsl(urlsplit(dismiss).query))["from"] == "review"

    form = client.get(dismiss).content.decode()
    assert f'href="{queue}" class="govuk-back-link"' in form
    response = client.post(dismiss, DISMISS)

    assert response.status_code == 302
    assert response.url == queue
    assert Flag.objects.get(pk=flag.pk).is_dismissed


def test_a_dismissal_from_the_record_returns_to_the_record(client):
    person = EnrolmentFactory().person
    flag = FlagFactory(person=person, review=Review.PENDING)
    client.force_login(user_with_role(Role.TASKFORCE))

    response = client.post(reverse("risk:flag_dismiss", args=[flag.pk]), DISMISS)

    assert response.url == reverse("young_person_detail", args=[person.pk]) + "#trigger-points"
