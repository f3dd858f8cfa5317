"""The scorecards' figures counted in the database. Each grouping's figures are rows of
(group, figures...): for referrals the counts per sent status and, for each median, the
group's lower and higher middle duration (the same one for an odd count); for
interventions the counts and the outcome shares' counts and denominators. A page reads
a row per group, whatever the number of referrals.

Medians are the middle durations themselves, turned into days and averaged in Python as
statistics.median did when every duration was read, so the figures are exactly the ones
the counting in Python gave. percentile_cont is not used: it interpolates as
a + (b - a) / 2, which differs from (a + b) / 2 in the last bit about one time in eight
and, after rounding to a tenth of a day, about twice in 100,000 pairs.

Two forms of the same SQL. On PostgreSQL, one statement reads the referrals for the
city and per school together (GROUPING SETS), one the referrals per programme (a
referral counts under each programme it was allocated), and one the interventions for
every grouping; medians by percentile_disc, which returns a middle value itself
(ascending: the lower middle; descending: the higher). portable_figures, for SQLite (the
demo's database), has neither: two statements per grouping, with the middle values
found by rank (window functions). tests/interventions/test_scorecard_figures.py checks
that both forms agree."""

from collections.abc import Iterable

from django.db import connection

from interventions.models import InterventionStatus, Measure, ReferralStatus

CITY = "city"
SCHOOL = "school"
PROGRAMME = "programme"
GROUPINGS = (CITY, SCHOOL, PROGRAMME)
CITY_LABEL = "Whole city"
NO_SCHOOL = "Referred by the taskforce"
SENT_STATUSES = tuple(s for s in ReferralStatus.values if s != ReferralStatus.DRAFT)

Figures = dict[str, tuple[list[tuple], list[tuple]]]
"""Per grouping: its referral rows and its intervention rows."""

_SCHOOL_NAME = "COALESCE(NULLIF(s.name, ''), %(no_school)s)"
_SCHOOL_JOIN = "LEFT JOIN schools_school s ON s.id = r.school_id"
_PROGRAMMES_JOIN = (  # each programme the referral was allocated, once
    "JOIN (SELECT DISTINCT referral_id, programme_id FROM interventions_intervention) rp "
    "ON rp.referral_id = r.id JOIN interventions_programme p ON p.id = rp.programme_id"
)
_STATUS_COUNTS = ", ".join(
    f"COUNT(*) FILTER (WHERE status = %(status_{n})s)" for n in range(len(SENT_STATUSES))
)
_MEASURED = "possible > 0 AND before_possible > 0"
_INTERVENTION_COUNTS = f"""
    COUNT(*) FILTER (WHERE status = %(active)s),
    COUNT(*) FILTER (WHERE status <> %(active)s),
    COUNT(*) FILTER (WHERE {_MEASURED}
        AND CAST(attended AS bigint) * before_possible > CAST(before_attended AS bigint) * possible),
    COUNT(*) FILTER (WHERE {_MEASURED}),
    COUNT(*) FILTER (WHERE police = 0),
    COUNT(outcome),
    COUNT(*) FILTER (WHERE outcome IS NOT NULL AND (support_received OR specialist > 0)),
    COUNT(outcome)"""
"""active, closed, attendance improved and of, no new police incident and of, specialist
support and of. An outcome is a closed intervention's latest closure measure beside its
baseline (one closure a day: one_measure_per_point_and_day), unless it was taken too
soon (before a whole school week since the start had passed): an intervention without
one counts in no share, neither way. Attendance counts only where both measured some
sessions; specialist support as recorded at closure or measured in the outcome."""
_INTERVENTIONS = f"""
    SELECT {_SCHOOL_NAME} AS school, p.name AS programme, i.status,
        i.specialist_support_received AS support_received,
        b.sessions_attended AS before_attended, b.sessions_possible AS before_possible,
        c.id AS outcome, c.sessions_attended AS attended, c.sessions_possible AS possible,
        c.police_incidents_as_suspect AS police, c.specialist_support AS specialist
    FROM interventions_intervention i
    JOIN interventions_referral r ON r.id = i.referral_id {_SCHOOL_JOIN}
    JOIN interventions_programme p ON p.id = i.programme_id
    LEFT JOIN interventions_measure b ON b.intervention_id = i.id AND b.point = %(baseline)s
    LEFT JOIN (
        SELECT intervention_id, MAX(measured_on) AS measured_on
        FROM interventions_measure WHERE point = %(closure)s AND NOT too_soon GROUP BY intervention_id
    ) latest ON latest.intervention_id = i.id AND i.status = %(closed)s AND b.id IS NOT NULL
    LEFT JOIN interventions_measure c ON c.intervention_id = latest.intervention_id
        AND c.point = %(closure)s AND c.measured_on = latest.measured_on"""  # nosec B608  # fragments from this module; values bound


def _duration(end: str, start: str) -> str:
    """The time from start to end as Django writes it: an interval on PostgreSQL,
    microseconds (Django's django_timestamp_diff) on SQLite. Only a group's middle
    values are turned into days, in Python."""
    sql, _ = connection.ops.subtract_temporals("DateTimeField", (end, ()), (start, ()))
    return sql


def _referrals(key: str, joins: str) -> str:
    """Sent referrals as (grp, status, decision, allocation); time to allocation runs to
    the referral's first intervention of any programme, also per programme."""
    return f"""
        SELECT {key} AS grp, r.status,
            {_duration("r.decided_at", "r.sent_at")} AS decision,
            {_duration("a.first_allocated_at", "r.sent_at")} AS allocation
        FROM interventions_referral r {joins}
        LEFT JOIN (
            SELECT referral_id, MIN(allocated_at) AS first_allocated_at
            FROM interventions_intervention GROUP BY referral_id
        ) a ON a.referral_id = r.id
        WHERE r.status <> %(draft)s"""  # nosec B608  # fragments from this module; values bound


def figures(groupings: Iterable[str]) -> Figures:
    if connection.vendor == "postgresql":
        return postgresql_figures(groupings)
    return portable_figures(groupings)


def postgresql_figures(groupings: Iterable[str]) -> Figures:
    """Three statements at most, whatever the groupings asked. Each GROUPING SETS
    statement gives every grouping its rows can (the others cost one more hash table
    over the same rows); GROUPING() says which grouping a row belongs to."""
    wanted = set(groupings)
    found: Figures = {g: ([], []) for g in GROUPINGS}
    medians = ", ".join(
        f"percentile_disc(0.5) WITHIN GROUP (ORDER BY {v}), "
        f"percentile_disc(0.5) WITHIN GROUP (ORDER BY {v} DESC)"
        for v in ("decision", "allocation")
    )
    if wanted & {CITY, SCHOOL}:
        for total, grp, *row in _rows(f"""
            SELECT GROUPING(grp), grp, {_STATUS_COUNTS}, {medians}
            FROM ({_referrals(_SCHOOL_NAME, _SCHOOL_JOIN)}) referrals
            GROUP BY GROUPING SETS ((grp), ()) HAVING COUNT(*) > 0
        """):  # nosec B608  # fragments from this module; values bound
            found[CITY if total else SCHOOL][0].append((CITY_LABEL if total else grp, *row))
    if PROGRAMME in wanted:
        found[PROGRAMME][0].extend(
            _rows(f"""
                SELECT grp, {_STATUS_COUNTS}, {medians}
                FROM ({_referrals("p.name", _PROGRAMMES_JOIN)}) referrals GROUP BY grp
            """)  # nosec B608  # fragments from this module; values bound
        )
    for totals, school, programme, *row in _rows(f"""
        SELECT GROUPING(school, programme), school, programme, {_INTERVENTION_COUNTS}
        FROM ({_INTERVENTIONS}) interventions
        GROUP BY GROUPING SETS ((school), (programme), ()) HAVING COUNT(*) > 0
    """):  # nosec B608  # fragments from this module; values bound
        # GROUPING(school, programme) sets a bit for each column totalled over
        grouping, label = {1: (SCHOOL, school), 2: (PROGRAMME, programme), 3: (CITY, CITY_LABEL)}[totals]
        found[grouping][1].append((label, *row))
    return {g: found[g] for g in wanted}


_PORTABLE_KEYS = {
    CITY: ("%(city)s", ""),
    SCHOOL: (_SCHOOL_NAME, _SCHOOL_JOIN),
    PROGRAMME: ("p.name", _PROGRAMMES_JOIN),
}
_MIDDLE = "2 * {rank} BETWEEN {count} AND {count} + 2"
"""True for the middle row of an odd count and the middle two of an even one, ranks
counted from 1 with the NULLs last (a group with no value has only NULLs there)."""


def portable_figures(groupings: Iterable[str]) -> Figures:
    """The same figures in SQL SQLite also runs (window functions, FILTER)."""
    middles = ", ".join(
        f"MIN({v}) FILTER (WHERE {m}), MAX({v}) FILTER (WHERE {m})"
        for v, m in (
            ("decision", _MIDDLE.format(rank="decision_rank", count="decisions")),
            ("allocation", _MIDDLE.format(rank="allocation_rank", count="allocations")),
        )
    )
    result = {}
    for grouping in set(groupings):
        key, joins = _PORTABLE_KEYS[grouping]
        referrals = _rows(f"""
            SELECT grp, {_STATUS_COUNTS}, {middles} FROM (
                SELECT grp, status, decision, allocation,
                    COUNT(decision) OVER (PARTITION BY grp) AS decisions,
                    ROW_NUMBER() OVER (PARTITION BY grp ORDER BY decision IS NULL, decision)
                        AS decision_rank,
                    COUNT(allocation) OVER (PARTITION BY grp) AS allocations,
                    ROW_NUMBER() OVER (PARTITION BY grp ORDER BY allocation IS NULL, allocation)
                        AS allocation_rank
                FROM ({_referrals(key, joins)}) referrals
            ) ranked GROUP BY grp
        """)  # nosec B608  # fragments from this module; values bound
        column = {CITY: "%(city)s", SCHOOL: "school", PROGRAMME: "programme"}[grouping]
        interventions = _rows(f"""
            SELECT {column} AS grp, {_INTERVENTION_COUNTS}
            FROM ({_INTERVENTIONS}) interventions GROUP BY grp
        """)  # nosec B608  # fragments from this module; values bound
        result[grouping] = (referrals, interventions)
    return result


def _rows(sql: str) -> list[tuple]:
    params = {
        "city": CITY_LABEL,
        "no_school": NO_SCHOOL,
        "draft": ReferralStatus.DRAFT,
        "active": InterventionStatus.ACTIVE,
        "closed": InterventionStatus.CLOSED,
        "baseline": Measure.Point.BASELINE,
        "closure": Measure.Point.CLOSURE,
        **{f"status_{n}": status for n, status in enumerate(SENT_STATUSES)},
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
