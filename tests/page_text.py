"""The words a page shows a reader, for tests of what it says rather than its markup."""

import re

from django.http import HttpResponse


def page_text(response: HttpResponse) -> str:
    """Tags gone and spaces collapsed, so a sentence split over lines or links still matches."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
