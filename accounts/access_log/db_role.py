"""The grants for the PostgreSQL role the application runs as.

The schema (and so the log tables and their triggers) belongs to a separate owner role
that only runs migrations. The application role may read and insert log rows but holds
no UPDATE, DELETE or TRUNCATE privilege on them, and as a non-owner it cannot ALTER the
tables to disable their triggers. The privileges matter as much as the triggers:
pgtrigger's `ignore` is a session setting any role may set, so against the application
role the triggers are the second line and the missing privileges the first."""

from django.apps import apps
from django.db import connection

LOG_MODELS = ("AccessLogEntry", "AccessLogSubject", "AccessLogSeal", "ChangeLogEntry")


def log_tables() -> list[str]:
    return [apps.get_model("accounts", name)._meta.db_table for name in LOG_MODELS]


def app_role_grants(role: str, *, schema: str = "public") -> list[str]:
    """SQL for the owner role to run after every migrate (idempotent)."""
    r = connection.ops.quote_name(role)
    s = connection.ops.quote_name(schema)
    tables = ", ".join(connection.ops.quote_name(t) for t in log_tables())
    return [
        f"GRANT USAGE ON SCHEMA {s} TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {tables} FROM {r}",
    ]
