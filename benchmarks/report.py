"""Writes the results: bench-results.json for comparing runs, docs/benchmarks.md for people."""

import json
import os
import platform
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection

from benchmarks.timing import Measure
from portal.demo.scale.build import ScaleCity


def python_speed_ms() -> float:
    """How long a fixed pure-Python workload takes here (best of five), in ms: the pages'
    time is mostly Python (templates, the access layer), and the hosts this bench runs on
    differ by up to twice in speed from one hour to the next, so a figure is read
    against the host it was taken on."""
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        sorted((i * 7919) % 100_003 for i in range(200_000))
        "".join(f"{i:05d}" for i in range(100_000))
        best = min(best, time.perf_counter() - started)
    return round(best * 1000, 1)


def machine() -> dict:
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("\n")[0].split()[1])
        memory = f"{kib / 2**20:.1f} GiB"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return {
        "cpus": os.cpu_count(),
        "memory": memory,
        "postgresql": postgres,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "python_speed_ms": python_speed_ms(),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip(),
    }


def results(*, city: ScaleCity, mode: str, reused: bool, measures: list[Measure]) -> dict:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    mach = machine()
    return {
        "date": now,
        "mode": mode,
        "machine": mach,
        "dataset": {
            "young_people": city.young_people,
            "seed": city.seed,
            "as_of": city.as_of.isoformat(),
            "reused": reused,
            "build_seconds": city.build_seconds,
            "database_gib": round(city.database_bytes / 2**30, 2),
            "rows": city.rows,
        },
        "measures": {m.key: {**m.as_dict(), "measured": f"{now} {mach['commit']}"} for m in measures},
    }


def _met(value: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "-"}[value]


def _baseline(m: dict) -> str:
    base = m["baseline"] or {}
    if "p50_ms" in base:
        return f"{base['what']}: p50 {base['p50_ms']} / p95 {base['p95_ms']} ms"
    if "rows_per_s" in base:
        return f"{base['what']}: {base['rows_per_s']:,} rows/s"
    return "-"


def markdown(data: dict, notes: str) -> str:
    d, mach = data["dataset"], data["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks`); the same figures are in `bench-results.json`.",
        "Goals come from the issues; they are checked here, never by timed assertions in tests.",
        "",
        f"- Date: {data['date']} ({data['mode']} run, commit {mach['commit']})",
        f"- Machine: {mach['cpus']} CPUs, {mach['memory']} memory, PostgreSQL {mach['postgresql']}, "
        f"Python {mach['python']}, {mach['platform']}; a fixed Python workload took "
        f"{mach.get('python_speed_ms', '-')} ms (`python_speed_ms`: lower is a faster host)",
        f"- Dataset: {d['young_people']:,} young people (seed {d['seed']}, as of {d['as_of']}); "
        f"{'reused from an earlier run; ' if d['reused'] else ''}built in {d['build_seconds']:.0f} s; "
        f"database {d['database_gib']} GiB",
        "",
        "| table | rows |",
        "|---|---:|",
        *(f"| {table} | {count:,} |" for table, count in d["rows"].items()),
        "",
        "| measure | p50 ms | p95 ms | runs | queries | baseline | ratio | goal | | measured |",
        "|---|---:|---:|---:|---:|---|---:|---|---|---|",
    ]
    for m in data["measures"].values():
        queries = "-" if m["queries"] is None else m["queries"]
        ratio = "-" if m["ratio"] is None else m["ratio"]
        lines.append(
            f"| {m['title']} | {m['p50_ms']} | {m['p95_ms']} | {m['runs']} | {queries} "
            f"| {_baseline(m)} | {ratio} | {m['goal']} | {_met(m['met'])} | {m.get('measured', '')} |"
        )
    lines += ["", "Details per measure:", ""]
    for m in data["measures"].values():
        if m["extra"]:
            lines.append(f"- `{m['key']}`: " + ", ".join(f"{k} {v}" for k, v in m["extra"].items()))
    lines += ["", notes.strip(), ""]
    return "\n".join(lines)


def merged(data: dict, previous: dict) -> dict:
    """A partial run (`--only`) keeps the last run's other measures when they were taken
    on the same city; each measure says when and at which commit it was taken."""
    same_city = all(
        previous.get("dataset", {}).get(k) == data["dataset"][k] for k in ("young_people", "seed")
    )
    if not same_city:
        return data
    kept = {
        key: {"measured": f"{previous['date']} {previous['machine']['commit']}", **m}
        for key, m in previous.get("measures", {}).items()
    }
    return {**data, "measures": {**kept, **data["measures"]}}


def write(data: dict, *, root: Path, notes: str, merge: bool = False) -> None:
    results_file = root / "bench-results.json"
    if merge and results_file.exists():
        data = merged(data, json.loads(results_file.read_text()))
    (root / "docs").mkdir(parents=True, exist_ok=True)
    results_file.write_text(json.dumps(data, indent=2) + "\n")
    (root / "docs" / "benchmarks.md").write_text(markdown(data, notes))
