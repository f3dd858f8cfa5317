"""The daily check tells data officers about each new problem once, again a week later
if it is still there, and `feed_health` exits non-zero while any feed has a problem."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import EmailPreference, Notification
from accounts.roles import Role
from stewardship.models import FeedAlert
from stewardship.services.alerts import feed_health_alert
from tests.factories.access import user_with_role
from tests.stewardship.conftest import NOW, imported


@pytest.fixture
def officer(db):
    return user_with_role(Role.DATA_OFFICER, notification_email=EmailPreference.EACH)


def test_a_new_problem_is_told_once_then_again_after_a_week(
    feed, officer, django_capture_on_commit_callbacks
):
    imported(feed, days_ago=9)
    user_with_role(Role.IG_OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        report = feed_health_alert(now=NOW)
    assert (report.raised, report.repeated) == (1, 0)
    notification = Notification.objects.get()
    assert notification.user == officer
    assert notification.title.startswith("Feed problem: Police incidents is overdue")
    assert notification.url == f"/feed-health/{feed.code}/"
    assert len(mail.outbox) == 1
    for days in (1, 6):
        report = feed_health_alert(now=NOW + timedelta(days=days))
        assert (report.raised, report.repeated) == (0, 0), f"day {days}: already told"
    report = feed_health_alert(now=NOW + timedelta(days=7))
    assert report.repeated == 1
    assert Notification.objects.count() == 2
    assert Notification.objects.latest("id").title.startswith("Feed problem still there after 7 days")
    assert FeedAlert.objects.get().times_told == 2


def test_a_cleared_problem_that_returns_is_new_again(feed, officer):
    imported(feed, days_ago=9)
    feed_health_alert(now=NOW)
    imported(feed, days_ago=0)
    assert feed_health_alert(now=NOW).cleared == 1
    assert FeedAlert.objects.get().cleared_at == NOW
    assert feed_health_alert(now=NOW + timedelta(days=9)).raised == 1
    assert Notification.objects.count() == 2


def test_the_command_prints_the_table_and_exits_non_zero_on_a_problem(feed, monkeypatch):
    out = io.StringIO()
    imported(feed, days_ago=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    call_command("feed_health", stdout=out)
    assert "police_incidents  ok" in out.getvalue()
    assert "No feed has a problem." in out.getvalue()
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW + timedelta(days=9))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("feed_health", stdout=out)
    assert exit_status.value.code == 1
    assert "police_incidents  PROBLEM" in out.getvalue()
    assert "PROBLEM: Police incidents is overdue: last imported 10 days ago" in out.getvalue()


def test_the_command_tells_times_in_london_time(feed, monkeypatch):
    """NOW is 09:00 BST (08:00 UTC): a monitoring table in UTC, unlabelled, reads an hour
    early all summer, and an import just after midnight reads as the day before."""
    out = io.StringIO()
    imported(feed, days_ago=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    call_command("feed_health", stdout=out)
    assert "2026-06-09 09:00  2026-06-17 09:00" in out.getvalue()


def test_the_command_says_a_small_share_as_the_page_does(feed, monkeypatch):
    """1 rejected row in 311 printed "0%", as the page once did."""
    out = io.StringIO()
    imported(feed, days_ago=1, rows=311, rejected=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    call_command("feed_health", stdout=out)
    row = next(line.split() for line in out.getvalue().splitlines() if line.startswith("police_incidents"))
    assert row[6:10] == ["311", "<1%", ">99%", "0%"]
