"""The taskforce's menu names the review queue in the words the page uses: "Trigger
points to review" leads to "Trigger points waiting for review". It read "Flags to
review" above a page that says "trigger point" throughout."""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


def test_the_menu_link_to_the_review_queue_says_trigger_points(client):
    client.force_login(user_with_role(Role.TASKFORCE))
    home = client.get(reverse("home")).content.decode()
    queue = reverse("risk:review_queue")
    link = re.search(rf'<a [^>]*href="{queue}"[^>]*>\s*([^<]+?)\s*</a>', home)
    assert link
    assert link[1] == "Trigger points to review"
    page = client.get(queue).content.decode()
    assert '<h1 class="govuk-heading-l">Trigger points waiting for review</h1>' in page
