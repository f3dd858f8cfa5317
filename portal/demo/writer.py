"""Writes the city's feeds as FEEDS.md CSV files: UTF-8 without a byte-order mark, RFC
4180 quoting and line endings, headers in the order FEEDS.md lists them."""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import IO

from portal.demo.generate import CityFeeds
from portal.demo.spec import FEED_COLUMNS, IMPORT_ORDER

ATTENDANCE = "attendance"


@dataclass(frozen=True)
class FeedFile:
    feed: str
    path: Path
    rows: int
    up_to: date | None = None
    """A register file's last day: the marks it holds are the week up to it."""


def write_feed_files(feeds: CityFeeds, out_dir: Path) -> list[FeedFile]:
    """One `<feed>.csv` per feed, in import order; the register as one file a week."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for feed in IMPORT_ORDER:
        if feed == ATTENDANCE:
            written += _weekly_register(feeds.feed_rows(feed), out_dir, as_of=feeds.city.config.as_of)
            continue
        path = out_dir / f"{feed}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = _writer(handle, feed)
            count = 0
            for row in feeds.feed_rows(feed):
                writer.writerow(row)
                count += 1
        written.append(FeedFile(feed=feed, path=path, rows=count))
    return written


def week_up_to(day: date, *, as_of: date) -> date:
    """The last day of the seven-day week holding `day`, counted back from the as-of day:
    the weeks end on the nights the demo replays the trigger points (portal/demo/replay.py),
    and the last is a whole week, not the few days of a week begun on a Monday."""
    return as_of - timedelta(weeks=(as_of - day).days // 7)


def _weekly_register(rows: Iterable[dict], out_dir: Path, *, as_of: date) -> list[FeedFile]:
    """`attendance-to-<last day>.csv` for each week with school days, oldest first, as a
    council's weekly register extract would arrive: imported in order, each pupil's
    absence thresholds are judged as their weeks come in (docs/feeds.md). The rows are
    streamed pupil by pupil, so every week's file stays open while they are written."""
    handles: dict[date, tuple[IO[str], csv.DictWriter]] = {}
    counts: dict[date, int] = {}
    try:
        for row in rows:
            up_to = week_up_to(date.fromisoformat(row["date"]), as_of=as_of)
            if up_to not in handles:
                handle = _week_path(out_dir, up_to).open("w", encoding="utf-8", newline="")
                handles[up_to] = (handle, _writer(handle, ATTENDANCE))
                counts[up_to] = 0
            handles[up_to][1].writerow(row)
            counts[up_to] += 1
    finally:
        for handle, _ in handles.values():
            handle.close()
    return [
        FeedFile(feed=ATTENDANCE, path=_week_path(out_dir, day), rows=counts[day], up_to=day)
        for day in sorted(handles)
    ]


def _week_path(out_dir: Path, up_to: date) -> Path:
    return out_dir / f"{ATTENDANCE}-to-{up_to.isoformat()}.csv"


def _writer(handle: IO[str], feed: str) -> csv.DictWriter:
    writer = csv.DictWriter(handle, fieldnames=FEED_COLUMNS[feed], extrasaction="ignore")
    writer.writeheader()
    return writer
