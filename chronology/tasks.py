from celery import shared_task

from chronology.services.imports import execute_run
from chronology.services.linkage import settle_waiting_marks
from chronology.services.stale_runs import look_after_lost_runs


@shared_task(name="chronology.import_feed_run", acks_late=True, reject_on_worker_lost=True)
def import_feed_run_task(run_id: int) -> str:
    """Import one run. Acknowledged late, and handed back to the queue if its worker
    process is lost: the killed import rolled back, so the redelivered task imports the
    file again from the start (execute_run says when it does not)."""
    return execute_run(run_id=run_id).status


@shared_task(name="chronology.look_after_lost_runs")
def look_after_lost_runs_task() -> dict[str, int]:
    """Sends again, or marks failed, the runs whose import was lost (beat: every 5 minutes)."""
    return look_after_lost_runs()


@shared_task(name="chronology.settle_waiting_marks")
def settle_waiting_marks_task(because: str) -> int:
    """Link the attendance marks waiting for a UPN a review decision gave a pupil."""
    return settle_waiting_marks(because=because)
