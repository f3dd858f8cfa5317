"""The portal's clock set back, for a demo scene that happened before the seed ran.

Most of the demo is dated by moving a record's time after the service wrote it; an
access-log entry cannot be moved (it is signed over its time, and the log refuses
updates), so a scene that IG is to find in the log's past is played with the clock the
portal reads (`django.utils.timezone.now`) set to its moment: the pages write, sign and
word their entries exactly as they do, only at the scene's time."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone


@dataclass
class Clock:
    at: datetime

    def advance(self, by: timedelta) -> None:
        self.at += by


@contextmanager
def clock_at(moment: datetime) -> Iterator[Clock]:
    """The portal's `now` is `clock.at` inside, moved on by the scene as it goes."""
    clock = Clock(at=moment)
    real_now = timezone.now
    timezone.now = lambda: clock.at
    try:
        yield clock
    finally:
        timezone.now = real_now
