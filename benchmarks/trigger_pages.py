"""Trigger-point pages at city scale (issue 16): the school dashboard and the flagged
list for the largest school, as its head teacher sees them, each next to the raw SQL
for the same rows. The goal is p95 <= 100 ms."""

from django.db import connection

from benchmarks.flags import raise_flags_if_none
from benchmarks.pages import _get, _page_measure, client_for
from benchmarks.timing import Measure, raw_sql
from portal.demo.scale.build import ScaleCity

_CURRENT = "f.cleared_at IS NULL AND f.dismissed_at IS NULL AND f.review <> 'pending'"

_LIST_SQL = f"""
    SELECT p.id, p.surname, p.forename, p.upn, e.year_group,
           sum(CASE WHEN f.stronger THEN 2 * v.weight ELSE v.weight END) AS weight
    FROM risk_flag f
    JOIN schools_enrolment e ON e.person_id = f.person_id AND e.leaving_date IS NULL
    JOIN schools_person p ON p.id = f.person_id
    JOIN risk_indicatorversion v ON v.id = f.version_id
    WHERE e.school_id = %s AND {_CURRENT} {{where}}
    GROUP BY p.id, e.year_group ORDER BY {{order}} LIMIT 50
"""  # noqa: S608 (no input: the constant above)

_DASHBOARD_SQL = f"""
    SELECT f.indicator_id, count(DISTINCT f.person_id)
    FROM risk_flag f JOIN schools_enrolment e ON e.person_id = f.person_id AND e.leaving_date IS NULL
    WHERE e.school_id = %s AND {_CURRENT}
    GROUP BY f.indicator_id
"""  # noqa: S608 (no input: the constant above)


_CITY_LIST_SQL = f"""
    SELECT p.id, p.surname, p.forename, count(*) OVER () AS total,
           sum(CASE WHEN f.stronger THEN 2 * v.weight ELSE v.weight END) AS weight
    FROM risk_flag f
    JOIN schools_person p ON p.id = f.person_id
    JOIN risk_indicatorversion v ON v.id = f.version_id
    WHERE {_CURRENT}
    GROUP BY p.id ORDER BY p.surname, p.forename, p.id LIMIT 50
"""  # noqa: S608 (no input: the constant above)

_CITY_SQL = f"""
    SELECT e.school_id, count(DISTINCT f.person_id)
    FROM risk_flag f LEFT JOIN schools_enrolment e ON e.person_id = f.person_id AND e.leaving_date IS NULL
    WHERE {_CURRENT}
    GROUP BY e.school_id
"""  # noqa: S608 (no input: the constant above)

CITY_REPS = 10
"""The city-wide pages take about a second: ten runs tell a regression from noise."""


def _flagged_pupils(school_id: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(DISTINCT f.person_id) FROM risk_flag f JOIN schools_enrolment e "
            f"ON e.person_id = f.person_id AND e.leaving_date IS NULL WHERE e.school_id = %s AND {_CURRENT}",  # noqa: S608
            [school_id],
        )
        return cursor.fetchone()[0]


def trigger_page_measures(city: ScaleCity, *, reps: int) -> list[Measure]:
    raise_flags_if_none(city)
    head = client_for("head.teacher")
    school = city.largest_school_id
    flagged = _flagged_pupils(school)
    if not flagged:
        raise SystemExit("The largest school has no flagged pupils: its pages would measure an empty list.")
    name_order = "p.surname, p.forename, p.id"
    measures = [
        _page_measure(
            "tp_dashboard",
            f"School dashboard, largest school ({flagged} flagged pupils)",
            _get(head, "/trigger-points/school/"),
            raw_sql(_DASHBOARD_SQL, [school]),
            reps=reps,
        ),
        _page_measure(
            "tp_list_first",
            "Flagged-pupils list, largest school, first page",
            _get(head, "/trigger-points/pupils/"),
            raw_sql(_LIST_SQL.format(where="", order=name_order), [school]),
            reps=reps,
        ),
        _page_measure(
            "tp_list_tier",
            "Flagged-pupils list, largest school, sorted by tier, Year 9 only",
            _get(head, "/trigger-points/pupils/?sort=tier&year_group=9"),
            raw_sql(
                _LIST_SQL.format(where="AND e.year_group = '9'", order=f"weight DESC, {name_order}"), [school]
            ),
            reps=reps,
        ),
    ]
    measures[0].extra = {"flagged_pupils": flagged}
    return measures + _city_measures(reps=min(reps, CITY_REPS))


def _city_measures(*, reps: int) -> list[Measure]:
    """The taskforce's city-wide pages. No issue sets them a goal; they are measured so
    that a plan gone wrong shows (the flagged list once took five minutes)."""
    taskforce = client_for("taskforce")
    measures = [
        _page_measure(
            "tp_city_overview",
            "City overview, taskforce (every school, every flagged young person)",
            _get(taskforce, "/trigger-points/city/"),
            raw_sql(_CITY_SQL, []),
            reps=reps,
        ),
        _page_measure(
            "tp_list_city",
            "Flagged-pupils list, taskforce, whole city, first page",
            _get(taskforce, "/trigger-points/pupils/"),
            raw_sql(_CITY_LIST_SQL, []),
            reps=reps,
        ),
    ]
    for measure in measures:
        measure.goal, measure.met = "none set (watched for regressions)", None
    return measures
