"""Fills the anomalies page's summary of the access log (accounts.services.anomaly_summary):
run once after installing to cover more than the frequent task keeps up (`--days`), and
after removing entries under the log's retention (`--check-all`), so the summary drops
their counts at once rather than that night."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.services.anomaly_summary import KEEP_UP_DAYS, anomaly_summary_refresh

MAX_DAYS = 366 * 13
"""The log's whole retention (12 years) and a little more."""


class Command(BaseCommand):
    help = "Summarise the access log's closed hours for the anomalies page."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=KEEP_UP_DAYS,
            help=f"Summarise every closed hour of this many days back (default {KEEP_UP_DAYS}).",
        )
        parser.add_argument(
            "--check-all",
            action="store_true",
            help="Also check every hour summarised against the log, and work out again any that changed.",
        )

    def handle(self, *args: object, days: int, check_all: bool, **options: object) -> None:
        if not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--days must be from 1 to {MAX_DAYS}.")
        hours = anomaly_summary_refresh(days=days, check_all=check_all)
        if hours is None:
            raise CommandError("Another run is summarising the log now; try again when it has finished.")
        self.stdout.write(self.style.SUCCESS(f"Summarised {hours} hours of the access log."))
