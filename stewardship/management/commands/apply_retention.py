"""python manage.py apply_retention [--dry-run] — remove what is past its feed's retention
period now (the nightly job does the same), or with --dry-run only say what would go."""

from django.core.management.base import BaseCommand, CommandParser

from stewardship.selectors.retention import removed_in_words
from stewardship.services.retention import apply_retention


class Command(BaseCommand):
    help = "Delete or anonymise records past their feed's retention period, except under a legal hold."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count what would go; change nothing.")

    def handle(self, *args: object, dry_run: bool = False, **options: object) -> None:
        run = apply_retention(by=None, dry_run=dry_run)
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"Retention run {run.pk}{' (dry run)' if dry_run else ''}; legal holds in force: {run.holds}"
        )
        if not run.removed:
            self.stdout.write(f"Nothing is past its retention period: no records {verb} removed.")
            return
        for code, kinds in run.removed.items():
            self.stdout.write(f"{code} (keeps events from {run.cutoffs[code]}):")
            for removed in removed_in_words(kinds, dry_run=dry_run):
                self.stdout.write(f"  {removed.what}: {removed.count:,}")
        self.stdout.write("In all:")
        for removed in removed_in_words(run.removed_in_all, dry_run=dry_run):
            self.stdout.write(f"  {removed.what}: {removed.count:,}")
