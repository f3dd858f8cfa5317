from argparse import ArgumentParser
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from portal.demo.city import CityConfig
from portal.demo.guard import refuse_outside_demo
from portal.demo.quiet import quiet
from portal.demo.scale.build import build_scale_city
from portal.demo.seed import seed_demo_city, write_demo_files
from schools.models import School


class Command(BaseCommand):
    help = (
        "Builds the synthetic demo city: writes every feed as a FEEDS.md file and imports it "
        "through the importer, then creates one demo user per role (demo and test settings only)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seed", type=int, default=2026, help="same seed, same city (default 2026)")
        parser.add_argument("--pupils", type=int, default=3000, help="pupils on roll (default 3000)")
        parser.add_argument(
            "--schools", type=int, default=12, help="schools, a quarter secondary (default 12)"
        )
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=None,
            help="the city's 'today', YYYY-MM-DD (default today)",
        )
        parser.add_argument(
            "--attendance-weeks", type=int, default=12, help="school weeks of register marks (default 12)"
        )
        parser.add_argument("--if-empty", action="store_true", help="do nothing if any school exists")
        parser.add_argument(
            "--out", type=Path, default=None, help="where to write the feed files (default var/demo-feeds)"
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=None,
            metavar="N",
            help="bulk-load a city of N young people for benchmarks (PostgreSQL, empty database)",
        )
        parser.add_argument(
            "--files-only", action="store_true", help="write the feed files and import nothing (sample files)"
        )

    def handle(self, *args: object, **options: object) -> None:
        refuse_outside_demo("seed_demo")
        if options["if_empty"] and School.objects.exists():
            self.stdout.write("The database already has schools: seed_demo --if-empty leaves it as it is.")
            return
        try:
            config = CityConfig(
                seed=options["seed"],
                as_of=options["as_of"] or timezone.localdate(),
                pupils=options["pupils"],
                schools=options["schools"],
                attendance_weeks=options["attendance_weeks"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["scale"] is not None:
            self._scale(options)
            return
        out_dir = options["out"] or Path(settings.BASE_DIR) / "var" / "demo-feeds"
        if options["files_only"]:
            _, files = write_demo_files(config=config, out_dir=out_dir)
            for file in files:
                self.stdout.write(f"{file.path.stem:<24} {file.rows:>9} rows  {file.path}")
            return
        with quiet("axes", "celery.app.trace"):
            report = seed_demo_city(config=config, out_dir=out_dir)
        self.stdout.write(f"Demo city (seed {config.seed}, as of {config.as_of}) written to {out_dir}")
        self.stdout.write(f"{'file':<24} {'rows':>9}  {'status':<10} imported unchanged  queued rejected")
        for item in report.imports:
            run = item.run
            self.stdout.write(
                f"{item.file.path.stem:<24} {item.file.rows:>9}  {run.status:<10} {run.rows_imported:>8} "
                f"{run.rows_unchanged:>9} {run.rows_queued:>7} {run.rows_rejected:>8}"
            )
        self.stdout.write("Deliberately imperfect rows, for the review queue and rejected-rows report:")
        for imperfection in report.imperfections:
            self.stdout.write(
                f"  {imperfection.feed} {imperfection.source_record_id}: {imperfection.problem}"
            )
        self.stdout.write("Data stewardship (Feed health, Retention):")
        for note in report.stewardship.notes:
            self.stdout.write(f"  {note}")
        work = report.casework
        self.stdout.write(
            f"Casework: {work.referrals} referrals in every state, {work.interventions} interventions, "
            f"{work.sessions} sessions"
        )
        self.stdout.write(
            f"Access log: {report.record_views.entries} entries from a morning's use "
            f"({report.record_views.morning:%a %d %b}), with a break-glass view and a refused "
            "attempt for IG to review"
        )
        past = report.past_anomalies
        self.stdout.write(
            f"Earlier in the month: the DSL's evening of {past.people_in_the_hour} people's records "
            f"({past.evening:%a %d %b}), the taskforce officer on call ({past.on_call:%a %d %b}, "
            f"reviewed by IG) and {past.locked_out} locked out after mistyped passwords"
        )
        self.stdout.write(
            f"Demo users: {len(report.sign_ins)}, one per role; `python manage.py demo_sign_ins` "
            "lists their sign-ins (make demo prints them next)."
        )

    def _scale(self, options: dict) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "seed_demo --scale needs PostgreSQL: it bulk-loads with COPY and server-side SQL."
            )
        if options["scale"] < 2:
            raise CommandError("seed_demo --scale needs at least 2 young people.")
        try:
            city = build_scale_city(
                young_people=options["scale"],
                seed=options["seed"],
                as_of=options["as_of"] or timezone.localdate(),
                say=self.stdout.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Scale city of {city.young_people} young people: built in {city.build_seconds} s, "
            f"{city.database_bytes / 2**30:.2f} GiB"
        )
        for table, count in city.rows.items():
            self.stdout.write(f"  {table:<28} {count:>12,}")
