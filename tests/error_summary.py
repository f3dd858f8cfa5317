"""The GOV.UK error summary's promise: each message links to the field to correct, and
for radios to the first option, so a keyboard or screen-reader user lands on it."""

import re
from html import unescape


def assert_error_links_land(html: str, *, radios: tuple[str, ...] = ()) -> None:
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert summary, "no error summary"
    targets = re.findall(r'href="#([^"]+)"', summary[0])
    assert targets
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert not set(targets) - ids, f"links to no element: {set(targets) - ids}"
    for name in radios:
        options = [tag for tag in re.findall(r"<input[^>]*>", html) if 'type="radio"' in tag]
        first = next(tag for tag in options if f'name="{name}"' in tag)
        assert f'id="id_{name}_1"' in first, f"the first {name} option is not where its error links"
        assert f"id_{name}_1" in targets


def summary_messages(html: str) -> list[str]:
    """The error summary's messages in order; empty when the page has none."""
    found = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return [unescape(m) for m in re.findall(r"<a [^>]*>(.*?)</a>", found.group(1))] if found else []
