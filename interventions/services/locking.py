"""Optimistic locking for referrals and interventions. A page or API client sends the
version it showed; the row is locked, and a change made on an older version is refused
with a message saying what happened, so two officers never both decide one referral."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import models

from accounts.models import User
from accounts.services.change_log import changed_by_words, last_change
from interventions.services.errors import ConcurrentChange

M = TypeVar("M", bound=models.Model)


@contextmanager
def locked(record: M, expected_version: int | None, *, by: User | None = None) -> Iterator[M]:
    """The record as it is now, locked until the transaction ends. With `expected_version`
    None the caller accepts any version (an addition that cannot conflict)."""
    current = type(record).objects.select_for_update().get(pk=record.pk)
    if expected_version is not None and current.version != expected_version:
        raise stale(current, by=by)
    yield current


def stale(current: models.Model, *, by: User | None) -> ConcurrentChange:
    """The refusal of a change made on an older version, saying who made the newer one
    when the change log knows: a form sent twice or a second tab ("you") calls for a
    reload, a colleague's decision may call for a word with them. The log entry counts
    only if it made the version the record has now; otherwise nobody is named."""
    noun = type(current)._meta.verbose_name
    label = current.get_status_display() if hasattr(current, "get_status_display") else ""
    last = last_change(current)
    made_it = last is not None and last.changes_dict.get("version", [None, None])[1] == str(current.version)
    if made_it and by is not None and last.actor_id == by.pk:
        now_is = f" (it is now: {label})" if label else ""
        happened = (
            f"You have already changed this {noun}{now_is}, in another tab or by sending the form twice."
        )
        advice = "Reload the page to see it as it is now."
    else:
        about = [f"it is now: {label}"] if label else []
        if made_it and last.actor is not None:
            about.append(f"changed by {changed_by_words(last)}")
        said = f" ({'; '.join(about)})" if about else ""
        happened = f"Someone else changed this {noun} while you were looking at it{said}."
        advice = "Reload the page to see the change, then try again."
    return ConcurrentChange(f"{happened} {advice}", happened=happened, version=current.version)
