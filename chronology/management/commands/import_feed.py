"""python manage.py import_feed FEED FILE [--by EMAIL] — import a feed file now, with progress.

Its output names no one: rejected rows are listed by line and column only, because their
reasons quote the values refused (a date of birth, a postcode, a UPN) and a command's
output goes to terminals, scheduler logs and CI logs that the access log does not cover.
The reasons are on the run's page, where a data officer reads them and the access log
records it (docs/feeds.md, "How to import")."""

import getpass
import os
import sys
from pathlib import Path
from time import monotonic

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

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
        past = f", past retention {run.rows_past_retention}" if run.rows_past_retention else ""
        self.stdout.write(
            f"rows read {run.rows_read}: imported {run.rows_imported}, unchanged {run.rows_unchanged}, "
            f"queued for review {run.rows_queued}, rejected {run.rows_rejected}{past}"
        )
        if run.rows_past_retention:
            n = run.rows_past_retention
            self.stdout.write(f"left out {n} row{'s' if n != 1 else ''}: {run.past_retention_reason}")
        if run.marks_linked:
            self.stdout.write(
                f"linked {run.marks_linked} waiting attendance marks to the pupils this file gave their UPN"
            )
        if run.duration:
            self.stdout.write(f"took {run.duration.total_seconds():.1f} seconds")
        if run.unknown_columns:
            self.stdout.write(f"ignored unknown columns: {', '.join(run.unknown_columns)}")
        if run.unsupplied_columns:
            self.stdout.write(f"columns not supplied: {', '.join(run.unsupplied_columns)}")
        self.rejections(run)

    def rejections(self, run: FeedRun) -> None:
        """Line and column of each rejected row: the columns are the feed's own names, never
        the file's values (see the module's note)."""
        if not run.rows_rejected:
            return
        page = f"{settings.PORTAL_BASE_URL.rstrip('/')}{reverse('chronology:run', args=[run.pk])}"
        self.stdout.write(
            "rejected rows, by line and column; the reasons quote the values refused, so they are "
            f"shown only on the run's page, where reading them is written to the access log: {page}"
        )
        for line, column in run.rejected_rows.values_list("line_number", "column")[:SHOWN_REJECTIONS]:
            self.stdout.write(f"  line {line}: {'column ' + column if column else 'the whole row'}")
        if run.rows_rejected > SHOWN_REJECTIONS:
            more = run.rows_rejected - SHOWN_REJECTIONS
            self.stdout.write(f"  ... and {more} more (all on the run's page)")
