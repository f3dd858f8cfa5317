"""Repeated timings with percentiles and the SQL query count of one run."""

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Measure:
    key: str
    title: str
    p50_ms: float
    p95_ms: float
    runs: int
    queries: int | None = None
    goal: str = ""
    met: bool | None = None
    baseline: dict | None = None
    ratio: float | None = None
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(share * 100) - 1]


def timed(fn: Callable[[], object], *, reps: int, warmup: int = 1) -> tuple[float, float, int]:
    """p50 and p95 in milliseconds over `reps` runs after `warmup`, and the query count of
    the last run."""
    for _ in range(warmup):
        fn()
    samples = []
    queries = 0
    for _ in range(reps):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return round(percentile(samples, 0.5), 2), round(percentile(samples, 0.95), 2), queries


def raw_sql(sql: str, params: list | None = None) -> Callable[[], object]:
    def run() -> object:
        with connection.cursor() as cursor:
            cursor.execute(sql, params or [])
            return cursor.fetchall()

    return run


def timed_pair(
    first: Callable[[], object], second: Callable[[], object], *, reps: int
) -> tuple[tuple[float, float, int], tuple[float, float, int]]:
    """Two variants timed alternately, so drift in the machine's load (other processes
    share its cores) falls on both alike; for ratios of a few percent."""
    first()
    second()
    samples: tuple[list[float], list[float]] = ([], [])
    queries = [0, 0]
    for _ in range(reps):
        for index, fn in enumerate((first, second)):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                fn()
                samples[index].append((time.perf_counter() - started) * 1000)
            queries[index] = len(captured)
    return tuple(  # type: ignore[return-value]
        (round(percentile(s, 0.5), 2), round(percentile(s, 0.95), 2), q)
        for s, q in zip(samples, queries, strict=True)
    )
