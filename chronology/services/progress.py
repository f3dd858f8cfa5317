"""Import progress, written outside the import's transaction so that the run page (and
anyone else) can watch a long import while its data is still uncommitted. On
PostgreSQL it uses a second connection in autocommit; SQLite (the single-process demo)
allows one writer, so there progress rides on the import's own connection."""

from django.db import connection, connections
from django.utils import timezone

from chronology.models import FeedRun


class ProgressWriter:
    def __init__(self, run: FeedRun) -> None:
        self.run_id = run.pk
        self._own = connections.create_connection("default") if connection.vendor == "postgresql" else None

    def _update(self, **fields: object) -> None:
        if self._own is None:
            FeedRun.objects.filter(pk=self.run_id).update(**fields)
            return
        columns = ", ".join(f"{name} = %s" for name in fields)
        with self._own.cursor() as cursor:
            cursor.execute(
                f"UPDATE {FeedRun._meta.db_table} SET {columns} WHERE id = %s",  # nosec B608  # columns are our keyword names; values bound
                [*fields.values(), self.run_id],
            )

    def start(self, *, attempt: int) -> None:
        now = timezone.now()
        self._update(
            status=FeedRun.Status.RUNNING, started_at=now, progress_at=now, rows_done=0, attempts=attempt
        )

    def __call__(self, done: int, total: int) -> None:
        """Also the import's heartbeat (see chronology.services.stale_runs)."""
        self._update(rows_done=done, rows_total=total, progress_at=timezone.now())

    def close(self) -> None:
        if self._own is not None:
            self._own.close()
