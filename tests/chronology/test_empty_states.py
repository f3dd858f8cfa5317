"""The data officer's feeds page on a portal just set up: no feed is registered, so it
says who registers them rather than showing a table of headers."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Feed
from tests.factories.access import user_with_role
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


def test_the_feeds_page_with_no_feed_registered_says_who_registers_them(client):
    Feed.objects.all().delete()
    client.force_login(user_with_role(Role.DATA_OFFICER))
    response = client.get(reverse("chronology:index"))
    assert response.status_code == 200
    text = page_text(response)
    assert "No feeds are registered yet: a system administrator adds them to the feed register." in text
    assert "Owner" not in text
    assert "No files have been imported yet." in text
