"""Retention removes exactly what is past its feed's retention period, counted from the
event date; legal holds stop it; the access log and its chain are untouched; a second
run finds nothing more; a dry run changes nothing."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from accounts.access_log.chain import seal_all, verify_log
from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.models import (
    AttendanceMark,
    AttendanceWeek,
    Event,
    Feed,
    FeedRun,
    LinkReview,
    RejectedRow,
    SourceRecord,
)
from stewardship.models import LegalHold, RetentionRun
from stewardship.services import retention_marks
from stewardship.services.holds import legal_hold_set
from stewardship.services.retention import ANONYMISED_SUMMARY, apply_retention
from tests.factories import (
    AccessLogEntryFactory,
    EventFactory,
    FamilyFactory,
    FamilyMemberFactory,
    FeedFactory,
    FeedRunFactory,
    PersonFactory,
    RejectedRowFactory,
    SchoolFactory,
    SourceRecordFactory,
)
from tests.factories.access import user_with_role
from tests.factories.risk import FlagEvidenceFactory, FlagFactory

TODAY = date(2026, 6, 10)
CUTOFF = date(2020, 6, 10)
"""Police incidents and attendance keep 72 months."""


def police_event(person, day: date, **fields) -> Event:
    feed = FeedFactory(code=Feed.Code.POLICE_INCIDENTS)
    record = SourceRecordFactory(feed=feed, person=person, values={"occurred_at": f"{day}T10:00:00+01:00"})
    return EventFactory(person=person, feed=feed, occurred_on=day, source_record=record, **fields)


def mark(person, day: date, n: int) -> AttendanceMark:
    run = FeedRunFactory(feed=FeedFactory(code=Feed.Code.ATTENDANCE))
    return AttendanceMark.objects.create(
        source_record_id=f"M{n}", person=person, school=SchoolFactory(urn="100001"), upn=person.upn or "",
        date=day, session="AM", code="/", meaning="present", feed_run=run,
    )  # fmt: skip


@pytest.fixture
def ig(db):
    return user_with_role(Role.IG_OFFICER)


def test_retention_removes_exactly_what_is_due_and_leaves_the_access_log(
    db, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    ada, bob = PersonFactory(), PersonFactory()
    due = police_event(ada, CUTOFF - timedelta(days=1))
    kept = police_event(ada, CUTOFF)
    LinkReview.objects.create(source_record=due.source_record, reason="test", status="linked")
    episode = EventFactory(
        person=bob,
        feed=FeedFactory(code=Feed.Code.SOCIAL_CARE),
        occurred_on=date(2019, 1, 1),
        ended_on=date(2021, 1, 1),
    )
    queued_old = SourceRecordFactory(
        feed=due.feed, person=None, values={"occurred_at": "2020-06-01T10:00:00+01:00"}
    )
    queued_new = SourceRecordFactory(
        feed=due.feed, person=None, values={"occurred_at": "2020-06-11T10:00:00+01:00"}
    )
    old_mark, new_mark = mark(ada, date(2020, 6, 9), 1), mark(ada, date(2020, 6, 10), 2)
    AttendanceWeek.objects.create(person=ada, week=date(2020, 6, 1))
    AttendanceWeek.objects.create(person=ada, week=date(2020, 6, 8))
    census = SourceRecordFactory(
        feed=FeedFactory(code=Feed.Code.SCHOOL_CENSUS, retention_months=84),
        person=bob,
        values={"upn": "X", "forename": "Bob", "urn": "100001", "leaving_date": "2019-06-09"},
    )
    old_run, new_run = FeedRunFactory(feed=due.feed), FeedRunFactory(feed=due.feed)
    FeedRun.objects.filter(pk=old_run.pk).update(created_at=timezone.make_aware(datetime(2020, 6, 9, 12)))
    RejectedRowFactory(run=old_run), RejectedRowFactory(run=new_run)
    old_file = old_run.file.path
    AccessLogEntryFactory(persons=[ada], at=timezone.make_aware(datetime(2019, 1, 1)))
    seal_all()
    entries = AccessLogEntry.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        run = apply_retention(by=None, dry_run=False, today=TODAY)

    assert not Event.objects.filter(pk=due.pk).exists()
    assert set(Event.objects.values_list("pk", flat=True)) == {kept.pk, episode.pk}
    assert set(SourceRecord.objects.filter(feed=due.feed).values_list("pk", flat=True)) == {
        kept.source_record_id,
        queued_new.pk,
    }
    assert not SourceRecord.objects.filter(pk=queued_old.pk).exists()
    assert not LinkReview.objects.exists()
    assert list(AttendanceMark.objects.values_list("pk", flat=True)) == [new_mark.pk]
    assert list(AttendanceWeek.objects.values_list("week", flat=True)) == [date(2020, 6, 8)]
    census.refresh_from_db()
    assert census.values == {
        "urn": "100001",
        "leaving_date": "2019-06-09",
        "anonymised_on": timezone.localdate().isoformat(),
    }
    old_run.refresh_from_db()
    assert old_run.file.name == ""
    assert not (tmp_path / old_file).exists()
    assert list(RejectedRow.objects.values_list("run", flat=True)) == [new_run.pk]
    assert AccessLogEntry.objects.count() == entries
    assert verify_log().ok
    assert run.removed == {
        "police_incidents": {
            "events deleted": 1,
            "rows as sent deleted": 1,
            "unlinked rows deleted": 1,
            "import files deleted": 1,
            "rejected rows deleted": 1,
        },
        "attendance": {"register marks deleted": 1, "weekly attendance counts deleted": 1},
        "school_census": {"rows as sent anonymised": 1},
    }
    assert old_mark.pk not in AttendanceMark.objects.values_list("pk", flat=True)

    again = apply_retention(by=None, dry_run=False, today=TODAY)
    assert again.removed == {}, "a second run finds nothing more"


def test_a_dry_run_counts_what_would_go_and_changes_nothing(db):
    ada = PersonFactory()
    police_event(ada, CUTOFF - timedelta(days=1))
    mark(ada, date(2020, 6, 9), 1)
    dry = apply_retention(by=None, dry_run=True, today=TODAY)
    assert dry.dry_run
    assert (Event.objects.count(), AttendanceMark.objects.count()) == (1, 1)
    real = apply_retention(by=None, dry_run=False, today=TODAY)
    assert dry.removed == real.removed
    assert RetentionRun.objects.count() == 2


def test_legal_holds_stop_retention_for_a_person_a_family_and_a_feed(ig):
    old = CUTOFF - timedelta(days=1)
    held, member, free = PersonFactory(), PersonFactory(), PersonFactory()
    family = FamilyFactory()
    FamilyMemberFactory(family=family, person=member)
    events = {p: police_event(p, old) for p in (held, member, free)}
    family_event = EventFactory(
        person=None, family=family, feed=FeedFactory(code=Feed.Code.HOUSING_BENEFITS), occurred_on=old
    )
    marks = {p: mark(p, old, n) for n, p in enumerate((held, free))}
    health = EventFactory(person=free, feed=FeedFactory(code=Feed.Code.HEALTH), occurred_on=old)
    until = timezone.localdate() + timedelta(days=30)
    legal_hold_set(by=ig, person=held, reason="Claim", ends_on=until)
    legal_hold_set(by=ig, family=family, reason="Inquiry", ends_on=until)
    legal_hold_set(by=ig, feed=health.feed, reason="Audit", ends_on=until)

    run = apply_retention(
        by=None, dry_run=False, today=timezone.localdate().replace(year=2026, month=6, day=10)
    )

    left = set(Event.objects.values_list("pk", flat=True))
    assert left == {events[held].pk, events[member].pk, family_event.pk, health.pk}
    assert set(AttendanceMark.objects.values_list("pk", flat=True)) == {marks[held].pk}
    assert run.holds == 3


def test_an_ended_or_released_hold_no_longer_stops_retention(ig):
    ended, released = PersonFactory(), PersonFactory()
    for person in (ended, released):
        police_event(person, CUTOFF - timedelta(days=1))
    LegalHold.objects.create(person=ended, reason="Over", ends_on=TODAY - timedelta(days=1), set_by=ig)
    hold = LegalHold.objects.create(
        person=released, reason="Dropped", ends_on=TODAY + timedelta(days=9), set_by=ig
    )
    hold.released_at = timezone.now()
    hold.save()
    apply_retention(by=None, dry_run=False, today=TODAY)
    assert not Event.objects.exists()


def test_an_event_a_flag_holds_as_evidence_is_anonymised_not_deleted(db):
    ada = PersonFactory()
    evidence = police_event(ada, CUTOFF - timedelta(days=1), details={"role": "suspect"})
    FlagEvidenceFactory(flag=FlagFactory(person=ada), event=evidence, occurred_on=evidence.occurred_on)
    run = apply_retention(by=None, dry_run=False, today=TODAY)
    evidence.refresh_from_db()
    assert (evidence.category, evidence.occurred_on, evidence.person) == (
        "police_incident",
        CUTOFF - timedelta(days=1),
        ada,
    )
    assert (evidence.summary, evidence.details, evidence.source_record) == (ANONYMISED_SUMMARY, {}, None)
    assert run.removed["police_incidents"] == {"events anonymised": 1, "rows as sent deleted": 1}
    assert apply_retention(by=None, dry_run=False, today=TODAY).removed == {}


@pytest.mark.parametrize("batch", [1, 3, 50_000])
def test_register_marks_and_weekly_counts_go_in_batches_and_every_due_one_goes(ig, monkeypatch, batch):
    """Batches end inside a day, between a pupil's two sessions and across people; the
    marks no pupil holds and the held pupil's are sorted out in every batch size."""
    monkeypatch.setattr(retention_marks, "BATCH", batch)
    held, *pupils = PersonFactory.create_batch(4)
    run = FeedRunFactory(feed=FeedFactory(code=Feed.Code.ATTENDANCE))
    school = SchoolFactory(urn="100001")
    days = [CUTOFF - timedelta(days=n) for n in (1, 2, 8, 400)] + [CUTOFF, CUTOFF + timedelta(days=1)]
    for person in [held, *pupils, None]:
        for day in days:
            for session in ("AM", "PM"):
                AttendanceMark.objects.create(
                    source_record_id=f"{person and person.pk}-{day}-{session}", person=person, school=school,
                    upn=person.upn if person else "A123456789012", date=day, session=session, code="/",
                    meaning="present", feed_run=run,
                )  # fmt: skip
        if person:
            for day in days:
                AttendanceWeek.objects.get_or_create(person=person, week=day - timedelta(days=day.weekday()))
    legal_hold_set(by=ig, person=held, reason="Claim", ends_on=timezone.localdate() + timedelta(days=30))

    removed = apply_retention(by=None, dry_run=False, today=TODAY).removed["attendance"]

    assert removed["register marks deleted"] == 4 * 4 * 2, "3 pupils' and the unlinked, 4 days, 2 sessions"
    assert set(AttendanceMark.objects.exclude(person=held).values_list("date", flat=True)) == {
        CUTOFF,
        CUTOFF + timedelta(days=1),
    }
    assert AttendanceMark.objects.filter(person=held).count() == len(days) * 2
    assert removed["weekly attendance counts deleted"] == 3 * 2, "the weeks of 1 June 2020 and of May 2019"
    assert sorted(AttendanceWeek.objects.values_list("person", "week")) == sorted(
        [(held.pk, week) for week in (date(2019, 5, 6), date(2020, 6, 1), date(2020, 6, 8))]
        + [(pupil.pk, date(2020, 6, 8)) for pupil in pupils]
    )
