"""The temporary tables one computation reads: who is in scope, which of them are young
people, and the events any enabled rule could use, read from the (large) events table
once rather than once per indicator. They live for one transaction of one session,
so concurrent computations never see each other's."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection

from chronology.models import Event
from risk.models import RuleType
from risk.rules.dialect import placeholders
from schools.models import Enrolment, FamilyMember, Person
from schools.models.people import YOUNG_PERSON_MAX_AGE

_SCOPE = "SELECT person_id FROM risk_scope"
TABLES = (
    "risk_scope",
    "risk_young",
    "risk_events",
    "risk_weeks",
    "risk_run",
    "risk_hits",
    "risk_new",
    "risk_live",
    "risk_add",
)
STALE_AFTER_ROWS = 1000
ATTENDANCE_RULES = {RuleType.ATTENDANCE_RATE, RuleType.REGISTER_CODES}


def execute(sql: str, params: Iterable[object] = ()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.rowcount


def rows(sql: str, params: Iterable[object] = ()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.fetchall()


def analyse(table: str) -> None:
    """Temporary tables are never analysed by autovacuum; without statistics PostgreSQL
    guesses their size and may scan the events table once per row."""
    if connection.vendor == "postgresql":
        execute(f"ANALYZE {table}")


def analyse_if_stale(table: str, written: int) -> None:
    """Refreshes a table's statistics when a run wrote a tenth of it or more (what
    autovacuum counts as stale): planned on an empty table's statistics, joining 100,000
    new flags to their evidence took minutes. A day's changes to a large table leave its
    statistics good, and sampling it again cost a quarter of a second."""
    if connection.vendor != "postgresql" or written <= STALE_AFTER_ROWS:
        return
    ((estimate,),) = rows("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
    if estimate < 0 or written * 10 >= estimate:
        analyse(table)


def in_scope(scoped: bool, alias: str = "c") -> str:
    return f" AND {alias}.person_id IN ({_SCOPE})" if scoped else ""


def drop_all() -> None:
    for table in TABLES:
        execute(f"DROP TABLE IF EXISTS {table}")


def _insert_ids(table: str, ids: list[int]) -> None:
    if connection.vendor == "postgresql":
        execute(f"INSERT INTO {table} (person_id) SELECT DISTINCT unnest(%s::bigint[])", [ids])  # nosec B608  # table names from code; values bound
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT OR IGNORE INTO {table} (person_id) VALUES (%s)", [(i,) for i in ids])  # nosec B608  # table names from code; values bound


def fill_scope(people: Iterable[int], families: Iterable[int], *, households: bool) -> None:
    """The people whose flags this run decides: those touched and, when a family rule
    is in the run (`households`), everyone in a household with them or in a household
    touched (a relative's event or a household's own is a family rule's evidence; a
    register mark is no one else's). Left empty (absent) for a full run."""
    members = FamilyMember._meta.db_table
    execute("CREATE TEMPORARY TABLE risk_scope (person_id bigint PRIMARY KEY)")
    _insert_ids("risk_scope", sorted(set(people)))
    if not households:
        analyse("risk_scope")
        return
    family_ids = sorted(set(families))
    extra = f" OR family_id IN ({placeholders(family_ids)})" if family_ids else ""
    execute(
        f"""INSERT INTO risk_scope (person_id)
        SELECT DISTINCT m.person_id FROM {members} m
        WHERE (m.family_id IN (SELECT family_id FROM {members} WHERE person_id IN ({_SCOPE})){extra})
          AND m.person_id NOT IN (SELECT person_id FROM risk_scope)""",  # nosec B608  # table names from code; values bound
        family_ids,
    )
    analyse("risk_scope")


def fill_young(today: date, *, scoped: bool, among: list[tuple[str, list]] | None = None) -> None:
    """Young people (under 25, or on a school roll now), as accounts.access counts them.
    `among` (SELECTs of person ids, with their parameters) limits them to the only
    people the run's rules can hold for: a run of attendance rules alone asks about the
    few thousand under some rule's rate or with a register code, rather than writing
    the city's 100,000 young people into a keyed table (half a second at city scale)."""
    try:
        cutoff = today.replace(year=today.year - YOUNG_PERSON_MAX_AGE)
    except ValueError:
        cutoff = today.replace(year=today.year - YOUNG_PERSON_MAX_AGE, day=28)
    people, enrolments = Person._meta.db_table, Enrolment._meta.db_table
    execute("CREATE TEMPORARY TABLE risk_young (person_id bigint PRIMARY KEY)")
    if among is None:
        within = " AND {column} IN (SELECT person_id FROM risk_scope)" if scoped else ""
        execute(
            f"""INSERT INTO risk_young (person_id)
            SELECT id FROM {people} WHERE date_of_birth > %s{within.format(column="id")}
            UNION
            SELECT person_id FROM {enrolments}
            WHERE leaving_date IS NULL{within.format(column="person_id")}""",  # nosec B608  # table names from code; values bound
            [cutoff],
        )
    else:
        execute(
            f"""INSERT INTO risk_young (person_id)
            SELECT c.person_id FROM ({" UNION ".join(sql for sql, _ in among)}) c
            WHERE (EXISTS (SELECT 1 FROM {people} p WHERE p.id = c.person_id AND p.date_of_birth > %s)
                   OR EXISTS (SELECT 1 FROM {enrolments} e
                              WHERE e.person_id = c.person_id AND e.leaving_date IS NULL))
            {in_scope(scoped)}""",  # nosec B608  # table names from code; values bound
            [*(arg for _, args in among for arg in args), cutoff],
        )
    analyse("risk_young")


_EVENT_COLUMNS = "id, person_id, family_id, category, occurred_on, ended_on, sensitivity, details"


@dataclass(frozen=True)
class EventNeed:
    """Events one rule could use: these categories, since a day (None: still open)."""

    categories: tuple[str, ...]
    since: date | None


def fill_events(needs: list[EventNeed], today: date, *, scoped: bool) -> None:
    """One read of the events table for every event rule of the run. A scoped run reads
    only the events of the people in scope, their relatives and their households, by
    the events' (person, date) and (family, date) indexes."""
    execute(
        "CREATE TEMPORARY TABLE risk_events (id bigint PRIMARY KEY, person_id bigint, family_id bigint, "
        "category varchar(64), occurred_on date, ended_on date, sensitivity varchar(16), details "
        + ("jsonb" if connection.vendor == "postgresql" else "text")
        + ")"
    )
    if not needs:
        return
    clauses, args = [], []
    for need in needs:
        cats = list(need.categories)
        if need.since is None:
            clauses.append(
                f"(category IN ({placeholders(cats)}) AND occurred_on <= %s"
                " AND (ended_on IS NULL OR ended_on >= %s))"
            )
            args += [*cats, today, today]
        else:
            clauses.append(
                f"(category IN ({placeholders(cats)}) AND occurred_on >= %s AND occurred_on <= %s)"
            )
            args += [*cats, need.since, today]
    members = FamilyMember._meta.db_table
    reach = (
        f""" AND (person_id IN ({_SCOPE})
                 OR person_id IN (SELECT m.person_id FROM {members} m WHERE m.family_id IN (
                     SELECT family_id FROM {members} WHERE person_id IN ({_SCOPE})))
                 OR family_id IN (SELECT family_id FROM {members} WHERE person_id IN ({_SCOPE})))"""  # nosec B608  # table names from code; values bound
        if scoped
        else ""
    )
    # Every category named once first: most of the city's events are of categories no
    # rule reads, and one test turns them away before the windows are weighed.
    every = sorted({c for need in needs for c in need.categories})
    execute(
        f"""INSERT INTO risk_events ({_EVENT_COLUMNS})
        SELECT {_EVENT_COLUMNS}
        FROM {Event._meta.db_table}
        WHERE category IN ({placeholders(every)}) AND ({" OR ".join(clauses)}){reach}""",  # nosec B608  # table names from code; values bound
        [*every, *args],
    )
    if connection.vendor == "postgresql":
        execute("CREATE INDEX ON risk_events (person_id)")
        execute("CREATE INDEX ON risk_events (family_id)")
    analyse("risk_events")


def create_run(versions: list[tuple[int, int, str, int | None]]) -> None:
    """The indicators this run decides: (indicator, current version, review state of a
    new flag, strength threshold)."""
    execute(
        "CREATE TEMPORARY TABLE risk_run (indicator_id bigint PRIMARY KEY, version_id bigint NOT NULL, "
        "review varchar(16) NOT NULL, stronger_at integer)"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO risk_run (indicator_id, version_id, review, stronger_at) VALUES (%s, %s, %s, %s)",
            versions,
        )


def create_hits() -> None:
    execute(
        "CREATE TEMPORARY TABLE risk_hits (indicator_id bigint NOT NULL, person_id bigint NOT NULL, "
        "key varchar(40) NOT NULL, kind varchar(16), event_id bigint, relative_id bigint, "
        "relationship varchar(16), occurred_on date, sensitivity varchar(16), note varchar(100))"
    )
    execute(
        "CREATE TEMPORARY TABLE risk_new (indicator_id bigint NOT NULL, person_id bigint NOT NULL, "
        "sensitivity varchar(16) NOT NULL, latest date, hits integer NOT NULL)"
    )
    execute(
        "CREATE TEMPORARY TABLE risk_add (flag_id bigint NOT NULL, key varchar(40) NOT NULL, "
        "kind varchar(16), "
        "event_id bigint, relative_id bigint, relationship varchar(16), occurred_on date, "
        "sensitivity varchar(16), note varchar(100))"
    )
    execute(
        "CREATE TEMPORARY TABLE risk_live (flag_id bigint PRIMARY KEY, indicator_id bigint NOT NULL, "
        "person_id bigint NOT NULL)"
    )


def index_hits() -> None:
    """Indexed once every rule has added its hits (see reconcile.add_hits)."""
    execute("CREATE INDEX risk_hits_flag ON risk_hits (indicator_id, person_id, key)")
    analyse("risk_hits")
