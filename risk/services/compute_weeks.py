"""The attendance side of a computation: the school weeks an attendance rule looks at,
and the weekly counts of the people some rate rule could hold for, in the temporary
table `risk_weeks` (see compute_tables for the tables' lifetime)."""

from dataclasses import dataclass
from datetime import date, timedelta

from chronology.models import AttendanceMark, AttendanceWeek
from risk.rules.dialect import placeholders
from risk.services.compute_tables import analyse, execute, in_scope

MAX_WEEKS_BACK = 60


@dataclass(frozen=True)
class RateRule:
    """An attendance-rate rule's window and thresholds."""

    weeks: tuple[date, ...]
    min_possible: int
    max_percent: int


def fill_weeks(rules: list[RateRule], *, scoped: bool) -> None:
    """The weekly attendance counts, over the longest window, of the people (in scope)
    whom some attendance-rate rule's rate holds for, read once for all the rules: each
    rule read the city's weekly counts (millions of rows) again. Everyone's sums are
    taken in this one pass and only the few people under some rule's rate keep their
    weeks: the rules then group and join tens of thousands of rows instead of 600,000,
    and find the same people (a person's weeks are kept all or none). Who is young is
    asked afterwards, of these people only (see fill_young), and tested by the rules.
    A run for some people reads only their weeks, by the (person, week) index: it
    summed the whole city's before keeping theirs, so a correction to one pupil's
    register read 600,000 weekly counts.
    Unindexed: the rules read it whole, and an index built row by row in a temporary
    table's small buffers cost more than the read it would save."""
    execute(
        "CREATE TEMPORARY TABLE risk_weeks (person_id bigint NOT NULL, week date NOT NULL, "
        "attended integer NOT NULL, possible integer NOT NULL)"
    )
    weeks = max((rule.weeks for rule in rules), key=len, default=())
    if not weeks:
        return
    windows = sorted({rule.weeks for rule in rules if rule.weeks}, key=len)
    sums, sum_args = [], []
    for n, window in enumerate(windows):
        within = "" if window == weeks else f"w.week IN ({placeholders(window)})"
        for column in ("possible", "attended"):
            value = f"CASE WHEN {within} THEN w.{column} ELSE 0 END" if within else f"w.{column}"
            sums.append(f"SUM({value}) AS {column[0]}{n}")
            sum_args += window if within else []
    holds, hold_args = [], []
    for rule in (rule for rule in rules if rule.weeks):
        n = windows.index(rule.weeks)
        holds.append(f"(p{n} >= %s AND a{n} * 100 <= %s * p{n})")
        hold_args += [rule.min_possible, rule.max_percent]
    execute(
        f"""INSERT INTO risk_weeks (person_id, week, attended, possible)
        WITH w AS (
            SELECT aw.person_id, aw.week, aw.present + aw.attending AS attended,
                   aw.present + aw.attending + aw.authorised + aw.unauthorised AS possible
            FROM {AttendanceWeek._meta.db_table} aw
            WHERE aw.week IN ({placeholders(weeks)}){in_scope(scoped, "aw")}
        ), s AS (SELECT w.person_id, {", ".join(sums)} FROM w GROUP BY w.person_id),
        q AS (SELECT c.person_id FROM s c WHERE ({" OR ".join(holds)}))
        SELECT person_id, week, attended, possible FROM w WHERE person_id IN (SELECT person_id FROM q)""",  # nosec B608  # table names from code; values bound
        [*weeks, *sum_args, *hold_args],
    )
    analyse("risk_weeks")


def school_weeks(today: date, wanted: int) -> list[date]:
    """The Mondays, most recent first, of the last `wanted` weeks in which any register
    mark was taken: holidays are not school weeks. One probe of the marks' (date,
    person) index per week looked at."""
    weeks: list[date] = []
    monday = today - timedelta(days=today.weekday())
    for _ in range(MAX_WEEKS_BACK):
        if len(weeks) >= wanted:
            break
        if AttendanceMark.objects.filter(
            date__gte=monday, date__lte=min(today, monday + timedelta(days=6))
        ).exists():
            weeks.append(monday)
        monday -= timedelta(days=7)
    return weeks
