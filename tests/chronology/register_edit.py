"""Posting the feed register's edit form as a browser does: with the `seen` time the page
was opened with, which a colleague's save since makes stale."""

import re

from django.test import Client
from django.urls import reverse


def as_opened(client: Client, code: str) -> dict[str, str]:
    html = client.get(reverse("chronology:register_edit", args=[code])).content.decode()
    found = re.search(r'name="seen" value="([^"]+)"', html)
    assert found, "the edit page carries when the entry was last saved"
    return {"seen": found.group(1)}
