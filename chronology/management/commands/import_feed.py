"""python manage.py import_feed FEED FILE [--by EMAIL] — import a feed file now, with progress."""

import getpass
import os
import sys
from pathlib import Path
from time import monotonic

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.access import has_role
from accounts.models import User
from accounts.roles import Role
from chronology.models import Feed, FeedRun
from chronology.services.imports import ImportRefused, import_feed_file

SHOWN_REJECTIONS = 50
PROGRESS_EVERY_SECONDS = 5.0
"""Outside a terminal (a log, a scheduler) a progress line at most this often."""


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return f"uid {os.getuid()}"


def importer(email: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None or not has_role(user, Role.DATA_OFFICER):
        raise CommandError(f"--by {email}: no active data officer has that email; only data officers import.")
    return user


class Command(BaseCommand):
    help = "Import a partner feed file (FEEDS.md). Exits non-zero if the file is rejected whole."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("feed", choices=Feed.Code.values)
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--by", metavar="EMAIL", help="the data officer who answers for the import (recorded on the run)"
        )

    def handle(self, *args: object, feed: str, file: Path, by: str | None, **options: object) -> None:
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        user = importer(by) if by else None
        interactive = sys.stderr.isatty()
        printed, printed_at = "", float("-inf")

        def progress(done: int, total: int) -> None:
            nonlocal printed, printed_at
            line = f"{done:,} / {total:,} rows"
            if interactive:
                self.stderr.write(f"\r{line}", ending="")
            elif line != printed and (done == total or monotonic() - printed_at >= PROGRESS_EVERY_SECONDS):
                printed, printed_at = line, monotonic()
                self.stderr.write(line)

        try:
            run = import_feed_file(
                feed_code=feed, path=file, by=user, command_line_user=os_user(), on_progress=progress
            )
        except ImportRefused as error:
            raise CommandError(str(error)) from None
        if interactive:
            self.stderr.write("")
        self.stdout.write(
            f"Run {run.pk}: {run.get_status_display()} ({run.original_filename}, sha256 {run.checksum})"
        )
        if run.status != FeedRun.Status.COMPLETED:
            raise CommandError(run.file_error)
        self.report(run)

    def report(self, run: FeedRun) -> None:
        self.stdout.write(
            f"rows read {run.rows_read}: imported {run.rows_imported}, unchanged {run.rows_unchanged}, "
            f"queued for review {run.rows_queued}, rejected {run.rows_rejected}"
        )
        if run.marks_linked:
            self.stdout.write(
                f"linked {run.marks_linked} waiting attendance marks to the pupils this file gave their UPN"
            )
        if run.duration:
            self.stdout.write(f"took {run.duration.total_seconds():.1f}s")
        if run.unknown_columns:
            self.stdout.write(f"ignored unknown columns: {', '.join(run.unknown_columns)}")
        if run.unsupplied_columns:
            self.stdout.write(f"columns not supplied: {', '.join(run.unsupplied_columns)}")
        for row in run.rejected_rows.all()[:SHOWN_REJECTIONS]:
            column = f" column {row.column}" if row.column else ""
            self.stdout.write(f"  line {row.line_number}{column}: {row.reason}")
        if run.rows_rejected > SHOWN_REJECTIONS:
            self.stdout.write(
                f"  ... and {run.rows_rejected - SHOWN_REJECTIONS} more (download them on the run page)"
            )
