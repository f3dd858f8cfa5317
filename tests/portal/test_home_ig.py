"""The IG officer's home page: every kind of anomaly the anomalies page lists, the
patterns too, not yet reviewed over that page's default period, by kind (break-glass
reasons first), and the legal holds in force and ending soon, each count linking to the
page that lists them, naming nobody, in a number of queries that does not grow with the
log."""

import datetime
import re
from collections import Counter

import pytest
from axes.models import AccessFailureLog
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry, AnomalySummaryHour
from accounts.roles import Role
from accounts.selectors_anomalies import anomalies as all_anomalies
from accounts.selectors_anomaly_counts import default_period, period_window
from accounts.services.anomalies import anomaly_review
from accounts.services.anomaly_summary import anomaly_summary_refresh
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


def patterns(n: int, *, reviewer) -> None:
    """n users each opening two people in an hour (over a threshold of one), n each
    opening one person on the day off (`_one_day_off`) and n sign-ins locked out, one of
    each kind reviewed."""
    for _ in range(n):
        AccessLogEntryFactory(persons=PersonFactory.create_batch(2), at=local(10))
        AccessLogEntryFactory(persons=[PersonFactory()], at=local(10) - datetime.timedelta(days=1))
    volume = next(a for a in found() if a.kind == "volume" and a.review is None)
    anomaly_review(by=reviewer, key=volume.key, note="Asked their manager: the year's reviews.")
    late = next(a for a in found() if a.kind == "out_of_hours" and a.review is None)
    anomaly_review(by=reviewer, key=late.key, note="On call that day.")
    for _ in range(n):
        lockout = AccessFailureLog.objects.create(
            username=f"guess{AccessFailureLog.objects.count()}@example.org",
            ip_address="192.0.2.9",
            user_agent="",
            http_accept="",
            path_info="/",
        )
        AccessFailureLog.objects.filter(pk=lockout.pk).update(locked_out=True, attempt_time=local(9))
    anomaly_review(by=reviewer, key=f"lockout:{lockout.pk}", note="A user who forgot; reset.")


def found() -> list:
    since, until = period_window(*default_period(TODAY))
    return all_anomalies(since=since, until=until)


@pytest.fixture
def _one_day_off(settings):
    """Working time all day every day but the day before `local(…)`'s (between one and
    three days ago), so never today nor `local(…)`'s day: the pages' own entries and the
    other anomalies are never out of hours, whenever the tests run."""
    settings.ACCESS_ANOMALY_RECORDS_PER_HOUR = 1
    day_off = (local(0) - datetime.timedelta(days=1)).isoweekday()
    settings.ACCESS_WORKING_DAYS = [day for day in range(1, 8) if day != day_off]


@pytest.mark.usefixtures("_one_day_off")
@pytest.mark.parametrize("summarised", [False, True], ids=["from the log", "from the hourly summary"])
def test_every_kind_on_the_anomalies_page_is_counted_as_that_page_counts_it(summarised):
    """The patterns too: an IG officer opening the portal sees how much waits, all of it,
    each figure the number of that kind the anomalies page lists not yet reviewed, and a
    reviewed pattern anomaly drops out as the page drops it."""
    ig, colleague = UserFactory(role=Role.IG_OFFICER), UserFactory(role=Role.IG_OFFICER)
    anomalies(2, reviewer=colleague)
    patterns(3, reviewer=colleague)
    if summarised:
        assert anomaly_summary_refresh()
    client = client_for(ig)
    before = AccessLogEntry.objects.count()
    html = client.get(reverse("home")).content.decode()
    assert AccessLogEntry.objects.count() == before, "counts name nobody: no record view"
    listed = client.get(reverse("access_log:anomalies")).context["page"].paginator.object_list
    kinds = Counter(anomaly.kind for anomaly in listed)
    page = reverse("access_log:anomalies")
    assert figure(html, "break-glass views") == (page, kinds["break_glass"]) == (page, 2)
    assert figure(html, "refused attempts") == (page, kinds["denied"]) == (page, 2)
    assert figure(html, "more than 1 people in an hour") == (page, kinds["volume"]) == (page, 2)
    assert figure(html, "access outside working hours") == (page, kinds["out_of_hours"]) == (page, 2)
    assert figure(html, "sign-ins locked out") == (page, kinds["lockout"]) == (page, 2)
    words = ["Break-glass views", "Refused attempts", "More than 1 people in an hour"]
    words += ["Access outside working hours", "Sign-ins locked out"]
    assert [html.index(w) for w in words] == sorted(html.index(w) for w in words), (
        "the anomalies page's order"
    )
    assert "worked out over the whole log" not in html


def test_no_other_role_sees_igs_figures():
    for role in (Role.HEAD_TEACHER, Role.DSL, Role.TASKFORCE, Role.INTERVENTION_WORKER, Role.DATA_OFFICER):
        html = client_for(UserFactory(role=role)).get(reverse("home")).content.decode()
        assert "Waiting for your review" not in html, role
        assert "legal holds in force" not in html, role


@pytest.mark.usefixtures("_one_day_off")
@pytest.mark.parametrize("summarised", [False, True], ids=["from the log", "from the hourly summary"])
def test_igs_home_page_queries_do_not_grow_with_the_log(summarised):
    ig, colleague = UserFactory(role=Role.IG_OFFICER), UserFactory(role=Role.IG_OFFICER)
    client = client_for(ig)

    def queries(n: int) -> tuple[int, str]:
        AnomalySummaryHour.objects.all().delete()
        anomalies(n, reviewer=colleague)
        patterns(n, reviewer=colleague)
        holds(n, by=ig)
        if summarised:
            anomaly_summary_refresh()
        client.get(reverse("home"))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("home"))
        return len(captured), response.content.decode()

    (small, _), (large, html) = queries(1), queries(5)
    assert small == large
    assert figure(html, "more than 1 people in an hour")[1] == 4, "six, two of them reviewed"
    assert figure(html, "access outside working hours")[1] == 4


@pytest.mark.usefixtures("_one_day_off")
def test_a_day_partly_summarised_is_counted_as_the_anomalies_page_lists_it():
    """Today, at any hour, is summarised up to the last run and worked out from the log
    after it. The home page reads such a day from both; the anomalies page from the log
    alone. Someone seen in both halves is one anomaly, someone in either half one."""
    ig, colleague = UserFactory(role=Role.IG_OFFICER), UserFactory(role=Role.IG_OFFICER)
    both, early, late, reviewed = UserFactory.create_batch(4)
    morning, afternoon = local(9) - datetime.timedelta(days=1), local(15) - datetime.timedelta(days=1)
    for user, hours in (
        (both, [morning, afternoon]),
        (early, [morning]),
        (late, [afternoon]),
        (reviewed, [morning]),
    ):
        for at in hours:
            AccessLogEntryFactory(actor=user, persons=PersonFactory.create_batch(2), at=at)
    assert anomaly_summary_refresh()
    AnomalySummaryHour.objects.filter(hour__gte=local(12) - datetime.timedelta(days=1)).delete()
    late_volume = next(a for a in found() if a.kind == "volume" and a.actor_id == late.pk)
    anomaly_review(by=colleague, key=late_volume.key, note="Asked their manager.")
    day_off = next(a for a in found() if a.kind == "out_of_hours" and a.actor_id == reviewed.pk)
    anomaly_review(by=colleague, key=day_off.key, note="On call that day.")

    html = client_for(ig).get(reverse("home")).content.decode()
    listed = client_for(ig).get(reverse("access_log:anomalies")).context["page"].paginator.object_list
    kinds = Counter(anomaly.kind for anomaly in listed)
    assert figure(html, "access outside working hours")[1] == kinds["out_of_hours"] == 3
    assert figure(html, "more than 1 people in an hour")[1] == kinds["volume"] == 4


def test_hours_summarised_under_other_working_time_are_counted_as_they_are_now(settings):
    """Working hours changed since the summary ran: its out-of-hours counts no longer
    hold, and the home page, like the anomalies page, works those hours out afresh."""
    ig = UserFactory(role=Role.IG_OFFICER)
    AccessLogEntryFactory(persons=[PersonFactory()], at=local(7))
    assert anomaly_summary_refresh()
    settings.ACCESS_WORKING_HOURS = (8, 24)

    html = client_for(ig).get(reverse("home")).content.decode()
    listed = client_for(ig).get(reverse("access_log:anomalies")).context["page"].paginator.object_list
    assert (
        figure(html, "access outside working hours")[1] == [a.kind for a in listed].count("out_of_hours") == 1
    )
