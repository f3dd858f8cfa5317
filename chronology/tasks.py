from celery import shared_task

from chronology.services.imports import execute_run


@shared_task(name="chronology.import_feed_run", acks_late=True)
def import_feed_run_task(run_id: int) -> str:
    """Import one run. Acknowledged late: a worker killed mid-import rolled back, so the
    redelivered task imports the file again from the start."""
    return execute_run(run_id=run_id).status
