"""python manage.py import_feed FEED FILE — import a feed file now, with progress."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chronology.models import Feed, FeedRun
from chronology.services.imports import ImportRefused, import_feed_file

SHOWN_REJECTIONS = 50


class Command(BaseCommand):
    help = "Import a partner feed file (FEEDS.md). Exits non-zero if the file is rejected whole."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("feed", choices=Feed.Code.values)
        parser.add_argument("file", type=Path)

    def handle(self, *args: object, feed: str, file: Path, **options: object) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        interactive = sys.stderr.isatty()

        def progress(done: int, total: int) -> None:
            line = f"{done:,} / {total:,} rows"
            if interactive:
                self.stderr.write(f"\r{line}", ending="")
            elif done == total or done % 100_000 == 0:
                self.stderr.write(line)

        try:
            run = import_feed_file(feed_code=feed, path=file, by=None, on_progress=progress)
        except ImportRefused as error:
            raise CommandError(str(error)) from None
        if interactive:
            self.stderr.write("")
        self.stdout.write(
            f"Run {run.pk}: {run.get_status_display()} ({run.original_filename}, sha256 {run.checksum})"
        )
        if run.status != FeedRun.Status.COMPLETED:
            raise CommandError(run.file_error)
        self.stdout.write(
            f"rows read {run.rows_read}: imported {run.rows_imported}, unchanged {run.rows_unchanged}, "
            f"queued for review {run.rows_queued}, rejected {run.rows_rejected}"
        )
        if run.duration:
            self.stdout.write(f"took {run.duration.total_seconds():.1f}s")
        if run.unknown_columns:
            self.stdout.write(f"ignored unknown columns: {', '.join(run.unknown_columns)}")
        rejected = run.rejected_rows.all()
        for row in rejected[:SHOWN_REJECTIONS]:
            column = f" column {row.column}" if row.column else ""
            self.stdout.write(f"  line {row.line_number}{column}: {row.reason}")
        if run.rows_rejected > SHOWN_REJECTIONS:
            self.stdout.write(
                f"  ... and {run.rows_rejected - SHOWN_REJECTIONS} more (download them on the run page)"
            )
