"""An IG officer's own anomalies: nobody reviews an anomaly about their own access, so
IG's home page counts, kind by kind, only those this officer can review, and says apart
how many are about their own use, for another IG officer; the anomalies page splits its
list the same way, from the same selector. An IG officer's own use of the log outside
working time is one (a reviewer saw 3 at home and then 4 on the list, the fourth made by
opening the list on a Sunday)."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.services.anomaly_summary import anomaly_summary_refresh
from tests.accounts.access_log.ig import client_for, local
from tests.factories import AccessLogEntryFactory, PersonFactory, UserFactory
from tests.portal.test_home_ig import figure

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.fixture(autouse=True)
def _one_day_off(settings):
    """More than one person in an hour is an anomaly, and the day before `local(…)`'s is
    the only one outside working time: the pages' own entries are never an anomaly."""
    settings.ACCESS_ANOMALY_RECORDS_PER_HOUR = 1
    settings.ACCESS_WORKING_HOURS = (0, 24)
    day_off = (local(0) - datetime.timedelta(days=1)).isoweekday()
    settings.ACCESS_WORKING_DAYS = [day for day in range(1, 8) if day != day_off]


def one_of_each(actor) -> None:
    """A refused attempt, more than one person in an hour, and a day off at work."""
    AccessLogEntryFactory(actor=actor, kind="denied", at=local(11), detail={"reason": "out of scope"})
    AccessLogEntryFactory(actor=actor, persons=PersonFactory.create_batch(2), at=local(10))
    AccessLogEntryFactory(actor=actor, persons=[PersonFactory()], at=local(10) - datetime.timedelta(days=1))


@pytest.mark.parametrize("summarised", [False, True], ids=["from the log", "from the hourly summary"])
def test_an_ig_officers_own_anomalies_are_counted_apart_on_both_pages(summarised):
    ig = UserFactory(role=Role.IG_OFFICER)
    for actor in (ig, UserFactory(), UserFactory()):
        one_of_each(actor)
    if summarised:
        assert anomaly_summary_refresh()
    client = client_for(ig)
    page = reverse("access_log:anomalies")

    home = client.get(reverse("home")).content.decode()
    assert figure(home, "refused attempts") == (page, 2)
    assert figure(home, "more than 1 people in an hour") == (page, 2)
    assert figure(home, "access outside working hours") == (page, 2)
    assert f'href="{page}">3 anomalies about your own use of the portal</a>' in home
    assert "Not counted above: 3 anomalies about your own use of the portal, for another IG officer" in text(
        home
    )

    listing = client.get(page).content.decode()
    assert "9 anomalies, newest first" in text(listing)
    assert listing.count("Another IG officer must review this") == 3
    split = "Not yet reviewed: 6 for you to review; 3 about your own use of the portal, for another IG"
    assert split in text(listing)


def test_with_none_of_their_own_neither_page_mentions_them():
    ig = UserFactory(role=Role.IG_OFFICER)
    one_of_each(UserFactory())
    client = client_for(ig)
    home = client.get(reverse("home")).content.decode()
    listing = client.get(reverse("access_log:anomalies")).content.decode()
    assert "your own use" not in home
    assert "Not yet reviewed: 3 for you to review" in text(listing)
    assert "your own use" not in listing
