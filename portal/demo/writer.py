"""Writes the city's feeds as FEEDS.md CSV files: UTF-8 without a byte-order mark, RFC
4180 quoting and line endings, headers in the order FEEDS.md lists them."""

import csv
from dataclasses import dataclass
from pathlib import Path

from portal.demo.generate import CityFeeds
from portal.demo.spec import FEED_COLUMNS, IMPORT_ORDER


@dataclass(frozen=True)
class FeedFile:
    feed: str
    path: Path
    rows: int


def write_feed_files(feeds: CityFeeds, out_dir: Path) -> list[FeedFile]:
    """One `<feed>.csv` per feed, in import order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for feed in IMPORT_ORDER:
        path = out_dir / f"{feed}.csv"
        count = 0
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=FEED_COLUMNS[feed], extrasaction="ignore")
            writer.writeheader()
            for row in feeds.feed_rows(feed):
                writer.writerow(row)
                count += 1
        written.append(FeedFile(feed=feed, path=path, rows=count))
    return written
