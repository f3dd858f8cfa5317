"""IG's anomalies: break-glass views, refusals, too many people in an hour and access
out of hours, each reviewed by another IG officer with a note."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AnomalyReview, ChangeLogEntry
from accounts.roles import Role
from accounts.selectors_anomaly_counts import default_period
from tests.accounts.access_log.ig import local
from tests.factories import AccessLogEntryFactory, BreakGlassFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


class TestAnomalies:
    def keys(self, client, **params) -> set[str]:
        response = client.get(reverse("access_log:anomalies"), params)
        assert response.status_code == 200
        return {a.key for a in response.context["anomalies"]}

    def test_break_glass_views_and_refusals_are_anomalies(self, ig_client):
        grant = BreakGlassFactory()
        glass = AccessLogEntryFactory(
            actor=grant.user, persons=[grant.person], break_glass=grant, at=local(10)
        )
        denied = AccessLogEntryFactory(kind="denied", at=local(11), detail={"reason": "outside scope"})
        AccessLogEntryFactory(at=local(12))
        assert self.keys(ig_client) == {f"break_glass:{glass.pk}", f"denied:{denied.pk}"}

    def test_too_many_records_in_an_hour(self, ig_client, settings):
        settings.ACCESS_ANOMALY_RECORDS_PER_HOUR = 3
        busy, calm = UserFactory(role=Role.TASKFORCE), UserFactory(role=Role.TASKFORCE)
        AccessLogEntryFactory(
            actor=busy, persons=PersonFactory.create_batch(2), at=local(10).replace(minute=5)
        )
        AccessLogEntryFactory(
            actor=busy, persons=PersonFactory.create_batch(2), at=local(10).replace(minute=50)
        )
        AccessLogEntryFactory(actor=calm, persons=PersonFactory.create_batch(3), at=local(10))
        for kind in ("list", "search"):
            AccessLogEntryFactory(actor=calm, kind=kind, persons=PersonFactory.create_batch(5), at=local(11))
        keys = self.keys(ig_client)
        assert len(keys) == 1
        assert keys.pop().startswith(f"volume:{busy.pk}:")
        page = ig_client.get(reverse("access_log:anomalies")).content.decode()
        assert "More than 3 people in an hour</strong>: 4 people shown on 2 pages" in page

    def test_out_of_hours_access(self, ig_client, settings):
        settings.ACCESS_WORKING_HOURS = (8, 18)
        late, pupil = UserFactory(role=Role.DSL), PersonFactory()
        AccessLogEntryFactory(actor=late, at=local(22), persons=[pupil])
        AccessLogEntryFactory(actor=late, at=local(23), persons=[pupil])
        AccessLogEntryFactory(at=local(9))
        assert self.keys(ig_client) == {f"out_of_hours:{late.pk}:{local(22).date().isoformat()}"}
        assert "1 person shown on 2 pages" in ig_client.get(reverse("access_log:anomalies")).content.decode()

    def test_out_of_hours_pages_that_name_nobody_say_so(self, ig_client, settings):
        settings.ACCESS_WORKING_HOURS = (8, 18)
        late = UserFactory(role=Role.DSL)
        AccessLogEntryFactory(actor=late, at=local(22))
        page = ig_client.get(reverse("access_log:anomalies")).content.decode()
        assert "Access outside working hours</strong>: 1 page naming nobody" in page

    def test_ig_reviews_an_anomaly_with_a_note_which_is_itself_logged(self, ig_client, ig):
        denied = AccessLogEntryFactory(kind="denied", at=local(11))
        key = f"denied:{denied.pk}"
        url = reverse("access_log:anomaly_review", args=[key])
        assert ig_client.get(url).status_code == 200

        response = ig_client.post(url, {"note": "Mistyped URL; spoke to the user."})
        assert response.status_code == 302
        review = AnomalyReview.objects.get()
        assert (review.key, review.reviewer, review.subject_user) == (key, ig, denied.actor)
        assert ChangeLogEntry.objects.filter(object_pk=str(review.pk), actor=ig).exists()
        assert key not in self.keys(ig_client)
        assert key in self.keys(ig_client, include_reviewed="on")

    def test_a_review_needs_a_note(self, ig_client):
        denied = AccessLogEntryFactory(kind="denied", at=local(11))
        response = ig_client.post(
            reverse("access_log:anomaly_review", args=[f"denied:{denied.pk}"]), {"note": " "}
        )
        assert response.status_code == 200
        assert not AnomalyReview.objects.exists()

    def test_nobody_closes_an_anomaly_about_their_own_access(self, ig_client, ig):
        own = AccessLogEntryFactory(actor=ig, kind="denied", at=local(11))
        url = reverse("access_log:anomaly_review", args=[f"denied:{own.pk}"])
        response = ig_client.post(url, {"note": "Nothing to see here."})
        assert response.status_code == 200
        assert b"Another IG officer must review it" in response.content
        assert not AnomalyReview.objects.exists()

    def test_an_unknown_anomaly_is_not_found(self, ig_client):
        response = ig_client.get(reverse("access_log:anomaly_review", args=["volume:1:2020010110"]))
        assert response.status_code == 404


def test_a_busy_month_is_listed_fifty_at_a_time_each_page_logging_only_its_people(ig_client, ig, settings):
    from accounts.models import AccessLogEntry
    from tests.page_text import page_text

    settings.ACCESS_WORKING_HOURS, settings.ACCESS_WORKING_DAYS = (0, 24), (1, 2, 3, 4, 5, 6, 7)
    people = PersonFactory.create_batch(53)
    for minute, person in enumerate(people):
        AccessLogEntryFactory(kind="denied", persons=[person], at=local(10).replace(minute=minute))
    url = reverse("access_log:anomalies")
    first, second = ig_client.get(url), ig_client.get(url, {"page": 2})
    refusals = [a for a in second.context["anomalies"] if a.kind == "denied"]
    assert (len(first.context["anomalies"]), len(refusals)) == (50, 3)  # with IG's own, if out of hours
    assert "53 anomalies, newest first" in page_text(first)
    assert len({a.key for a in first.context["anomalies"]} | {a.key for a in refusals}) == 53
    logged = AccessLogEntry.objects.filter(actor=ig, route="access_log:anomalies").order_by("id")
    named = [set(e.subjects.values_list("person_id", flat=True)) for e in logged]
    assert [len(n) for n in named] == [50, 3]
    assert named[0] | named[1] == {p.pk for p in people}
    assert ig_client.get(url, {"page": "\x00"}).status_code == 400
    assert (
        ig_client.get(url, {"page": "99999999999999999999"}).context["anomalies"]
        == second.context["anomalies"]
    )
    assert ig_client.get(url, {"page": "-1"}).status_code == 200


def _period_fields(html: str) -> dict[str, str]:
    """Each field's day, month and year boxes, read back as the ISO date they hold."""
    boxes = dict(re.findall(r'name="(date_(?:from|to)_(?:day|month|year))" value="([^"]*)"', html))
    return {
        field: "-".join(boxes.get(f"{field}_{part}", "").zfill(2) for part in ("year", "month", "day"))
        for field in ("date_from", "date_to")
    }


def test_the_period_fields_hold_the_period_listed(ig_client):
    """The text above the form said "from 6 Nov 2026 to 6 Dec 2026" while From and To were
    empty: the fields now hold the period the list is of, in their day, month and year
    boxes, whether chosen or the default."""
    date_from, date_to = default_period(timezone.localdate())
    url = reverse("access_log:anomalies")
    html = ig_client.get(url).content.decode()
    assert f"from {date_from:%-d %b %Y} to {date_to:%-d %b %Y}" in html
    assert _period_fields(html) == {"date_from": date_from.isoformat(), "date_to": date_to.isoformat()}
    chosen = ig_client.get(url, {"date_from": "2026-03-01", "include_reviewed": "on"}).content.decode()
    assert _period_fields(chosen) == {"date_from": "2026-03-01", "date_to": date_to.isoformat()}
    assert "from 1 Mar 2026 to" in chosen
    emptied = {"date_from_day": "", "date_from_month": "", "date_from_year": "", "include_reviewed": "on"}
    assert _period_fields(ig_client.get(url, emptied).content.decode())["date_from"] == date_from.isoformat()
    mistyped = ig_client.get(url, {"date_from": "2026-13-01"}).content.decode()
    assert _period_fields(mistyped)["date_from"] == "2026-13-01", "what was typed, beside its error"
