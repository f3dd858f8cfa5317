"""An IG officer working through the anomalies of a period they chose comes back to that
period. The review page's "Back to anomalies" and the return after marking one reviewed
both went to the default month, without the dates or "Include reviewed" they had set."""

import re
from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.accounts.access_log.ig import local
from tests.factories import AccessLogEntryFactory

pytestmark = pytest.mark.django_db


def _query(href: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(href.replace("&amp;", "&")).query))


def test_a_review_returns_to_the_anomalies_as_they_were_filtered(ig_client):
    refused = AccessLogEntryFactory(kind="denied", at=local(11, days_ago=3))
    day = timezone.localdate()
    chosen = {
        "date_from": (day - timedelta(days=10)).isoformat(),
        "date_to": day.isoformat(),
        "include_reviewed": "on",
    }
    listed = ig_client.get(reverse("access_log:anomalies"), chosen).content.decode()
    review = reverse("access_log:anomaly_review", args=[f"denied:{refused.pk}"])
    (href,) = re.findall(rf'href="({re.escape(review)}[^"]*)"', listed)
    assert _query(href) == chosen

    page = ig_client.get(href.replace("&amp;", "&")).content.decode()
    (back,) = re.findall(r'href="([^"]*)">Back to anomalies<', page)
    assert urlsplit(back.replace("&amp;", "&")).path == reverse("access_log:anomalies")
    assert _query(back) == chosen

    done = ig_client.post(href.replace("&amp;", "&"), {"note": "Mistyped address; spoke to them."})
    assert done.status_code == 302
    assert urlsplit(done.url).path == reverse("access_log:anomalies")
    assert _query(done.url) == chosen


def test_a_review_opened_without_filters_returns_to_the_default_list(ig_client):
    refused = AccessLogEntryFactory(kind="denied", at=local(11))
    url = reverse("access_log:anomaly_review", args=[f"denied:{refused.pk}"])

    done = ig_client.post(url + "?date_from=not-a-date&evil=https://example.org", {"note": "Checked."})

    assert done.url == reverse("access_log:anomalies")
