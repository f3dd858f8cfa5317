"""What a request asked the database more than once: a page shares one reading of what
several of its parts need (the access layer's per-request memory)."""

from collections import Counter

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def asked_twice(client: Client, url: str) -> list[str]:
    """The SELECTs the page at `url` sent more than once, after a first visit (a
    session's first page reads a few things of its own)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    asked = Counter(q["sql"] for q in captured if q["sql"].startswith(("SELECT", "(SELECT", "WITH")))
    return [sql for sql, times in asked.items() if times > 1]
