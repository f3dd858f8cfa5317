"""After its first request a process freezes what it has loaded, once (portal.warm_heap),
so that full garbage collections walk only what later requests made."""

import gc

import pytest
from django.core.signals import request_finished

from portal import warm_heap


@pytest.mark.django_db  # the signal's other receivers close old connections
def test_the_first_finished_request_collects_then_freezes_once(monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "collect", lambda *args: calls.append("collect") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(warm_heap, "_frozen", False)
    warm_heap.install()
    request_finished.send(sender=None)
    request_finished.send(sender=None)
    assert calls == ["collect", "freeze"]
    assert not request_finished.disconnect(
        warm_heap.freeze_after_first_request, dispatch_uid=warm_heap.__name__
    ), "still listening after the first request"
