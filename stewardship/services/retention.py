"""Retention (DESIGN.md section 2): records past their feed's retention period, counted
from the event date, are deleted, or anonymised where the chronology still needs the
fact; a legal hold stops it for a person, a family or a feed. Each run writes a report
of counts per feed, never who. The access log is never touched: it has its own, longer
retention (docs/retention.md).

Deletes run in batches, each in its own short transaction, so pages keep reading while a
million register marks go, and a run that stops half-way is simply finished by the next.
Rows go with raw deletes, not one by one through Django's signals: the run's report is
their record, and a change-log entry per removed row would keep what retention removes."""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import CharField, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from accounts.models import User
from chronology.models import (
    AttendanceMark,
    AttendanceWeek,
    Event,
    Feed,
    FeedRun,
    LinkDoubt,
    LinkReview,
    RejectedRow,
    SourceRecord,
)
from chronology.models.feeds import UNLINKED
from chronology.retention_rules import DATED_BY_FIRST, ENDED_SPELLS, EVENT_DATES, cutoff_for
from portal import locks
from schools.models import Enrolment, FamilyMember
from stewardship.models import RetentionRun
from stewardship.services.retention_holds import Holds, holds_on
from stewardship.services.retention_marks import delete_expired_marks, delete_expired_weeks

BATCH = 50_000
ANONYMISED_SUMMARY = "Details removed at the end of the feed's retention period"


def _value(key: str) -> Cast:
    """A stored value as text (ISO dates compare as text), compared as text on SQLite too."""
    return Cast(KeyTextTransform(key, "values"), output_field=CharField())


def _raw_delete(queryset: QuerySet) -> int:
    return queryset._raw_delete(queryset.db)


@dataclass
class FeedRetention:
    feed: Feed
    today: date
    cutoff: date
    holds: Holds
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)

    def free_now(self) -> bool:
        """Reads the holds again inside the caller's transaction, with no hold being set
        meanwhile (legal_hold_set takes the same lock), so that a hold set while the run
        is under way keeps what the rest of the run would have removed; whether the feed
        may still lose records. A hold being set waits for at most one batch."""
        locks.hold(locks.Lock.LEGAL_HOLD)
        self.holds = holds_on(self.today)
        return self.feed.pk not in self.holds.feeds

    def people_held_now(self) -> frozenset[int] | None:
        return self.holds.people if self.free_now() else None

    def add(self, kind: str, n: int) -> None:
        if n:
            self.counts[kind] = self.counts.get(kind, 0) + n

    def not_held(
        self, queryset: QuerySet, *, person: str = "person_id", family: str | None = "family_id"
    ) -> QuerySet:
        if self.holds.people:
            queryset = queryset.exclude(**{f"{person}__in": self.holds.people})
        if family and self.holds.families:
            queryset = queryset.exclude(**{f"{family}__in": self.holds.families})
        return queryset

    def run(self) -> dict[str, int]:
        if self.feed.pk in self.holds.feeds:
            return {}
        self.events()
        self.queued_rows()
        if self.feed.code == Feed.Code.ATTENDANCE:
            self.marks()
        if self.feed.code in ENDED_SPELLS:
            self.ended_spells()
        self.files()
        return self.counts

    @property
    def episodes(self) -> bool:
        return EVENT_DATES.get(self.feed.code, ("", None))[1] is not None

    def events(self) -> None:
        with transaction.atomic():
            if not self.dry_run and not self.free_now():
                return
            due = self.not_held(
                Event.objects.filter(feed=self.feed)
                .annotate(day=Coalesce("ended_on", "occurred_on"))
                .filter(day__lt=self.cutoff)
                .exclude(summary=ANONYMISED_SUMMARY)
            )
            if self.episodes:
                due = due.exclude(ended_on=None)
            needed = self._needed_elsewhere(due)
            with_rows = due.exclude(source_record=None)
            if self.dry_run:
                self.add("events anonymised", len(needed))
                self.add("events deleted", due.count() - len(needed))
                self.add("rows as sent deleted", with_rows.values("source_record_id").distinct().count())
                return
            records = list(with_rows.values_list("source_record_id", flat=True))
            self.add(
                "events anonymised",
                Event.objects.filter(pk__in=needed).update(
                    summary=ANONYMISED_SUMMARY, details={}, source_record=None, updated_at=timezone.now()
                ),
            )
            self.add("events deleted", _raw_delete(Event.objects.filter(pk__in=due.values("pk"))))
            self.add("rows as sent deleted", self._delete_records(records))

    def _needed_elsewhere(self, events: QuerySet) -> set[int]:
        """Events another part of the portal refers to (a flag's evidence, say): their fact
        stays in the chronology, without its details."""
        needed: set[int] = set()
        relations = [
            f for f in Event._meta.get_fields(include_hidden=True) if f.auto_created and not f.concrete
        ]
        for relation in relations:
            if relation.related_model._meta.app_label == "chronology":
                continue
            name = relation.field.name
            refs = relation.related_model.objects.filter(**{f"{name}__in": events.values("pk")})
            needed |= set(refs.values_list(name, flat=True))
        return needed

    def _delete_records(self, ids: list[int]) -> int:
        removed = 0
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            _raw_delete(LinkReview.objects.filter(source_record_id__in=chunk))
            _raw_delete(LinkDoubt.objects.filter(source_record_id__in=chunk))
            Enrolment.objects.filter(source_record_id__in=chunk).update(source_record=None)
            FamilyMember.objects.filter(source_record_id__in=chunk).update(source_record=None)
            _raw_delete(Event.objects.filter(source_record_id__in=chunk))
            removed += _raw_delete(SourceRecord.objects.filter(pk__in=chunk))
        return removed

    def queued_rows(self) -> None:
        """Rows that never linked to anyone (waiting in the review queue, or rejected there)."""
        if self.feed.code not in EVENT_DATES:
            return
        start, end = EVENT_DATES[self.feed.code]
        day = _value(end or start)
        if not end and (first := DATED_BY_FIRST.get(self.feed.code)):
            day = Coalesce(_value(first), day)
        due = (
            SourceRecord.objects.filter(UNLINKED, feed=self.feed)
            .alias(day=day)
            .filter(day__lt=self.cutoff.isoformat())
        )
        if self.dry_run:
            self.add("unlinked rows deleted", due.count())
            return
        with transaction.atomic():
            if self.free_now():
                unlinked = list(due.values_list("pk", flat=True))
                self.add("unlinked rows deleted", self._delete_records(unlinked))

    def marks(self) -> None:
        marks = self.not_held(AttendanceMark.objects.filter(date__lt=self.cutoff), family=None)
        week_cutoff = self.cutoff - relativedelta(days=4)  # a week goes once its Friday is past
        weeks = self.not_held(AttendanceWeek.objects.filter(week__lt=week_cutoff), family=None)
        if self.dry_run:
            self.add("register marks deleted", marks.count())
            self.add("weekly attendance counts deleted", weeks.count())
            return
        held_now = self.people_held_now
        self.add("register marks deleted", delete_expired_marks(cutoff=self.cutoff, held_now=held_now))
        weeks_gone = delete_expired_weeks(before=week_cutoff, held_now=held_now)
        self.add("weekly attendance counts deleted", weeks_gone)

    def ended_spells(self) -> None:
        column, kept = ENDED_SPELLS[self.feed.code]
        due = (
            SourceRecord.objects.filter(feed=self.feed)
            .alias(ended=_value(column))
            .filter(ended__lt=self.cutoff.isoformat())
            .exclude(values__has_key="anonymised_on")
        )
        if self.dry_run:
            self.add("rows as sent anonymised", self.not_held(due).count())
            return
        anonymised = 0
        with transaction.atomic():
            if not self.free_now():
                return
            due = self.not_held(due)
            for record in due.only("pk", "values"):
                record.values = {k: v for k, v in record.values.items() if k in kept} | {
                    "anonymised_on": timezone.localdate().isoformat()
                }
                record.content_hash, record.undo = "", {}
                record.save(update_fields=["values", "content_hash", "undo", "updated_at"])
                anonymised += 1
        self.add("rows as sent anonymised", anonymised)

    def files(self) -> None:
        """A run's file and rejected rows go once its import day is past retention: every
        event in it is dated on or before that day (plausibility checks refuse later ones);
        an episode still open keeps its row as sent, which is all the file held of it."""
        before = timezone.make_aware(datetime.combine(self.cutoff, time.min))
        with transaction.atomic():
            if not self.dry_run and not self.free_now():
                return
            runs = FeedRun.objects.filter(feed=self.feed, created_at__lt=before).exclude(
                pk__in=self._held_runs()
            )
            rejected = RejectedRow.objects.filter(run__in=runs)
            with_files = runs.exclude(file="")
            if self.dry_run:
                self.add("import files deleted", with_files.count())
                self.add("rejected rows deleted", rejected.count())
                return
            for run in with_files:
                # Gone from storage once the run no longer names it: a rollback keeps both.
                transaction.on_commit(partial(run.file.storage.delete, run.file.name))
                FeedRun.objects.filter(pk=run.pk).update(file="")
                self.add("import files deleted", 1)
            self.add("rejected rows deleted", _raw_delete(rejected))

    def _held_runs(self) -> set[int]:
        """Runs whose file holds a row of a held person or family: their file is kept."""
        if not self.holds.any_records:
            return set()
        held = Q(person_id__in=self.holds.people) | Q(family_id__in=self.holds.families)
        runs = set(Event.objects.filter(held, feed=self.feed).values_list("feed_run_id", flat=True))
        runs |= set(SourceRecord.objects.filter(held, feed=self.feed).values_list("last_run_id", flat=True))
        if self.feed.code == Feed.Code.ATTENDANCE:
            marks = AttendanceMark.objects.filter(date__lt=self.cutoff, person_id__in=self.holds.people)
            runs |= set(marks.values_list("feed_run_id", flat=True).distinct())
        return runs - {None}


def apply_retention(*, by: User | None, dry_run: bool, today: date | None = None) -> RetentionRun:
    """One retention run over every feed. Not one transaction (see the module's note);
    the report is saved when it ends. A run started while another is under way (the
    nightly one and a run by hand, or beat retried) waits for it and starts after it:
    two at once would split the counts between two reports."""
    with locks.held_throughout(locks.Lock.RETENTION):
        today = today or timezone.localdate()
        holds = holds_on(today)
        run = RetentionRun.objects.create(
            started_at=timezone.now(), dry_run=dry_run, started_by=by, holds=holds.count
        )
        for feed in Feed.objects.order_by("name"):
            cutoff = cutoff_for(feed, today)
            run.cutoffs[feed.code] = cutoff.isoformat()
            counts = FeedRetention(feed=feed, today=today, cutoff=cutoff, holds=holds, dry_run=dry_run).run()
            if counts:
                run.removed[feed.code] = counts
        run.finished_at = timezone.now()
        run.save(update_fields=["cutoffs", "removed", "finished_at"])
        return run
