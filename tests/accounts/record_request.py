"""One successful request for a view that shows records: who asks, for what URL, and what
its access-log entry must name, with what kind (the URL walk checks it)."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.test import Client

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
    as_json: bool = False
    """Send `post` as a JSON body (an API endpoint whose body nests lists)."""

    def send(self, client: Client) -> HttpResponse:
        if self.post is None:
            return client.get(self.url)
        if self.as_json:
            return client.post(self.url, self.post, content_type="application/json")
        return client.post(self.url, self.post)
