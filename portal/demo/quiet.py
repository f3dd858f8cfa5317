"""Keeps the demo's build output to what a newcomer should read: the city it made and
how to sign in. The seed's own sign-ins (axes), its eager imports' task results
(celery) and its one deliberate refusal (django.request) would otherwise log a line each
among it."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quiet(*names: str, level: int = logging.WARNING) -> Iterator[None]:
    """Raises these loggers to `level` for the block, and restores them after it."""
    loggers = [logging.getLogger(name) for name in names]
    before = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(level)
    try:
        yield
    finally:
        for logger, saved in zip(loggers, before, strict=True):
            logger.setLevel(saved)
