"""IG's anomalies name who by name, as the access log's own pages do ("Imogen Grant",
not "ig@northbridge.example"); a locked-out sign-in keeps the email and address tried,
since whoever typed them need not be the account's holder."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.html import escape

from accounts.roles import Role
from tests.accounts.access_log.ig import local
from tests.factories import AccessLogEntryFactory, PersonFactory, UserFactory
from tests.page_text import page_text
from tests.portal.page_structure import page_structure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["denied", "out_of_hours"])
def test_an_anomaly_names_its_user_on_the_list_and_the_review_page(ig_client, settings, kind):
    settings.ACCESS_WORKING_HOURS = (8, 18)
    user = UserFactory(role=Role.DSL, display_name="Rowan Hale", email="rowan.hale@example.org")
    entry = AccessLogEntryFactory(
        actor=user, kind="denied" if kind == "denied" else "view", at=local(22), persons=[PersonFactory()]
    )
    listed = page_text(ig_client.get(reverse("access_log:anomalies")))
    assert "Rowan Hale" in listed
    assert "rowan.hale@example.org" not in listed
    key = (
        f"denied:{entry.pk}" if kind == "denied" else f"out_of_hours:{user.pk}:{local(22).date().isoformat()}"
    )
    review = ig_client.get(reverse("access_log:anomaly_review", args=[key])).content.decode()
    assert escape("Rowan Hale") in review


def test_two_anomalies_of_one_user_have_review_links_a_screen_reader_tells_apart(ig_client, settings):
    """A screen reader's list of links read "Review out-of-hours access by Rowan Hale"
    twice, for two different nights: each link now names its day."""
    settings.ACCESS_WORKING_HOURS = (8, 18)
    user = UserFactory(role=Role.DSL, display_name="Rowan Hale")
    for days_ago in (1, 2):
        AccessLogEntryFactory(
            actor=user, kind="view", at=local(22) - timedelta(days=days_ago), persons=[PersonFactory()]
        )
    html = ig_client.get(reverse("access_log:anomalies")).content.decode()
    reviews = [text for tag, text in page_structure(html).actions if tag == "a" and text.startswith("Review")]
    assert len(reviews) == 2
    assert len(set(reviews)) == 2, reviews
