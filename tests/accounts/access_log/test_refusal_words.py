"""A refused attempt, as IG reviews it. The demo's refused attempt read "People shown: 1
person on 1 page" (nothing was shown: it was refused) and "Reason given: out of scope"
(nobody gave a reason: the portal refused, and said so in its own shorthand), and
neither the list nor the review said which page was asked for."""

import pytest
from django.urls import reverse

from tests.accounts.access_log.ig import local
from tests.factories import AccessLogEntryFactory, BreakGlassFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_refused_attempt_says_what_was_asked_for_and_why_the_portal_refused(ig_client):
    child = PersonFactory(forename="Antony", surname="Godfrey")
    denied = AccessLogEntryFactory(
        kind="denied",
        at=local(11),
        persons=[child],
        route="young_person_detail",
        detail={"reason": "out of scope"},
    )

    review = ig_client.get(
        reverse("access_log:anomaly_review", args=[f"denied:{denied.pk}"])
    ).content.decode()
    listed = ig_client.get(reverse("access_log:anomalies")).content.decode()

    for html in (review, listed):
        assert "Reason given" not in html
        assert "People shown" not in html
        assert "A young person&#x27;s record" in html
        assert "Refused because the young person is not one their role lets them open" in html
    assert "Record asked for" in review


def test_a_break_glass_view_keeps_the_reason_its_officer_gave(ig_client):
    child = PersonFactory()
    glass = BreakGlassFactory(person=child, reason="Police called about an incident at the school gates")
    entry = AccessLogEntryFactory(at=local(11), persons=[child], break_glass=glass)

    html = ig_client.get(
        reverse("access_log:anomaly_review", args=[f"break_glass:{entry.pk}"])
    ).content.decode()

    assert "Reason given" in html
    assert "Police called about an incident at the school gates" in html
    assert "People shown" in html
    assert "A young person&#x27;s record" in html
