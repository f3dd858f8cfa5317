"""Every HTML page each actor of the access walk's world may open, as that actor gets
it: the pages the structure walk reads as a screen reader would and the print walk as
paper would. The URLs come from the access matrix, so a page landed later is read by
both without anyone listing it."""

from collections.abc import Iterator

from django.http import HttpResponse
from django.urls import reverse

from tests.accounts.access_matrix import EXPECTED, URL_KWARGS


def walked_pages(clients: dict, world: dict) -> Iterator[tuple[str, str, str, HttpResponse]]:
    """(URL name, actor, the page's HTML, the response) for every page an actor opens."""
    for name, expected in EXPECTED.items():
        if name.startswith(("api:", "admin:", "schema", "swagger")):
            continue
        kwargs = {arg: world[key] for arg, key in URL_KWARGS.get(name, {}).items()}
        url = reverse(name, kwargs=kwargs)
        for actor, status in expected.items():
            if status != 200:
                continue
            response = clients[actor].get(url)
            if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
                body = b"".join(response.streaming_content) if response.streaming else response.content
                yield name, actor, body.decode(), response
