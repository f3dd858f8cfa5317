import time

from django.core.management.base import BaseCommand

from risk.services.computing import compute_flags


class Command(BaseCommand):
    help = "Compute every enabled trigger point for every young person (the nightly job does the same)."

    def handle(self, *args: object, **options: object) -> None:
        started = time.monotonic()
        result = compute_flags()
        if result.skipped:
            self.stdout.write(result.skipped)
            return
        for code, (raised, cleared, seconds) in result.per_indicator.items():
            self.stdout.write(f"{code}: {raised} raised, {cleared} cleared ({seconds} s)")
        self.stdout.write(
            f"{result.indicators} indicators: {result.raised} flags raised, {result.cleared} cleared "
            f"in {time.monotonic() - started:.1f} s."
        )
