"""A legal hold set twice (a double click, Back and send): one hold, and the officer is
taken to the retention page both times; a different hold on the same thing is its own."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stewardship.models import LegalHold

pytestmark = pytest.mark.django_db


def test_the_same_hold_sent_twice_is_set_once(ig_client, feed):
    until = (timezone.localdate() + timedelta(days=90)).isoformat()
    data = {"covers": "feed", "feed": feed.pk, "reason": "A civil claim", "ends_on": until}
    url = reverse("stewardship:hold_new")

    first, second = ig_client.post(url, data), ig_client.post(url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    assert LegalHold.objects.count() == 1
    ig_client.post(url, data | {"reason": "An inquest"})
    assert LegalHold.objects.count() == 2
