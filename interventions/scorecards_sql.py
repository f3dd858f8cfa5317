"""The scorecards' figures counted in the database: per group, one statement for the
referrals (counts per status, and the middle one or two durations for each median) and
one for the interventions (counts, and the outcome shares' counts and denominators). A
page reads a few dozen rows, whatever the number of referrals.

The SQL is the same on PostgreSQL and SQLite (the demo's database) but for the days
between two timestamps. Medians are not taken with percentile_cont, which is
PostgreSQL's only and interpolates as a + (b - a) / 2: on pairs of durations that
differs from statistics.median's (a + b) / 2 in the last bit about one time in eight,
and after rounding to a tenth of a day about twice in 100,000. Instead each group's one
or two middle values are found by rank and averaged in Python, so the figures are the
ones the counting in Python gave."""

from django.db import connection

from interventions.models import InterventionStatus, Measure, ReferralStatus

CITY = "city"
SCHOOL = "school"
PROGRAMME = "programme"
GROUPINGS = (CITY, SCHOOL, PROGRAMME)
CITY_LABEL = "Whole city"
NO_SCHOOL = "Referred by the taskforce"
SENT_STATUSES = tuple(s for s in ReferralStatus.values if s != ReferralStatus.DRAFT)

_SCHOOL_NAME = "COALESCE(NULLIF(s.name, ''), %(no_school)s)"
_REFERRAL_GROUPS = {
    CITY: ("%(city)s", ""),
    SCHOOL: (_SCHOOL_NAME, "LEFT JOIN schools_school s ON s.id = r.school_id"),
    PROGRAMME: (
        "p.name",
        # each programme the referral was allocated, once
        "JOIN (SELECT DISTINCT referral_id, programme_id FROM interventions_intervention) rp "
        "ON rp.referral_id = r.id JOIN interventions_programme p ON p.id = rp.programme_id",
    ),
}
_INTERVENTION_GROUPS = {
    CITY: ("%(city)s", ""),
    SCHOOL: (
        _SCHOOL_NAME,
        "JOIN interventions_referral r ON r.id = i.referral_id "
        "LEFT JOIN schools_school s ON s.id = r.school_id",
    ),
    PROGRAMME: ("p.name", "JOIN interventions_programme p ON p.id = i.programme_id"),
}
_MIDDLE = "2 * {rank} BETWEEN {count} AND {count} + 2"
"""True for the middle row of an odd count and the middle two of an even one, ranks
counted from 1 with the NULLs last (a group with no value has only NULLs there)."""


def _days(end: str, start: str) -> str:
    """The days from start to end as a float, computed as timedelta.total_seconds() /
    86400 computes it (exact microseconds, then two correctly rounded divisions), so
    medians match Python's to the last bit. On SQLite, Django's own
    django_timestamp_diff gives the microseconds."""
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM {end} - {start})::float8 / 86400"
    return f"django_timestamp_diff({end}, {start}) / 1000000.0 / 86400"


def _params() -> dict[str, object]:
    return {
        "city": CITY_LABEL,
        "no_school": NO_SCHOOL,
        "draft": ReferralStatus.DRAFT,
        "active": InterventionStatus.ACTIVE,
        "closed": InterventionStatus.CLOSED,
        "baseline": Measure.Point.BASELINE,
        "closure": Measure.Point.CLOSURE,
        **{f"status_{n}": status for n, status in enumerate(SENT_STATUSES)},
    }


def referral_figures(grouping: str) -> list[tuple]:
    """(group, count per sent status in SENT_STATUSES order..., lowest and highest middle
    days to decision, the same for days to allocation), one row per group with a sent
    referral. Days to allocation run to the referral's first intervention of any
    programme, also per programme."""
    key, joins = _REFERRAL_GROUPS[grouping]
    counts = ", ".join(f"COUNT(*) FILTER (WHERE status = %(status_{n})s)" for n in range(len(SENT_STATUSES)))
    middles = ", ".join(
        f"MIN({v}) FILTER (WHERE {m}), MAX({v}) FILTER (WHERE {m})"
        for v, m in (
            ("decision", _MIDDLE.format(rank="decision_rank", count="decisions")),
            ("allocation", _MIDDLE.format(rank="allocation_rank", count="allocations")),
        )
    )
    sql = f"""
        WITH referrals AS (
            SELECT {key} AS grp, r.status,
                {_days("r.decided_at", "r.sent_at")} AS decision,
                {_days("a.first_allocated_at", "r.sent_at")} AS allocation
            FROM interventions_referral r {joins}
            LEFT JOIN (
                SELECT referral_id, MIN(allocated_at) AS first_allocated_at
                FROM interventions_intervention GROUP BY referral_id
            ) a ON a.referral_id = r.id
            WHERE r.status <> %(draft)s
        ), ranked AS (
            SELECT grp, status, decision, allocation,
                COUNT(decision) OVER (PARTITION BY grp) AS decisions,
                ROW_NUMBER() OVER (PARTITION BY grp ORDER BY decision IS NULL, decision) AS decision_rank,
                COUNT(allocation) OVER (PARTITION BY grp) AS allocations,
                ROW_NUMBER() OVER (PARTITION BY grp ORDER BY allocation IS NULL, allocation)
                    AS allocation_rank
            FROM referrals
        )
        SELECT grp, {counts}, {middles} FROM ranked GROUP BY grp
    """  # nosec B608  # fragments chosen from this module's constants; values bound
    return _rows(sql)


def intervention_figures(grouping: str) -> list[tuple]:
    """(group, active, closed, attendance improved, of, no new police incident, of,
    specialist support, of), one row per group with an intervention. An outcome is a
    closed intervention's latest closure measure (by date, then id) beside its baseline;
    attendance counts only where both measured some sessions; specialist support counts
    for every closed intervention, as recorded at closure or measured in its outcome."""
    key, joins = _INTERVENTION_GROUPS[grouping]
    measured = "c.sessions_possible > 0 AND b.sessions_possible > 0"
    sql = f"""
        SELECT {key} AS grp,
            COUNT(*) FILTER (WHERE i.status = %(active)s),
            COUNT(*) FILTER (WHERE i.status <> %(active)s),
            COUNT(*) FILTER (WHERE {measured} AND CAST(c.sessions_attended AS bigint) * b.sessions_possible
                > CAST(b.sessions_attended AS bigint) * c.sessions_possible),
            COUNT(*) FILTER (WHERE {measured}),
            COUNT(*) FILTER (WHERE c.police_incidents_as_suspect = 0),
            COUNT(c.id),
            COUNT(*) FILTER (WHERE i.status <> %(active)s
                AND (i.specialist_support_received OR c.specialist_support > 0)),
            COUNT(*) FILTER (WHERE i.status <> %(active)s)
        FROM interventions_intervention i {joins}
        LEFT JOIN interventions_measure b ON b.intervention_id = i.id AND b.point = %(baseline)s
        LEFT JOIN interventions_measure c ON c.intervention_id = i.id AND c.point = %(closure)s
            AND i.status = %(closed)s AND b.id IS NOT NULL
            AND NOT EXISTS (
                SELECT 1 FROM interventions_measure later
                WHERE later.intervention_id = i.id AND later.point = %(closure)s
                    AND (later.measured_on > c.measured_on
                        OR (later.measured_on = c.measured_on AND later.id > c.id))
            )
        GROUP BY grp
    """  # nosec B608  # fragments chosen from this module's constants; values bound
    return _rows(sql)


def _rows(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, _params())
        return cursor.fetchall()
