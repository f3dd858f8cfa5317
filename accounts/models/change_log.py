"""django-auditlog's log of changes (role assignments, grants, feed register edits,
linkage decisions). A custom, swappable model from the first migration so that it can
be made append-only, and so that its actor survives: users are never deleted, and a
SET_NULL foreign key would be an UPDATE the append-only trigger refuses."""

from auditlog.models import AbstractLogEntry
from django.conf import settings
from django.db import models

from accounts.models.access_log import append_only


class ChangeLogEntry(AbstractLogEntry):
    actor = models.ForeignKey(
        to=settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        blank=True,
        null=True,
        related_name="+",
        verbose_name="actor",
    )

    class Meta(AbstractLogEntry.Meta):
        swappable = "AUDITLOG_LOGENTRY_MODEL"
        verbose_name = "change log entry"
        verbose_name_plural = "change log entries"
        triggers = append_only("change")
