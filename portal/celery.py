"""The Celery app; tasks are discovered in each Django app's tasks module."""

import logging
import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.demo")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def scrub_worker_logs(logger: logging.Logger, **kwargs: object) -> None:
    """A worker replaces the root logger's handlers, and gives tasks their own, when it
    starts: without this the filter LOGGING puts on the web process's handlers would not
    see a task's log lines or a failed task's traceback (docs/security.md)."""
    from portal.log_privacy import NoPersonalDataFilter

    for handler in logger.handlers:
        if not any(isinstance(f, NoPersonalDataFilter) for f in handler.filters):
            handler.addFilter(NoPersonalDataFilter())
