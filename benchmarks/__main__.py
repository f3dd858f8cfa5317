"""python -m benchmarks [--quick] [--scale N] [--reps N] [--import-runs N] [--no-load]: builds or reuses the
bench city in `<DATABASE_URL's name>_bench`, runs every measure and writes the results."""

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
    "users": 50,
    "seconds": 60,
}
QUICK = {
    "young_people": 5_000,
    "reps": 15,
    "import_rows": 50_000,
    "import_runs": 1,
    "users": 50,
    "seconds": 20,
}

METHOD = """
Why goals are missed and what would close them: `docs/benchmark-findings.md`.

## Method

- Dataset: `seed_demo --scale N` (portal/demo/scale): people drawn in Python and COPYed;
  register marks (two sessions a school day, 39 school weeks), weekly counts, feed
  events with their SourceRecord, and a year of access-log entries generated inside
  PostgreSQL with secondary indexes and foreign keys dropped, rebuilt afterwards, then
  VACUUM (ANALYZE), as autovacuum would have. Access-log filler rows are not HMAC-signed
  (signature `bench-filler`); the entries the bench's own page views write are signed.
- Pages: Django test Client in-process, signed in as the demo head teacher (largest
  secondary school) and IG officer; p50/p95 over repeated runs after one warm-up; query
  count of one run (CaptureQueriesContext). Baseline: the raw SQL fetching the same rows.
- API (issue 15): DRF's test client with a token of the demo head teacher; the
  young-people list of the largest school (first and last page, and the query count at
  `page_size=200`, which must equal the count at 50) and the chronology of the young
  person with the most events, each next to the raw SQL for the same rows.
- Access-log overhead: the same young-person page with the log writer replaced by a no-op
  inside the bench only; ratio = logged p50 / unlogged p50.
- Import: a register file of existing pupils' marks (dated before the city's school year,
  so every row is new) through `import_feed_file`, next to a raw `COPY` of the same file
  into a scratch table; the imported rows are removed again (and the tables vacuumed) so
  the city stays reusable. A full run imports three times, each next to its own `COPY`,
  and reports the median of the three ratios.
  For context (not the goal's baseline), `copy_into_marks_rows_per_s` is a `COPY` of the
  same rows, already resolved to their pupils, straight into the marks table with its
  indexes, rolled back: what storing the rows costs the database alone.
  `floor_share_of_copy` is the least an importer that links rows inside PostgreSQL and
  keeps them can do, as a share of the same `COPY`: the file `COPY`ed into a temporary
  table, its UPNs matched to pupils, and one join writing each row with its pupil into
  a new, empty, unindexed table; nothing checked, counted or indexed (rolled back). A
  real importer does all of that and more, so it can only be slower than this floor.
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
    parser.add_argument("--no-load", action="store_true", help="skip the concurrent-users measure")
    parser.add_argument("--load-seconds", type=float, help="length of the concurrent-users phase")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--out", type=Path, default=ROOT, help="where bench-results.json and docs/ are written"
    )
    args = parser.parse_args(argv)
    plan = dict(QUICK if args.quick else FULL)
    for key, value in (("young_people", args.scale), ("reps", args.reps), ("import_rows", args.import_rows),
                       ("import_runs", args.import_runs), ("seconds", args.load_seconds)):  # fmt: skip
        if value is not None:
            plan[key] = value

    url = database.bench_url(os.environ.get("DATABASE_URL", database.DEFAULT_URL), quick=args.quick)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.demo"
    os.environ.setdefault("DEBUG", "False")
    print(f"Bench database: {url}", flush=True)
    database.prepare(url, young_people=plan["young_people"], seed=args.seed)
    return run(plan, args)


def run(plan: dict, args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.utils import timezone

    from benchmarks import api, casework, importing, pages, report, trigger_pages
    from portal.demo.scale.build import build_scale_city, existing_scale_city

    reused = existing_scale_city(young_people=plan["young_people"], seed=args.seed) is not None
    city = build_scale_city(
        young_people=plan["young_people"],
        seed=args.seed,
        as_of=timezone.localdate(),
        say=lambda s: print(s, flush=True),
    )
    print(f"City: {city.young_people:,} young people, built in {city.build_seconds} s", flush=True)
    measures = []
    steps = (
        pages.list_measures,
        pages.young_person_measures,
        pages.access_log_measures,
        trigger_pages.trigger_page_measures,
        casework.casework_measures,
        api.api_measures,
    )
    for step in steps:
        measures += step(city, reps=plan["reps"])
        print(f"  {measures[-1].key} done", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        measures.append(
            importing.import_measure(
                city, rows=plan["import_rows"], work_dir=Path(work), runs=plan["import_runs"]
            )
        )
        print("  import done", flush=True)
        mode = "quick" if args.quick else "full"
        report.write(
            report.results(city=city, mode=mode, reused=reused, measures=measures),
            root=args.out,
            notes=METHOD,
        )
        if not args.no_load:
            from benchmarks import load

            measures.append(
                load.load_measure(city, users=plan["users"], seconds=plan["seconds"], work_dir=Path(work))
            )
            print("  load done", flush=True)
    data = report.results(city=city, mode=mode, reused=reused, measures=measures)
    report.write(data, root=args.out, notes=METHOD)
    for m in measures:
        verdict = {True: "met", False: "MISSED", None: "-"}[m.met]
        print(
            f"{m.key:<22} p50 {m.p50_ms:>9} p95 {m.p95_ms:>9} q {m.queries!s:>4} "
            f"ratio {m.ratio!s:>6} {verdict}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
