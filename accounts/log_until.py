"""`until`: the entry at which a list of the access log stops, so that paging through it
reads the log as the list's first page found it (docs/access-log.md). One reading of it
for IG's pages (accounts/views/ig_paging.py) and the API (accounts/api/log_paging.py),
each of which refuses a bad one in its own words."""

import re

UNTIL_MAX = 2**63 - 1
"""The largest entry id the log's bigint column holds."""

_DIGITS = re.compile(r"[0-9]{1,19}")


class BadUntil(ValueError):
    """Not an entry id: the link was not one the portal made."""


def parse_until(raw: str) -> int | None:
    """None when not given (an empty value too, as for any filter); otherwise an entry id
    the log can hold, else BadUntil. ASCII digits only: int() alone takes " 1", "1_0" and "١"."""
    if not raw:
        return None
    if not _DIGITS.fullmatch(raw) or not 1 <= int(raw) <= UNTIL_MAX:
        raise BadUntil(raw)
    return int(raw)
