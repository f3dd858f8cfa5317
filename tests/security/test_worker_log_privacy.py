"""The Celery worker's logs are scrubbed like the web process's (docs/security.md). A
worker replaces the root logger's handlers with its own when it starts, so the filter
configured in LOGGING would not see a task's log lines or a failed task's traceback (an
import's database error quoting a UPN) unless the worker's handlers carry it too."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# A worker on an in-process queue, which logs a line naming a person from a task's logger
# and from an app's logger once it is ready, then stops.
WORKER = """
import logging, os
from celery.signals import worker_ready
from celery.utils.log import get_task_logger
from portal.celery import app

@worker_ready.connect
def log_and_stop(**kwargs):
    logging.getLogger("chronology.importing").error("row for zebedee.q@northbridge.example")
    get_task_logger("chronology.tasks").error("run failed ?q=Quartermaine")
    for handler in logging.getLogger().handlers:
        handler.flush()
    os._exit(0)

app.worker_main(["worker", "--pool", "solo", "--loglevel", "INFO",
                 "--without-heartbeat", "--without-mingle", "--without-gossip"])
"""


def test_a_worker_logs_no_email_or_search():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.demo",
        "CELERY_BROKER_URL": "memory://localhost/",
        "CELERY_RESULT_BACKEND": "cache+memory://",
        "PYTHONPATH": str(ROOT),
    }
    result = subprocess.run(
        [sys.executable, "-c", WORKER], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    output = result.stdout + result.stderr
    assert "row for" in output, output
    assert "run failed" in output, output
    assert "zebedee.q@northbridge.example" not in output
    assert "Quartermaine" not in output
