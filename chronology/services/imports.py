"""Starting and running feed imports. A run is created (and committed) first; the import
itself then runs in one transaction, so a run that fails or is killed leaves no partial
data and the same file can simply be imported again."""

import hashlib
import logging
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from chronology.importing.csvfile import FileRejected
from chronology.importing.locks import hold_run_lock, serialise
from chronology.importing.runner import FeedImport, ProgressCallback, RowsDoNotAddUp
from chronology.importing.touched import announce, collecting
from chronology.models import Feed, FeedRun
from chronology.services.progress import ProgressWriter

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 2
WORKER_LOST = "The import stopped (its worker was lost); nothing from it was kept. Import the file again."


class ImportRefused(Exception):
    """The import may not start (the feed is not fully on the register)."""


def missing_register_entries(feed: Feed) -> list[str]:
    checks = {
        "lawful basis": feed.lawful_basis,
        "data-sharing agreement": feed.dsa_reference,
        "DPIA": feed.dpia_reference,
    }
    return [name for name, value in checks.items() if not value.strip()]


def upload_too_large(size: int) -> str | None:
    """Why a file of `size` bytes is refused before anything is stored (FEED_UPLOAD_MAX_MB),
    for the upload page and the API alike."""
    limit = settings.FEED_UPLOAD_MAX_MB
    return f"The file must be smaller than {limit} MB." if size > limit * 1024 * 1024 else None


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
    return _queue(create_run(feed=feed, content=uploaded_file, filename=uploaded_file.name, by=by))


@transaction.atomic
def import_again(*, run: FeedRun, by: User) -> FeedRun:
    """A failed run's stored file, imported as a new run. The failed run stays as it
    was, for the record; the new one keeps its own copy of the file. Asked again (a
    double click, or a colleague at the same time) while a run of the file made since is
    queued, running or complete, that run is the answer: the file is imported once."""
    run = FeedRun.objects.select_for_update().get(pk=run.pk)
    if run.status != FeedRun.Status.FAILED:
        raise ImportRefused("Only a failed import can be run again.")
    already = (
        FeedRun.objects.filter(feed=run.feed, checksum=run.checksum, created_at__gt=run.created_at)
        .exclude(status=FeedRun.Status.FAILED)
        .order_by("-pk")
        .first()
    )
    if already is not None:
        return already
    if not run.file_kept:
        raise ImportRefused(
            "This import's file is no longer kept (the retention policy deletes import files "
            "with their rows), so it cannot be run again. Ask the sending agency for the file "
            "and import it as a new file."
        )
    with run.file.open("rb") as stored:
        again = create_run(feed=run.feed, content=File(stored), filename=run.original_filename, by=by)
    return _queue(again)


def _queue(run: FeedRun) -> FeedRun:
    queue_run(run=run)
    run.refresh_from_db(fields=["queued_at", "times_queued"])
    return run


def queue_run(*, run: FeedRun) -> None:
    """Send the run's import to the task queue once this transaction commits. If the
    broker cannot take it, the error is logged and the upload is kept: the run waits,
    and is sent again (chronology.services.stale_runs) rather than losing the file or
    showing the uploader an error page for an upload that was saved."""
    from chronology.tasks import import_feed_run_task

    FeedRun.objects.filter(pk=run.pk).update(queued_at=timezone.now(), times_queued=F("times_queued") + 1)

    def send_import_task() -> None:
        import_feed_run_task.delay(run.pk)

    transaction.on_commit(send_import_task, robust=True)


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
    """Run an import. The run is read again once the feed's lock is held: a task
    delivered twice (Redis hands a task not acknowledged within its visibility timeout
    to another worker) waits for the first delivery and then finds the run finished.
    A run still `running` at that point was started by a worker that was lost, whose
    transaction rolled back: it is imported again from the start, but only once, since
    an import that runs its worker out of memory would do so every time."""
    run = FeedRun.objects.select_related("feed").get(pk=run_id)
    if run.is_finished:
        return run
    progress = ProgressWriter(run)

    def report(done: int, total: int) -> None:
        progress(done, total)
        if on_progress:
            on_progress(done, total)

    started = timezone.now()
    try:
        with transaction.atomic():
            hold_run_lock(run)
            serialise(run.feed)
            run.refresh_from_db(fields=["status", "attempts", "started_at"])
            if run.is_finished:
                return run
            if run.attempts >= MAX_ATTEMPTS:
                end_run(run=run, status=FeedRun.Status.FAILED, error=WORKER_LOST, started=run.started_at)
                run.refresh_from_db()
                return run
            progress.start(attempt=run.attempts + 1)
            job = FeedImport(run=run, path=Path(run.file.path), on_progress=report)
            with collecting(run_id=run.pk, feed_code=run.feed.code) as touched:
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
                rows_past_retention=counts.past_retention,
                retention_months=run.feed.retention_months if job.retention.applies else None,
                retention_cutoff=job.retention.cutoff if job.retention.applies else None,
                rows_linked_certain=counts.certain,
                marks_linked=counts.marks_linked,
                started_at=started,
                finished_at=timezone.now(),
            )
            announce(touched)
    except FileRejected as error:
        end_run(run=run, status=FeedRun.Status.REJECTED, error=str(error), started=started)
    except RowsDoNotAddUp as error:
        logger.error("Import run %s failed: %s", run.pk, error)
        end_run(
            run=run,
            status=FeedRun.Status.FAILED,
            error=f"{error} Nothing from this file was imported.",
            started=started,
        )
    except Exception:
        logger.exception("Import run %s failed", run.pk)
        end_run(
            run=run,
            status=FeedRun.Status.FAILED,
            error="The import stopped unexpectedly. Nothing from this file was imported; import it again.",
            started=started,
        )
        raise
    finally:
        progress.close()
    run.refresh_from_db()
    return run


def end_run(*, run: FeedRun, status: str, error: str, started: datetime | None) -> None:
    """A run that imported nothing: rejected, failed, or lost with its worker."""
    FeedRun.objects.filter(pk=run.pk).update(
        status=status,
        file_error=error,
        rows_done=0,
        rows_read=0,
        rows_imported=0,
        rows_unchanged=0,
        rows_queued=0,
        rows_rejected=0,
        rows_past_retention=0,
        started_at=started,
        finished_at=timezone.now(),
    )
