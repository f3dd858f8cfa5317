"""What the demo city gives the information-governance officer to review, read from a
small city seeded on a Sunday evening and another seeded on a weekday morning
(`seeded`): every kind of anomaly in the past month, the same staged ones whatever day
and hour it is seeded, one of them already reviewed, the home page's counts those of the
anomalies page, and an access log that verifies."""

import io
from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AnomalySummaryHour, User
from accounts.selectors_anomaly_counts import KINDS
from portal.demo.users import DEMO_PASSWORD
from tests.accounts.access_log.ig import client_for
from tests.portal.seeded_city import seeded_city
from tests.portal.test_home_ig import figure

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
SUNDAY_EVENING = datetime(2026, 3, 15, 20, 30, tzinfo=LONDON)
WEEKDAY_MORNING = datetime(2026, 3, 10, 10, 0, tzinfo=LONDON)
seeded = seeded_city(SUNDAY_EVENING, WEEKDAY_MORNING)

IG, DSL = "ig@northbridge.example", "dsl@northbridge.example"
TASKFORCE, WORKER = "taskforce@northbridge.example", "worker@northbridge.example"
OTHER_HEAD_TEACHER = "head.teacher2@northbridge.example"
STAGED = Counter(
    {
        ("break_glass", TASKFORCE): 2,
        ("denied", OTHER_HEAD_TEACHER): 1,
        ("volume", DSL): 1,
        ("out_of_hours", DSL): 1,
        ("out_of_hours", TASKFORCE): 1,
        ("lockout", WORKER): 1,
    }
)
"""The break-glass view (its search and its record) and the refused attempt of the
demo's morning, and the month's staged scenes (portal/demo/past_anomalies.py)."""


def _ig() -> Client:
    return client_for(User.objects.get(email=IG))


def _listed(client: Client, **params: str) -> list:
    response = client.get(reverse("access_log:anomalies"), params)
    assert response.status_code == 200
    return list(response.context["page"].paginator.object_list)


def test_every_kind_of_anomaly_is_in_the_demos_past_month(seeded):
    """The anomalies page showed break-glass views and refused attempts only, and access
    outside working hours only if the demo was seeded then: never more people in an hour
    than the threshold, never a sign-in locked out."""
    listed = _listed(_ig())
    by_kind: dict[str, list] = {}
    for anomaly in listed:
        by_kind.setdefault(anomaly.kind, []).append(anomaly)
    assert set(by_kind) == set(KINDS)

    (volume,) = by_kind["volume"]
    evening = timezone.localtime(volume.at)
    assert volume.actor_label == DSL
    assert volume.records > settings.ACCESS_ANOMALY_RECORDS_PER_HOUR
    assert evening.hour >= settings.ACCESS_WORKING_HOURS[1], "an evening"
    assert evening.date() <= timezone.localdate() - timedelta(days=7)
    late = [a for a in by_kind["out_of_hours"] if a.review is None and a.day < timezone.localdate()]
    assert (DSL, evening.date()) in {(a.actor_label, a.day) for a in late}, "whatever hour it is seeded"

    (lockout,) = by_kind["lockout"]
    assert lockout.actor_label.startswith(f"{WORKER} from ")
    assert lockout.at < timezone.now() - timedelta(days=1)


def test_the_anomalies_are_the_staged_ones_whatever_hour_the_demo_is_seeded(seeded):
    """Seeded on a Sunday evening, IG found everyone in the demo's morning (both head
    teachers, the DSL, the taskforce officer and the worker) out of hours that day."""
    listed = _listed(_ig(), include_reviewed="on")
    assert Counter((a.kind, a.actor_label.split(" from ")[0]) for a in listed) == STAGED
    a_week_ago = timezone.localdate() - timedelta(days=7)
    assert all(a.day <= a_week_ago for a in listed if a.kind == "out_of_hours")


def test_the_access_log_written_by_the_seed_verifies(seeded):
    """The morning is played in the past after the month's scenes: the log's ids still
    follow its times, so every entry seals into the chain."""
    printed = io.StringIO()
    call_command("verify_access_log", stdout=printed)
    assert "Access log verified" in printed.getvalue()


def test_the_worker_who_was_locked_out_can_sign_in(seeded):
    """The lockout is in the past: whoever tries the demo signs in as the worker."""
    for address in ("203.0.113.24", "127.0.0.1"):
        signing_in = Client(REMOTE_ADDR=address).post(
            reverse("login"), {"username": WORKER, "password": DEMO_PASSWORD}
        )
        assert signing_in.status_code == 302, address


def test_one_anomaly_is_already_reviewed_by_ig_with_a_note(seeded):
    """ "Include reviewed anomalies" showed the same list as without it."""
    client = _ig()
    (reviewed,) = [a for a in _listed(client, include_reviewed="on") if a.review is not None]
    assert (reviewed.kind, reviewed.actor_label) == ("out_of_hours", TASKFORCE)
    assert reviewed.review.reviewer.email == IG
    when = timezone.localtime(reviewed.review.reviewed_at)
    assert reviewed.day < when.date() < timezone.localdate()
    assert when.weekday() < 5
    assert reviewed.key not in {a.key for a in _listed(client)}
    html = client.get(reverse("access_log:anomalies"), {"include_reviewed": "on"}).content.decode()
    assert "Reviewed</strong>" in html
    assert reviewed.review.note in html


@pytest.mark.parametrize("summary", ["as seeded", "absent"])
def test_igs_home_page_counts_what_the_anomalies_page_lists(seeded, summary):
    """Each kind on the home page is the number of that kind waiting on the anomalies
    page, whether the month is read from the hourly summary the seed leaves or from the
    log."""
    assert AnomalySummaryHour.objects.exists(), "the seed summarises as the five-minute task does"
    if summary == "absent":
        AnomalySummaryHour.objects.all().delete()
    client = _ig()
    html = client.get(reverse("home")).content.decode()
    waiting = Counter(a.kind for a in _listed(client) if a.review is None)
    threshold = settings.ACCESS_ANOMALY_RECORDS_PER_HOUR
    for kind, words in KINDS.items():
        label = words.format(threshold=threshold).lower()
        assert figure(html, label)[1] == waiting[kind] >= 1, kind
