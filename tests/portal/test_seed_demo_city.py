"""What `seed_demo` builds, read from one small city built for this module (`seeded`):
its feed files through the real importer with provenance, the staff's schools, a log
for information governance and the reported link's note."""

import csv
from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import AccessLogEntry, EmailPreference, Notification, SchoolAssignment, User
from accounts.roles import Role
from accounts.selectors_anomalies import anomalies
from chronology.models import FeedRun, LinkDoubt, LinkReview, RejectedRow, SourceRecord
from portal.demo.casework_dates import STEP_KINDS
from portal.demo.indicator_versions import CHANGE_NOTE, EDITED
from portal.demo.spec import IMPORT_ORDER
from risk.models import Flag, Review
from schools.models import Enrolment, School
from stewardship.models import LegalHold, RetentionRun
from stewardship.selectors.health import feed_health
from tests.accounts.access_log.ig import client_for
from tests.portal.seeded_city import SMALL, seeded_city

pytestmark = pytest.mark.django_db
seeded = seeded_city()


def _rows(path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def test_seed_demo_imports_every_feed_file_with_provenance(seeded):
    out_dir, output = seeded

    assert School.objects.count() == 2
    assert 150 <= Enrolment.objects.filter(leaving_date__isnull=True).count() <= 156
    weekly = sorted(p.name for p in out_dir.glob("attendance-to-*.csv"))
    files = [f"{feed}.csv" for feed in IMPORT_ORDER if feed != "attendance"] + weekly
    runs = {
        run.original_filename: run
        for run in FeedRun.objects.select_related("feed").filter(original_filename__in=files)
    }
    assert weekly
    assert set(runs) == set(files)
    assert {run.feed.code for run in runs.values()} == set(IMPORT_ORDER)
    for name, run in runs.items():
        assert run.status == FeedRun.Status.COMPLETED, (name, run.file_error)
        accounted = run.rows_imported + run.rows_unchanged + run.rows_queued + run.rows_rejected
        assert accounted == _rows(out_dir / name), name
        assert run.started_by.email == "data.officer@northbridge.example"
    runs = {run.feed.code: run for run in runs.values()}
    census = SourceRecord.objects.filter(feed__code="school_census")
    assert census.count() == _rows(out_dir / "school_census.csv")
    assert not census.filter(person__isnull=True).exists()
    assert runs["youth_justice"].rows_queued >= 1
    assert runs["health"].rows_rejected >= 1
    assert runs["suspensions"].rows_rejected >= 1
    assert "police_incidents" in output
    assert "Demo users: 8, one per role" in output
    assert "demo_sign_ins" in output, "make demo prints the sign-ins once, after the seed"
    assert "Legal hold on the young person of police row POLOLD001" in output


def test_the_demo_shows_a_hold_a_released_hold_and_a_run_that_removed_records(seeded):
    """The run removed nothing, so IG's retention pages never showed what a run removes;
    and the young person held was a parent, born 1997, found by no UPN."""
    _out_dir, output = seeded
    pupil_hold = LegalHold.objects.get(person__isnull=False)
    assert pupil_hold.person.upn
    assert pupil_hold.released_at is None
    feed_hold = LegalHold.objects.get(feed__code="police_incidents")
    assert feed_hold.released_at is not None
    first, again = FeedRun.objects.filter(original_filename="police_incidents-history.csv").order_by("pk")
    assert (first.rows_imported, first.rows_past_retention) == (3, 0)
    assert (again.rows_unchanged, again.rows_past_retention) == (1, 2)
    assert first.finished_at < feed_hold.released_at < again.finished_at
    assert "2 left out as past retention, 1 unchanged under the pupil's hold" in output
    (run,) = RetentionRun.objects.filter(dry_run=False)
    assert list(run.removed) == ["police_incidents"], run.removed
    assert run.removed["police_incidents"]["events deleted"] == 2, run.removed
    assert f"Retention run {run.pk}: Entries deleted from chronologies: 2;" in output, "each kind, not a sum"
    assert run.holds == 1
    latest_police = FeedRun.objects.filter(feed__code="police_incidents").latest("finished_at")
    assert latest_police.original_filename == "police_incidents.csv", "feed health reads this week's file"


def test_seed_demo_gives_the_school_staff_their_schools(seeded):
    assignments = {a.user.email: a for a in SchoolAssignment.objects.select_related("user", "school")}
    assert assignments["head.teacher@northbridge.example"].school.phase == School.Phase.SECONDARY
    head_teacher = assignments["head.teacher@northbridge.example"]
    assert assignments["dsl@northbridge.example"].school == head_teacher.school
    assert assignments["head.teacher2@northbridge.example"].school.phase == School.Phase.PRIMARY
    assert User.objects.get(email="admin@northbridge.example").role == Role.ADMINISTRATOR


def test_the_demo_gives_information_governance_a_log_to_review(seeded):
    """An empty access log leaves IG's pages blank on the first morning: the demo users
    open records through the real pages, one by break-glass, one refused."""
    assert "a break-glass view and a refused attempt" in seeded[1]
    dsl = User.objects.get(email="dsl@northbridge.example")
    viewed = AccessLogEntry.objects.filter(actor=dsl, kind=AccessLogEntry.Kind.VIEW)
    assert viewed.exists()
    assert AccessLogEntry.objects.filter(actor__email="worker@northbridge.example").exists()
    now = timezone.now()
    # The morning is the last working day's, at most a long weekend ago.
    found = {a.kind: a for a in anomalies(since=now - timedelta(days=5), until=now)}
    assert found["break_glass"].actor_label == "taskforce@northbridge.example"
    assert found["break_glass"].reason.startswith("Police called about a stabbing")
    assert found["denied"].actor_label == "head.teacher2@northbridge.example"
    assert len(found["denied"].person_ids) == 1
    assert set(found["denied"].person_ids) < set(viewed.values_list("subjects__person", flat=True))


def test_the_reported_links_note_does_not_contradict_its_row(seeded):
    """The data officer reads the note beside the row and the person it is linked to."""
    doubt = LinkDoubt.objects.select_related("source_record", "linked_person").get(
        status=LinkDoubt.Status.OPEN
    )
    row, person = doubt.source_record.values, doubt.linked_person
    if "date of birth" in doubt.note:
        assert row.get("date_of_birth") != person.date_of_birth.isoformat()
    if "name" in doubt.note:
        assert (row.get("forename"), row.get("surname")) != (person.forename, person.surname)


def test_the_demo_shows_a_reported_link_decided_and_its_reporter_told(seeded):
    """The DSL's notifications and chronology show the round trip of a doubtful link: one
    report waits for a data officer (marked in the chronology), one was checked and kept."""
    kept = LinkDoubt.objects.get(status=LinkDoubt.Status.KEPT)
    assert kept.reported_by.email == "dsl@northbridge.example"
    assert kept.decided_by.email == "data.officer@northbridge.example"
    assert kept.source_record_id != LinkDoubt.objects.get(status=LinkDoubt.Status.OPEN).source_record_id
    told = Notification.objects.get(user=kept.reported_by, kind="link_doubt_decided")
    assert (told.title, told.person_id) == ("A link you reported as doubtful was kept", kept.person_id)


def test_the_demo_shows_flags_reviewed_and_dismissed_over_the_weeks_they_were_raised(seeded):
    """The review queue held every restricted flag since the first night, untouched, and
    one dismissal was the outcomes page's whole measure of false positives. The taskforce
    now reviews each night's queue the next morning, the DSL dismisses a few with
    reasons of their own, all dated when it happened, and a week's old news is read."""
    seeded_as_of = date.fromisoformat(SMALL[SMALL.index("--as-of") + 1])
    as_of = timezone.make_aware(datetime.combine(seeded_as_of, time.min))
    week_ago = as_of - timedelta(days=7)
    flags = Flag.objects.all()
    waiting = flags.filter(review=Review.PENDING, cleared_at__isnull=True, dismissed_at__isnull=True)
    assert waiting.exists()
    assert not waiting.filter(raised_at__lt=week_ago - timedelta(days=7)).exists()
    confirmed = flags.filter(review=Review.CONFIRMED, reviewed_by__email="taskforce@northbridge.example")
    assert confirmed.filter(reviewed_at__lt=week_ago).exists()
    assert all(f.reviewed_at > f.raised_at for f in confirmed)
    by_taskforce = flags.filter(dismissed_by__email="taskforce@northbridge.example")
    by_dsl = flags.filter(dismissed_by__email="dsl@northbridge.example")
    assert by_taskforce.count() >= 2
    assert by_dsl.count() >= 2
    assert len(set(by_dsl.values_list("dismissal_reason", flat=True))) >= 2
    assert all(f.raised_at < f.dismissed_at < as_of for f in by_dsl)
    dsl_news = Notification.objects.filter(user__email="dsl@northbridge.example", kind="trigger_point")
    assert dsl_news.filter(created_at__lt=week_ago).exists()
    assert not dsl_news.filter(created_at__lt=week_ago, read_at__isnull=True).exists()
    assert not dsl_news.filter(created_at__gte=week_ago, read_at__isnull=False).exists()


def test_the_demos_referral_notifications_are_dated_with_their_steps(seeded):
    """Every referral's notifications said they were sent when the demo was seeded,
    though the referral was sent and triaged days or weeks before."""
    now = timezone.now()
    steps = Notification.objects.filter(kind__in=STEP_KINDS)
    assert steps.exists()
    assert not steps.filter(created_at__gt=now - timedelta(hours=1)).exists()
    assert steps.filter(created_at__lt=now - timedelta(days=8)).exists()
    assert not steps.filter(created_at__lt=now - timedelta(days=8), read_at__isnull=True).exists()
    assert steps.filter(read_at__isnull=True).exists()


def test_the_review_queue_shows_a_row_decided_beside_rows_waiting(seeded):
    """Every imported row the importer queued was still waiting: the queue's decided rows,
    and a row linked by review in a chronology, were never to be seen."""
    decided = LinkReview.objects.exclude(status=LinkReview.Status.OPEN)
    (linked,) = decided
    assert linked.status == LinkReview.Status.LINKED
    assert linked.decided_by.email == "data.officer@northbridge.example"
    row = linked.source_record.values
    assert (row["forename"], row["date_of_birth"]) == (
        linked.person.forename,
        linked.person.date_of_birth.isoformat(),
    )
    assert sorted(row["surname"]) == sorted(linked.person.surname) != list(row["surname"])
    assert linked.source_record.person == linked.person
    assert LinkReview.objects.filter(status=LinkReview.Status.OPEN).count() >= 2


def test_every_rejected_row_is_a_deliberate_one_and_one_is_implausible(seeded):
    """The rejected-rows report showed no plausibility check at work but by accident (a
    baby's A&E visit dated before their birth), unlisted among the deliberate rows."""
    printed = seeded[1]
    rejected = RejectedRow.objects.select_related("run__feed")
    assert {row.run.feed.code for row in rejected} >= {"health", "suspensions", "missing_episodes"}
    for row in rejected:
        assert f"{row.run.feed.code} {row.values[0]}:" in printed, row.reason
    implausible = rejected.get(run__feed__code="missing_episodes")
    assert implausible.column == "reported_at"
    assert "is in the future" in implausible.reason


def test_the_data_officer_is_told_of_the_feed_problems(seeded):
    """Feed health showed an overdue feed and a drop in rows, but the daily check that
    tells data officers had never run: their notifications were empty of both."""
    told = Notification.objects.filter(user__email="data.officer@northbridge.example", kind="feed_health")
    titles = set(told.values_list("title", flat=True))
    problems = {f"Feed problem: {p.message}" for h in feed_health() for p in h.problems}
    assert any("Housing and benefits is overdue" in problem for problem in problems)
    assert titles == problems


def test_the_worker_chose_an_email_for_each_notification_and_the_others_a_digest(seeded):
    """Every demo user had the default, so the digest choice was never seen made."""
    chosen = dict(User.objects.filter(is_service_account=False).values_list("email", "notification_email"))
    assert chosen.pop("worker@northbridge.example") == EmailPreference.EACH
    assert set(chosen.values()) == {EmailPreference.DAILY}


def test_one_indicator_shows_two_versions_and_its_flags_which_raised_them(seeded):
    """Every indicator was at version 1, made when the demo was seeded: no page showed
    an edit's who, when and why, or a flag raised by an earlier version."""
    admin = User.objects.get(email="admin@northbridge.example")
    page = client_for(admin).get(reverse("risk:indicator", args=[EDITED])).content.decode()
    assert "Version 2 (current)" in page
    assert "Version 1<" in page
    assert f"by {admin.display_name}: {escape(CHANGE_NOTE)}" in page
    assert f"by {admin.display_name}: Created" in page
    flags = Flag.objects.filter(indicator__code=EDITED)
    assert flags.filter(version__number=1, cleared_at__isnull=True).exists()
    waiting = flags.filter(version__number=2, review=Review.PENDING)
    assert waiting.exists()
    taskforce = User.objects.get(email="taskforce@northbridge.example")
    queue = client_for(taskforce).get(reverse("risk:review_queue")).content.decode()
    assert "Version 2</span>" in queue


def test_the_dsl_sees_a_pupils_flag_raised_by_the_edited_version(seeded):
    """No pupil of the DSL's school had a confirmed flag of the edited indicator raised
    after the edit: the DSL's young-person pages never showed a version 2."""
    dsl = User.objects.get(email="dsl@northbridge.example")
    school = SchoolAssignment.objects.get(user=dsl).school
    raised_since_the_edit = Flag.objects.filter(
        indicator__code=EDITED,
        version__number=2,
        review=Review.CONFIRMED,
        cleared_at__isnull=True,
        dismissed_at__isnull=True,
        person__enrolments__school=school,
        person__enrolments__leaving_date__isnull=True,
    )
    pupil = raised_since_the_edit.values_list("person", flat=True).first()
    assert pupil is not None
    page = client_for(dsl).get(reverse("young_person_detail", args=[pupil])).content.decode()
    assert "Domestic abuse in the household" in page
    assert f"2 ({escape(CHANGE_NOTE)})" in page


def test_the_dsls_trigger_point_notifications_say_which_trigger_points(seeded):
    """The demo DSL triages the week's alerts from their notifications, without opening
    each pupil's record."""
    dsl = User.objects.get(email="dsl@northbridge.example")
    alerts = Notification.objects.filter(user=dsl, kind="trigger_point")
    newest = alerts.order_by("-created_at", "-id").first()
    assert newest is not None
    assert newest.object_ids
    flag = Flag.objects.select_related("indicator", "version").get(pk=newest.object_ids[0])
    page = client_for(dsl).get(reverse("notifications:list")).content.decode()
    assert escape(f"{flag.indicator.code} {flag.version.name}") in page
