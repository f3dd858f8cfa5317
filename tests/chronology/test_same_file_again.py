"""A partner's system that sends yesterday's file again, or a data officer who uploads
the same file twice, changes nothing (docs/feeds.md). The report said "0 imported + 6
unchanged" and left the data officer to compare 64-character checksums by eye to learn
that it was the same file."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Feed
from tests.factories import FeedRunFactory
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


def test_the_report_of_a_file_imported_before_says_so_and_links_to_that_import(register, client):
    feed = Feed.objects.get(code="youth_justice")
    first = FeedRunFactory(
        feed=feed, original_filename="yj.csv", checksum="a" * 64, rows_read=6, rows_imported=6
    )
    other = FeedRunFactory(feed=feed, original_filename="yj-next.csv", checksum="b" * 64, rows_read=6)
    again = FeedRunFactory(
        feed=feed, original_filename="yj.csv", checksum="a" * 64, rows_read=6, rows_unchanged=6
    )
    client.force_login(user_with_role(Role.DATA_OFFICER))

    html = client.get(reverse("chronology:run", args=[again.pk])).content.decode()
    fresh = client.get(reverse("chronology:run", args=[other.pk])).content.decode()

    assert "The same file (the same checksum) was imported before" in html
    assert f'href="{reverse("chronology:run", args=[first.pk])}"' in html
    assert "The same file" not in fresh
