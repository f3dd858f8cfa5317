"""Keeping the garbage collector away from what a process loads once.

After its first request a process holds some 130,000 objects it keeps until it exits:
modules, URL patterns, compiled templates, the ORM's model metadata. A full collection
walks all of them, and on the 2-core bench host that took 100-250 ms. The chronology of
a young person with a large family keeps ~10,000 objects alive until its response is
sent, which set off a full collection every eight or so requests: its p95 was p50 plus
one such pause (docs/benchmark-findings.md, issue 20). `gc.freeze()` after the first
request moves the loaded objects out of the collector's sight, as gunicorn deployments
do before forking; full collections then walk only what requests made since."""

import gc
import threading

from django.core.signals import request_finished

_lock = threading.Lock()
_frozen = False


def freeze_after_first_request(**kwargs: object) -> None:
    """Runs once per process. Garbage is collected first, so that nothing frozen is
    already unreachable (frozen objects are never collected)."""
    global _frozen
    with _lock:
        if _frozen:
            return
        _frozen = True
    request_finished.disconnect(freeze_after_first_request, dispatch_uid=__name__)
    gc.collect()
    gc.freeze()


def install() -> None:
    request_finished.connect(freeze_after_first_request, dispatch_uid=__name__)
