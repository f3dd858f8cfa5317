"""`make bench BENCH_ARGS=--only ...` re-measures some groups on the same city and keeps
the rest of the last run, each measure saying when and at which commit it was taken."""

from benchmarks.report import merged


def _run(date: str, commit: str, young_people: int, measures: dict) -> dict:
    return {
        "date": date,
        "machine": {"commit": commit},
        "dataset": {"young_people": young_people, "seed": 2026},
        "measures": {
            key: {"key": key, "p95_ms": p95, "measured": f"{date} {commit}"} for key, p95 in measures.items()
        },
    }


def test_a_partial_run_replaces_its_measures_and_keeps_the_others():
    last = _run("2026-12-01", "aaa", 100_000, {"list_first": 30, "api_list_first": 80})
    partial = _run("2026-12-04", "bbb", 100_000, {"api_list_first": 40})

    result = merged(partial, last)

    assert result["measures"]["api_list_first"] == partial["measures"]["api_list_first"]
    assert result["measures"]["list_first"]["measured"] == "2026-12-01 aaa"
    assert result["measures"]["list_first"]["p95_ms"] == 30


def test_measures_of_another_city_are_not_kept():
    last = _run("2026-12-01", "aaa", 5_000, {"list_first": 30})
    partial = _run("2026-12-04", "bbb", 100_000, {"api_list_first": 40})

    assert set(merged(partial, last)["measures"]) == {"api_list_first"}
