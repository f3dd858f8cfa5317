"""python -m benchmarks [--quick] [--scale N] [--reps N] [--import-runs N] [--no-load] [--only G,G]:
builds or reuses the bench city in `<DATABASE_URL's name>_bench`, runs every measure (or the groups
named) and writes the results."""

import argparse
import os
import sys
import tempfile
from pathlib import Path

from benchmarks import database

ROOT = Path(__file__).resolve().parent.parent
FULL = {
    "young_people": 100_000,
    "reps": 30,
    "import_rows": 1_000_000,
    "import_runs": 3,
    "retention_marks": 1_000_000,
    "users": 50,
    "seconds": 60,
}
QUICK = {
    "young_people": 5_000,
    "reps": 15,
    "import_rows": 50_000,
    "import_runs": 1,
    "retention_marks": 100_000,
    "users": 50,
    "seconds": 20,
}

GROUPS = (
    "flags",
    "pages",
    "trigger_pages",
    "casework",
    "chronology",
    "api",
    "import",
    "flags_incremental",
    "feed_health",
    "retention",
    "load",
)

METHOD = """
Why goals are missed and what would close them: `docs/benchmark-findings.md`.

## Method

- Partial runs: `make bench BENCH_ARGS="--only api,chronology"` re-measures the groups
  named on the same city and keeps the last run's other measures; the `measured` column
  says when and at which commit each figure was taken.

- Dataset: `seed_demo --scale N` (portal/demo/scale): people drawn in Python and COPYed;
  register marks (two sessions a school day, 39 school weeks), weekly counts, feed
  events with their SourceRecord, and a year of access-log entries generated inside
  PostgreSQL with secondary indexes and foreign keys dropped, rebuilt afterwards, then
  VACUUM (ANALYZE), as autovacuum would have. Each school year's attendance band is then
  announced once through the importer's own judgement, so the latest threshold events
  say what imports week by week would have left them saying (version 4 of the city;
  without them every bench import announced a quarter of the pupils). Access-log filler
  rows are not HMAC-signed
  (signature `bench-filler`); the entries the bench's own page views write are signed.
- Pages: Django test Client in-process, signed in as the demo head teacher (largest
  secondary school) and IG officer; p50/p95 over repeated runs after one warm-up; query
  count of one run (CaptureQueriesContext). Baseline: the raw SQL fetching the same rows.
- IG's anomalies page (`anomalies_30_days`, goal p95 <= 500 ms): the city's last 30
  days, every kind. The page reads its two patterns from the access log's hourly summary,
  so the bench first builds it as an install would, with `summarise_access_anomalies`
  over the city's month (its time is `summary_build_seconds`); baseline: reading those
  summary rows. IG's home page (`home_ig`) counts every kind over the same default
  period, the patterns from the same summary, so it is measured after the summary is
  built; figures for it taken before it counted the patterns are not comparable.
- Trigger points (issue 16): the largest school's dashboard and flagged list as its head
  teacher sees them; and the taskforce's city-wide overview and flagged list (ten runs
  each, no goal set: watched because a plan gone wrong there once took minutes). Each
  next to the raw SQL for the same rows. On a city with no flags yet (just built, and
  measured with `--only trigger_pages`), the default trigger points are raised first.
- Recompute (issue 16): every default trigger point for the whole city, cold (every
  flag raised anew) and steady (the next night's run); the incremental run after a
  day's register for every pupil, on a weekday of the autumn half-term that then opens
  a school week (so, as each Monday's first register does, every attendance window
  moves and every pupil is decided again), timed with its deferred checks and rolled
  back, next to the import's own time (ratio = recompute / import, goal <= 0.10); and
  the run after a correction to one pupil's register this week (`flags_one_pupil`, ten
  runs, no goal), which must stay a run for one pupil. Measured alone on a city with no
  flags yet (`--only flags_incremental`), the default trigger points are raised first.
- Chronology (issue 20): the demo DSL opens the chronology of the young person with the
  most events including family: the first page, a page filtered to their busiest
  category in its busiest year, and the CSV of every entry. Baselines: the raw SQL for
  the same event rows (the page's 50, or all of them for the CSV), own, household and
  relatives' events alike.
- API (issue 15): DRF's test client with a token of the demo head teacher; the
  young-people list of the largest school (first and last page, and the query count at
  `page_size=200`, which must equal the count at 50) and the chronology of the young
  person with the most events, each next to the raw SQL for the same rows.
- Access-log overhead: the same young-person page with the log writer replaced by a no-op
  inside the bench only; ratio = logged p50 / unlogged p50.
- Import (goal restated by issue 18): a register file of existing pupils' marks (dated
  before the city's school year, so every row is new) through `import_feed_file`, next
  to a `COPY` of the same rows, already resolved to their pupils (in Python, untimed),
  in the file's order straight into the marks table with its indexes, rolled back:
  what storing the rows costs the database alone. Ratio = that `COPY`'s time / the
  import's time (goal >= 0.5: the import takes at most twice as long as storing its
  rows). The imported rows are removed again and the marks table vacuumed after each
  import and each rolled-back `COPY`, so each starts from the same table and the city
  stays reusable. A full run imports three times, each next to its own `COPY`, and
  reports the median of the three ratios. For context, `file_copy_rows_per_s` and
  `share_of_file_copy` compare with a raw `COPY` of the file into a scratch table (the
  goal's baseline before issue 18).
- Feed health (issue 18): the city is given a year of import runs once (kept with it,
  marked by their checksum `bench-year-of-runs`): every feed at its cadence, rows per run
  from the city (a whole extract for the census, the register and households; the year's
  events spread over the runs otherwise), with rejects, rows linked with certainty and
  rows queued for review drawn around each feed's usual shares, and the review queue
  those queued rows made (most decided within days, the latest still waiting). Timed as
  the demo data officer: `/feed-health/`, the page of the feed with the most reviews
  (charts of 90 days), and the home page, which shows the same problems. Baseline: the
  raw SQL for the same figures in one statement.
- Retention (issue 18): a million register marks (two sessions a day for every pupil
  on roll, as many school days as that takes) and their weekly counts are added inside
  PostgreSQL, dated before the attendance feed's retention period, and vacuumed as
  autovacuum would; a dry run checks that nothing else in the city is due. The run is
  timed while a second thread, on its own connection, reads the outlier's young-person
  page and the feed health page in turn; the same reads just before the run are the
  baseline (ratio = the worse page's p95 during / before). A third connection samples
  `pg_stat_activity` every 50 ms: any backend waiting for a lock the run's connection
  holds, lock waits of the reader, and the age of the run's open transaction (its
  longest is reported). The run removes exactly what was added; its reports are deleted
  and the tables vacuumed, so the city is as it was.
- Load: gunicorn (gthread, 2 workers x 8 threads) on 127.0.0.1 and a threaded closed-loop
  generator (keep-alive, 0.2-1 s think time) on the same 2 cores; the single-user p95 is
  measured in the same run just before the crowd.
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument(
        "--quick", action="store_true", help=f"a city of {QUICK['young_people']:,} young people"
    )
    parser.add_argument("--scale", type=int, help="young people in the city (overrides --quick's size)")
    parser.add_argument("--reps", type=int, help="timed runs per page measure")
    parser.add_argument("--import-rows", type=int, help="attendance marks in the import measure")
    parser.add_argument("--import-runs", type=int, help="imports in the import measure (median reported)")
    parser.add_argument("--retention-marks", type=int, help="expired marks the retention measure removes")
    parser.add_argument("--no-load", action="store_true", help="skip the concurrent-users measure")
    parser.add_argument("--load-seconds", type=float, help="length of the concurrent-users phase")
    parser.add_argument(
        "--only",
        type=lambda text: set(text.split(",")),
        help=f"comma-separated measure groups ({', '.join(GROUPS)}); their results replace the "
        "same measures of the last run of the same city, the others are kept",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--out", type=Path, default=ROOT, help="where bench-results.json and docs/ are written"
    )
    args = parser.parse_args(argv)
    if args.only and args.only - set(GROUPS):
        parser.error(f"unknown measure groups: {', '.join(sorted(args.only - set(GROUPS)))}")
    plan = dict(QUICK if args.quick else FULL)
    for key, value in (("young_people", args.scale), ("reps", args.reps), ("import_rows", args.import_rows),
                       ("import_runs", args.import_runs), ("retention_marks", args.retention_marks),
                       ("seconds", args.load_seconds)):  # fmt: skip
        if value is not None:
            plan[key] = value

    url = database.bench_url(os.environ.get("DATABASE_URL", database.DEFAULT_URL), quick=args.quick)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.demo"
    os.environ.setdefault("DEBUG", "False")
    print(f"Bench database: {url}", flush=True)
    database.prepare(url, young_people=plan["young_people"], seed=args.seed)
    return run(plan, args)


def _groups(plan: dict, work: Path) -> dict:
    """Every measure, by the name `--only` selects it with, in the order a full run takes
    them: the trigger-point pages read the flags the full recompute raised, and the
    load test comes last because it is the longest."""
    from benchmarks import (
        api,
        casework,
        chronology,
        flags,
        importing,
        pages,
        retention,
        stewardship,
        trigger_pages,
    )

    reps = plan["reps"]
    groups = {
        "flags": lambda city: [flags.full_measure(city)],
        "pages": lambda city: [
            *pages.list_measures(city, reps=reps),
            *pages.young_person_measures(city, reps=reps),
            *pages.access_log_measures(city, reps=reps),
        ],
        "trigger_pages": lambda city: trigger_pages.trigger_page_measures(city, reps=reps),
        "casework": lambda city: casework.casework_measures(city, reps=reps),
        "chronology": lambda city: chronology.chronology_measures(city, reps=reps),
        "api": lambda city: api.api_measures(city, reps=reps),
        "import": lambda city: [
            importing.import_measure(city, rows=plan["import_rows"], work_dir=work, runs=plan["import_runs"])
        ],
        "flags_incremental": lambda city: [
            flags.incremental_measure(city, work_dir=work),
            flags.one_pupil_measure(city, reps=min(reps, 10)),
        ],
        "feed_health": lambda city: stewardship.feed_health_measures(city, reps=reps),
        "retention": lambda city: [
            retention.retention_measure(city, marks=plan["retention_marks"], reps=reps)
        ],
        "load": lambda city: _load(city, plan, work),
    }
    assert tuple(groups) == GROUPS
    return groups


def _load(city, plan: dict, work: Path) -> list:
    if plan["no_load"]:
        return []
    from benchmarks import load

    return [load.load_measure(city, users=plan["users"], seconds=plan["seconds"], work_dir=work)]


def run(plan: dict, args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.utils import timezone

    from benchmarks import report
    from portal.demo.scale.build import build_scale_city, existing_scale_city

    reused = existing_scale_city(young_people=plan["young_people"], seed=args.seed) is not None
    city = build_scale_city(
        young_people=plan["young_people"],
        seed=args.seed,
        as_of=timezone.localdate(),
        say=lambda s: print(s, flush=True),
    )
    print(f"City: {city.young_people:,} young people, built in {city.build_seconds} s", flush=True)
    mode = "quick" if args.quick else "full"
    measures = []
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        groups = _groups({**plan, "no_load": args.no_load}, Path(work))
        for name, measure in groups.items():
            if args.only and name not in args.only:
                continue
            measures += measure(city)
            print(f"  {name} done", flush=True)
            data = report.results(city=city, mode=mode, reused=reused, measures=measures)
            report.write(data, root=args.out, notes=METHOD, merge=bool(args.only))
    for m in measures:
        verdict = {True: "met", False: "MISSED", None: "-"}[m.met]
        print(
            f"{m.key:<22} p50 {m.p50_ms:>9} p95 {m.p95_ms:>9} q {m.queries!s:>4} "
            f"ratio {m.ratio!s:>6} {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
