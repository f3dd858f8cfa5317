"""The IG officer's home page: the single-event anomalies (break-glass, refusals,
lockouts) not yet reviewed over the anomalies page's default period, by kind
(break-glass reasons first), never the patterns worked out over the whole log (seconds
at city scale), and the legal holds in force and
ending soon, each count linking to the page that lists them, naming nobody, in a number
of queries that does not grow with the log."""

import datetime
import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.services.anomalies import anomaly_review
from stewardship.models import LegalHold
from tests.accounts.access_log.ig import client_for, local
from tests.factories import AccessLogEntryFactory, BreakGlassFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def figure(html: str, what: str) -> tuple[str, int]:
    match = re.search(rf'href="([^"]+)">(\d+)<span class="govuk-visually-hidden">, {re.escape(what)}', html)
    assert match, what
    return match.group(1), int(match.group(2))


@pytest.fixture(autouse=True)
def _working_hours_all_day(settings):
    """Only the anomalies made here: the pages' own entries, at whatever hour the tests
    run, are no out-of-hours anomaly."""
    settings.ACCESS_WORKING_HOURS = (0, 24)
    settings.ACCESS_WORKING_DAYS = [1, 2, 3, 4, 5, 6, 7]


def anomalies(n: int, *, reviewer) -> None:
    for _ in range(n):
        grant = BreakGlassFactory()
        AccessLogEntryFactory(actor=grant.user, persons=[grant.person], break_glass=grant, at=local(10))
        AccessLogEntryFactory(kind="denied", at=local(11), detail={"reason": "out of scope"})
        AccessLogEntryFactory(kind="denied", at=local(11, days_ago=40), detail={"reason": "out of scope"})
    reviewed = AccessLogEntryFactory(kind="denied", at=local(12), detail={"reason": "out of scope"})
    anomaly_review(by=reviewer, key=f"denied:{reviewed.pk}", note="Asked the DSL: a mistyped UPN.")


def holds(n: int, *, by) -> None:
    for _ in range(n):
        person = PersonFactory()
        for days in (60, 5, -1):
            LegalHold.objects.create(
                person=person, reason="Inquiry", ends_on=TODAY + datetime.timedelta(days=days), set_by=by
            )
        LegalHold.objects.create(
            person=person,
            reason="Inquiry",
            ends_on=TODAY + datetime.timedelta(days=60),
            set_by=by,
            released_at=timezone.now(),
            released_by=by,
        )


def test_ig_sees_the_anomalies_to_review_and_the_holds_in_force_linking_to_their_pages():
    ig, colleague = UserFactory(role=Role.IG_OFFICER), UserFactory(role=Role.IG_OFFICER)
    anomalies(3, reviewer=colleague)
    holds(2, by=ig)
    client = client_for(ig)
    before = AccessLogEntry.objects.count()
    html = client.get(reverse("home")).content.decode()
    assert AccessLogEntry.objects.count() == before

    listed = client.get(reverse("access_log:anomalies")).context["anomalies"]
    in_force = client.get(reverse("stewardship:retention")).context["active"]
    page, retention = reverse("access_log:anomalies"), reverse("stewardship:retention")
    assert "Waiting for your review" in html
    kinds = Counter(anomaly.kind for anomaly in listed if anomaly.review is None)
    assert figure(html, "break-glass views") == (page, kinds["break_glass"]) == (page, 3)
    assert figure(html, "refused attempts") == (page, kinds["denied"]) == (page, 3)
    assert figure(html, "sign-ins locked out") == (page, 0)
    assert "Anomalies not yet reviewed, since" in html
    assert html.index("Break-glass views, each with the reason given") < html.index("Refused attempts")
    assert figure(html, "legal holds in force") == (retention, len(in_force)) == (retention, 4)
    assert figure(html, "legal holds ending soon") == (retention, 2)
    assert "Ending within 14 days" in html
    for hold in in_force:
        assert hold.person.surname not in html


def test_the_patterns_over_the_whole_log_are_left_to_the_anomalies_page(settings):
    """More records in an hour than the threshold is an anomaly of the anomalies page, not
    counted on the home page, which says where to find it."""
    settings.ACCESS_ANOMALY_RECORDS_PER_HOUR = 1
    ig, busy = UserFactory(role=Role.IG_OFFICER), UserFactory(role=Role.HEAD_TEACHER)
    AccessLogEntryFactory(actor=busy, persons=[PersonFactory(), PersonFactory()], at=local(10))
    client = client_for(ig)
    listed = client.get(reverse("access_log:anomalies")).context["anomalies"]
    assert [anomaly.kind for anomaly in listed] == ["volume"]
    html = client.get(reverse("home")).content.decode()
    assert "More than 1 people in an hour" not in html
    assert "opened more records in an hour than usual" in html
    assert f'href="{reverse("access_log:anomalies")}">the anomalies since' in html


def test_no_other_role_sees_igs_figures():
    for role in (Role.HEAD_TEACHER, Role.DSL, Role.TASKFORCE, Role.INTERVENTION_WORKER, Role.DATA_OFFICER):
        html = client_for(UserFactory(role=role)).get(reverse("home")).content.decode()
        assert "Waiting for your review" not in html, role
        assert "legal holds in force" not in html, role


def test_igs_home_page_queries_do_not_grow_with_the_log():
    ig, colleague = UserFactory(role=Role.IG_OFFICER), UserFactory(role=Role.IG_OFFICER)
    client = client_for(ig)

    def queries(n: int) -> int:
        anomalies(n, reviewer=colleague)
        holds(n, by=ig)
        client.get(reverse("home"))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return len(captured)

    assert queries(1) == queries(5)
