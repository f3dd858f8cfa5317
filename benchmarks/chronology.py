"""The chronology of the young person with the most events including family (issue 20):
its first page, a filtered page (one category, one year) and its CSV, each next to the
raw SQL for the same rows. Signed in as the demo DSL, who reads partner detail."""

from django.db import connection

from benchmarks.pages import _events_about, _get, _page_measure, client_for
from benchmarks.timing import raw_sql
from chronology.timeline.known_codes import known_categories
from portal.demo.scale.build import ScaleCity

PAGE_GOAL_MS = 150
CSV_GOAL_MS = 2000

_ABOUT = (
    "(e.person_id = %s OR e.family_id IN (SELECT family_id FROM schools_familymember WHERE person_id = %s) "
    "OR e.person_id IN (SELECT m.person_id FROM schools_familymember m JOIN schools_familymember mine "
    "ON mine.family_id = m.family_id WHERE mine.person_id = %s))"
)

_ALL = f"SELECT e.* FROM chronology_event e WHERE {_ABOUT} ORDER BY e.occurred_on DESC, e.id DESC"  # noqa: S608


def _busiest_category_year(person: int) -> tuple[str, int]:
    """Among the categories the chronology's filter accepts: the scale city also writes
    feed-level categories no importer writes ("social_care"), which the filter refuses."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.category, extract(year FROM e.occurred_on)::int AS y FROM chronology_event e "  # noqa: S608
            f"WHERE {_ABOUT} AND e.category = ANY(%s) GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1",
            [person, person, person, sorted(known_categories())],
        )
        category, year = cursor.fetchone()
    return category, year


def chronology_measures(city: ScaleCity, *, reps: int) -> list:
    dsl = client_for("dsl")
    person = city.outliers[0]
    url = f"/young-people/{person}/chronology/"
    category, year = _busiest_category_year(person)
    first = _page_measure(
        "chronology_first_page",
        "Chronology, young person with the most events (own + family), first page",
        _get(dsl, url),
        raw_sql(
            f"{_ALL} LIMIT 50",
            [person, person, person],
        ),
        reps=reps,
        goal_ms=PAGE_GOAL_MS,
    )
    first.extra = {"events_own_and_family": _events_about(person)}
    filtered = _page_measure(
        "chronology_filtered_page",
        f"Chronology filtered to one category ({category}) and one year ({year})",
        _get(dsl, f"{url}?category={category}&from={year}-01-01&to={year}-12-31"),
        raw_sql(
            f"SELECT e.* FROM chronology_event e WHERE {_ABOUT} AND e.category = %s "  # noqa: S608
            "AND e.occurred_on BETWEEN %s AND %s ORDER BY e.occurred_on DESC, e.id DESC LIMIT 50",
            [person, person, person, category, f"{year}-01-01", f"{year}-12-31"],
        ),
        reps=reps,
        goal_ms=PAGE_GOAL_MS,
    )
    export = _page_measure(
        "chronology_csv",
        "Chronology CSV export of every entry, same young person",
        _get(dsl, f"{url}chronology.csv"),
        raw_sql(
            _ALL,
            [person, person, person],
        ),
        reps=max(3, reps // 5),
        goal_ms=CSV_GOAL_MS,
    )
    return [first, filtered, export]
