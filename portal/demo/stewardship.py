"""What the demo city shows of data stewardship: one feed overdue, one whose latest file
lost most of its rows, a legal hold, an old file whose rows past retention are left out
at import but for the held young person's, and a retention run that keeps that one.
Built through the real importer and services; only the overdue feed's import times are
moved back, since a demo cannot wait for a feed to fall due."""

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
from stewardship.services.holds import legal_hold_set
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
    rows = list(people.values())
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
        # Rows past retention are left out at import unless a hold covers them: the held
        # young person's incident is imported (and kept by the retention run), the others not.
        path = _write(out_dir / "police_incidents-history.csv", header, [_without_copies(r) for r in old])
        run = import_feed_file(feed_code=Feed.Code.POLICE_INCIDENTS, path=path, by=officer)
        _backdate(run, days=1)
        notes.append(
            f"Police incidents: {len(old)} incidents from seven years ago, sent the day before: "
            f"{run.rows_past_retention} left out as past retention, "
            f"{run.rows_imported} imported under the hold"
        )
    retention = apply_retention(by=None, dry_run=False)
    notes.append(f"Retention run {retention.pk}: {retention.total} old records removed, the held one kept")
    return StewardshipDemo(notes=notes, hold=hold, retention=retention)
