"""Bulk loads are fastest into bare tables: drop secondary indexes and constraints, load,
then rebuild them from the definitions PostgreSQL itself reported."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection


def _definitions(table: str) -> tuple[list[str], list[str], list[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
            "AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [table, table],
        )
        indexes = cursor.fetchall()
    drops = [f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"' for name, _ in constraints]
    drops += [f'DROP INDEX "{name}"' for name, _ in indexes]
    creates = [sql for _, sql in indexes]
    constraints_sql = [f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {sql}' for name, sql in constraints]
    return drops, creates, constraints_sql


@contextmanager
def bare_tables(tables: Sequence[str]) -> Iterator[None]:
    """Primary keys stay (the loads give explicit ids); everything else is rebuilt after."""
    saved = [_definitions(t) for t in tables]
    with connection.cursor() as cursor:
        for drops, _, _ in saved:
            for sql in drops:
                cursor.execute(sql)
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for _, creates, _ in saved:
            for sql in creates:
                cursor.execute(sql)
        for _, _, constraints in saved:
            for sql in constraints:
                cursor.execute(sql)


def reset_sequences(tables: Sequence[str]) -> None:
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f'COALESCE((SELECT max(id) FROM "{table}"), 0) + 1, false)'  # nosec B608  # table names from code
            )
