"""Optimistic locking for referrals and interventions. A page or API client sends the
version it showed; the row is locked, and a change made on an older version is refused
with a message saying what happened, so two officers never both decide one referral."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import models

from interventions.services.errors import ConcurrentChange

M = TypeVar("M", bound=models.Model)


@contextmanager
def locked(record: M, expected_version: int | None) -> Iterator[M]:
    """The record as it is now, locked until the transaction ends. With `expected_version`
    None the caller accepts any version (an addition that cannot conflict)."""
    current = type(record).objects.select_for_update().get(pk=record.pk)
    if expected_version is not None and current.version != expected_version:
        label = current.get_status_display() if hasattr(current, "get_status_display") else "changed"
        raise ConcurrentChange(
            f"Someone else changed this {type(record)._meta.verbose_name} while you were looking at it "
            f"(it is now: {label}). Reload the page to see the change, then try again."
        )
    yield current
