"""One successful request for a view that shows records: who asks, for what URL, and what
its access-log entry must name, with what kind (the URL walk checks it)."""

from dataclasses import dataclass

from accounts.models import AccessLogEntry, User

Kind = AccessLogEntry.Kind


@dataclass
class RecordRequest:
    user: User
    url: str
    person_ids: set[int]
    kind: str
    status: int = 200
    """200, 302 for a search that goes straight to the one record it found, 201 for an
    API call that creates something."""
    post: dict | None = None
    """Form data to POST instead of a GET, for a view that shows a record only when asked to act."""
