"""What the demo city shows of data stewardship: one feed overdue, one whose latest file
lost most of its rows, a legal hold on a pupil, an old police extract imported while a
hold on the whole feed was in force, that hold released and a retention run that removes
the extract's old incidents but the held pupil's, and the same extract sent again, whose
rows past retention are left out at import. Built through the real importer and
services; only the overdue feed's import times are moved back, since a demo cannot wait
for a feed to fall due. The daily feed-health check then tells the data officers."""

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.db.models import F, QuerySet
from django.utils import timezone

from accounts.models import User
from chronology.models import Feed, FeedRun, SourceRecord
from chronology.services.imports import import_feed_file
from portal.demo.writer import FeedFile
from stewardship.models import LegalHold, RetentionRun
from stewardship.selectors.retention import removed_in_words
from stewardship.services.alerts import feed_health_alert
from stewardship.services.holds import legal_hold_release, legal_hold_set
from stewardship.services.retention import apply_retention

OVERDUE_FEED = Feed.Code.HOUSING_BENEFITS
PARTIAL_FEED = Feed.Code.YOUTH_JUSTICE
PARTIAL_SHARE = 0.3
OLD_ROWS = 3


@dataclass(frozen=True)
class StewardshipDemo:
    notes: list[str]
    hold: LegalHold | None
    retention: RetentionRun


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _partial_file(file: FeedFile, out_dir: Path, officer: User) -> FeedRun:
    """The same extract sent again cut short: every row is one the portal holds already,
    so nothing changes but the feed's health."""
    header, rows = _rows(file.path)
    keep = rows[: max(1, int(len(rows) * PARTIAL_SHARE))]
    path = _write(out_dir / f"{file.feed}-partial.csv", header, keep)
    return import_feed_file(feed_code=file.feed, path=path, by=officer)


def _old_police_rows(file: FeedFile, as_of: date) -> tuple[list[str], list[dict[str, str]]]:
    """A few incidents from seven years ago, past the police feed's six-year retention,
    about different young people already born then: the header and the rows, each with the
    source_record_id of the row of this week's file it copies (`copies`)."""
    header, rows = _rows(file.path)
    when = as_of - relativedelta(years=7)
    people = {}  # one incident per young person, so that a hold on one covers one row
    for row in rows:
        people.setdefault(tuple(row.get(c, "") for c in ("upn", "forename", "surname", "date_of_birth")), row)
    # The eldest pupil's first: the hold is on a young person, and the first row's is held.
    rows = sorted(people.values(), key=lambda r: (not r.get("upn"), r.get("date_of_birth") or "9999"))
    old = [
        row
        | {"source_record_id": f"POLOLD{n:03d}", "occurred_at": f"{when.isoformat()}T15:00"}
        | {"copies": row["source_record_id"]}
        for n, row in enumerate(
            (r for r in rows if r.get("date_of_birth") and r["date_of_birth"] < when.isoformat()), start=1
        )
    ][:OLD_ROWS]
    return header, old


def _without_copies(row: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in row.items() if k != "copies"}


def _backdate(runs: FeedRun | QuerySet[FeedRun], days: int) -> None:
    """Moves a run (or runs) back in time, as if imported then."""
    moved = timedelta(days=days)
    selected = FeedRun.objects.filter(pk=runs.pk) if isinstance(runs, FeedRun) else runs
    selected.update(
        created_at=F("created_at") - moved,
        started_at=F("started_at") - moved,
        finished_at=F("finished_at") - moved,
    )


def show_stewardship(
    *, files: list[FeedFile], out_dir: Path, officer: User, ig: User, as_of: date
) -> StewardshipDemo:
    by_feed = {f.feed: f for f in files}
    notes = []
    overdue = Feed.objects.get(code=OVERDUE_FEED)
    _backdate(FeedRun.objects.filter(feed=overdue), overdue.cadence_days + 15)
    notes.append(
        f"{overdue.name}: imports moved {overdue.cadence_days + 15} days back, so the feed is overdue"
    )
    partial = _partial_file(by_feed[PARTIAL_FEED], out_dir, officer)
    sent = by_feed[PARTIAL_FEED].rows
    notes.append(f"{partial.feed.name}: a second, partial file ({partial.rows_read} of {sent} rows)")
    header, old = _old_police_rows(by_feed[Feed.Code.POLICE_INCIDENTS], as_of)
    hold = None
    copied = SourceRecord.objects.filter(
        feed__code=Feed.Code.POLICE_INCIDENTS, source_record_id__in=[r["copies"] for r in old[:1]]
    )
    if (record := copied.exclude(person=None).first()) is not None:
        hold = legal_hold_set(
            by=ig,
            person=record.person,
            reason="Demonstration: a civil claim about this young person's police contact (synthetic)",
            ends_on=max(as_of, timezone.localdate()) + timedelta(days=180),
        )
        notes.append(f"Legal hold on the young person of police row {old[0]['source_record_id']}")
    if old:
        path = _write(out_dir / "police_incidents-history.csv", header, [_without_copies(r) for r in old])
        _old_extract_under_a_feed_hold(path, officer=officer, ig=ig, as_of=as_of, notes=notes)
        # Rows past retention are left out at import unless a hold covers them: sent
        # again the day before, after the feed's hold was released, only the held
        # pupil's incident is in (unchanged); the others are left out.
        again = import_feed_file(feed_code=Feed.Code.POLICE_INCIDENTS, path=path, by=officer)
        _backdate(again, days=1)
        notes.append(
            f"Police incidents: the old extract sent again the day before: {again.rows_past_retention} "
            f"left out as past retention, {again.rows_unchanged} unchanged under the pupil's hold"
        )
    retention = apply_retention(by=None, dry_run=False)
    removed = removed_in_words(retention.removed_in_all, dry_run=False)
    said = "; ".join(f"{line.what}: {line.count}" for line in removed)
    notes.append(f"Retention run {retention.pk}: {said}; the held pupil's kept")
    # The daily feed-health check, as beat runs it: the data officers are told of each
    # problem in their notifications, not only on the page they would have to think to open.
    alerts = feed_health_alert()
    notes.append(f"Feed-health check: {alerts.raised} problems told to the data officers")
    return StewardshipDemo(notes=notes, hold=hold, retention=retention)


def _old_extract_under_a_feed_hold(path: Path, *, officer: User, ig: User, as_of: date, notes: list) -> None:
    """The police sent an old extract two days before, while IG held the whole feed for
    an inquiry: every row came in. The hold was released once the inquiry had what it
    needed, so tonight's retention run removes what no other hold keeps."""
    feed_hold = legal_hold_set(
        by=ig,
        feed=Feed.objects.get(code=Feed.Code.POLICE_INCIDENTS),
        reason="Demonstration: an inquiry asked for the police feed as it stood (synthetic)",
        ends_on=max(as_of, timezone.localdate()) + timedelta(days=30),
    )
    run = import_feed_file(feed_code=Feed.Code.POLICE_INCIDENTS, path=path, by=officer)
    _backdate(run, days=2)
    legal_hold_release(by=ig, hold=feed_hold)
    two_days = timedelta(days=2)
    LegalHold.objects.filter(pk=feed_hold.pk).update(
        created_at=F("created_at") - two_days, released_at=F("released_at") - two_days
    )
    notes.append(
        f"Police incidents: {run.rows_read} incidents from seven years ago, sent two days before "
        f"under a hold on the whole feed: {run.rows_imported} imported; the feed's hold since released"
    )
