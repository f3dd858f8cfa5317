"""Starting and running feed imports. A run is created (and committed) first; the import
itself then runs in one transaction, so a run that fails or is killed leaves no partial
data and the same file can simply be imported again."""

import hashlib
import logging
from pathlib import Path

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from chronology.importing.csvfile import FileRejected
from chronology.importing.runner import FeedImport, ProgressCallback, RowsDoNotAddUp
from chronology.models import Feed, FeedRun
from chronology.services.progress import ProgressWriter

logger = logging.getLogger(__name__)
_LOCK_NAMESPACE = 5_170_001


class ImportRefused(Exception):
    """The import may not start (the feed is not fully on the register)."""


def missing_register_entries(feed: Feed) -> list[str]:
    checks = {
        "lawful basis": feed.lawful_basis,
        "data-sharing agreement": feed.dsa_reference,
        "DPIA": feed.dpia_reference,
    }
    return [name for name, value in checks.items() if not value.strip()]


def _checksum(handle: File) -> str:
    digest = hashlib.sha256()
    for chunk in handle.chunks():
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


@transaction.atomic
def create_run(
    *, feed: Feed, content: File, filename: str, by: User | None, command_line_user: str = ""
) -> FeedRun:
    """command_line_user: the operating-system account, for a command-line run no portal
    user answers for."""
    if missing := missing_register_entries(feed):
        raise ImportRefused(
            f"{feed.name} cannot be imported: the feed register has no {', '.join(missing)} for it."
        )
    return FeedRun.objects.create(
        feed=feed,
        file=File(content, name=Path(filename).name),
        original_filename=Path(filename).name[:255],
        checksum=_checksum(content),
        started_by=by,
        command_line_user=command_line_user[:150],
    )


@transaction.atomic
def start_import(*, feed: Feed, uploaded_file: UploadedFile, by: User) -> FeedRun:
    """Save the upload and queue its import for when this transaction commits."""
    from chronology.tasks import import_feed_run_task

    run = create_run(feed=feed, content=uploaded_file, filename=uploaded_file.name, by=by)
    import_feed_run_task.delay_on_commit(run.pk)
    return run


def import_feed_file(
    *,
    feed_code: str,
    path: Path,
    by: User | None,
    command_line_user: str = "",
    on_progress: ProgressCallback | None = None,
) -> FeedRun:
    """Import a file now, in this process (commands, seed_demo)."""
    feed = Feed.objects.filter(code=feed_code).first()
    if feed is None:
        raise ImportRefused(f"There is no feed {feed_code!r} on the feed register.")
    with Path(path).open("rb") as handle:
        run = create_run(
            feed=feed,
            content=File(handle),
            filename=Path(path).name,
            by=by,
            command_line_user=command_line_user,
        )
    return execute_run(run_id=run.pk, on_progress=on_progress)


def execute_run(*, run_id: int, on_progress: ProgressCallback | None = None) -> FeedRun:
    """Run an import. A run already finished is left alone (a redelivered task does
    nothing); a run left `running` by a killed worker imported nothing and runs again."""
    run = FeedRun.objects.select_related("feed").get(pk=run_id)
    if run.is_finished:
        return run
    progress = ProgressWriter(run)

    def report(done: int, total: int) -> None:
        progress(done, total)
        if on_progress:
            on_progress(done, total)

    progress.start()
    started = timezone.now()
    try:
        with transaction.atomic():
            _serialise(run.feed)
            job = FeedImport(run=run, path=Path(run.file.path), on_progress=report)
            counts = job.execute()
            progress.close()
            FeedRun.objects.filter(pk=run.pk).update(
                status=FeedRun.Status.COMPLETED,
                header=run.header,
                unknown_columns=run.unknown_columns,
                unsupplied_columns=run.unsupplied_columns,
                rows_total=job.rows_read,
                rows_done=job.rows_read,
                rows_read=job.rows_read,
                rows_imported=counts.imported,
                rows_unchanged=counts.unchanged,
                rows_queued=counts.queued,
                rows_rejected=counts.rejected,
                started_at=started,
                finished_at=timezone.now(),
            )
    except FileRejected as error:
        _finish(run, FeedRun.Status.REJECTED, str(error), started)
    except RowsDoNotAddUp as error:
        logger.error("Import run %s failed: %s", run.pk, error)
        _finish(run, FeedRun.Status.FAILED, f"{error} Nothing from this file was imported.", started)
    except Exception:
        logger.exception("Import run %s failed", run.pk)
        _finish(
            run,
            FeedRun.Status.FAILED,
            "The import stopped unexpectedly. Nothing from this file was imported; import it again.",
            started,
        )
        raise
    finally:
        progress.close()
    run.refresh_from_db()
    return run


def _serialise(feed: Feed) -> None:
    """One import at a time per feed, and one at a time among the feeds that create
    people, so that concurrent runs never race to create the same record or person.
    The locks are released when the import's transaction ends."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, feed.pk])
        if feed.authoritative_for_identity:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_LOCK_NAMESPACE, 0])


def _finish(run: FeedRun, status: str, error: str, started) -> None:
    FeedRun.objects.filter(pk=run.pk).update(
        status=status,
        file_error=error,
        rows_done=0,
        rows_read=0,
        rows_imported=0,
        rows_unchanged=0,
        rows_queued=0,
        rows_rejected=0,
        started_at=started,
        finished_at=timezone.now(),
    )
