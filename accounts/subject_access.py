"""What "who has seen this child" exports for a subject access request. The export
answers one person, so it holds only what concerns them: who looked, when, at which
kind of page, and why if by break-glass. Other children are never in it, though the
entries naming this child also record other people's searches and other records'
pages: a query string (which may hold another child's name or UPN) becomes "(a
search)", another record's id in a path becomes "{id}", and the reason for a
break-glass into another child's record is left out. docs/access-log.md says so."""

import re
from collections.abc import Iterator

from django.utils import timezone

from accounts.access_log.page_words import page_words
from accounts.models import AccessLogEntry
from accounts.selectors_access_log import entries_naming
from schools.models import Person

HEADER = [
    "When",
    "Who",
    "Account",
    "Kind",
    "Page",
    "Route",
    "Path",
    "Address",
    "Break-glass reason",
]

_NUMBER_SEGMENT = re.compile(r"(?<=/)\d+(?=/|$|\.)")


def subject_access_path(path: str, person_id: int) -> str:
    """The path as far as it concerns the person: their own id stays, any other number
    (another record) becomes {id}, and a query becomes "(a search)" (a page number alone
    is not one)."""
    address, _, query = path.partition("?")
    address = _NUMBER_SEGMENT.sub(lambda m: m[0] if m[0] == str(person_id) else "{id}", address)
    searched = any(part.split("=", 1)[0] != "page" for part in query.split("&") if part)
    return f"{address} (a search)" if searched else address


def _break_glass_reason(entry: AccessLogEntry, person: Person) -> str:
    if entry.break_glass is None:
        return ""
    if entry.break_glass.person_id != person.pk:
        return "(break-glass into another record)"
    return entry.break_glass.reason


def subject_access_rows(person: Person) -> Iterator[list[str]]:
    """Newest first, one row per entry naming the person, read in chunks."""
    for entry in entries_naming(person).iterator(chunk_size=2000):
        yield [
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            entry.actor.display_name if entry.actor else entry.actor_label,
            entry.actor_label,
            entry.get_kind_display(),
            page_words(entry.route),
            entry.route,
            subject_access_path(entry.path, person.pk),
            entry.remote_addr or "",
            _break_glass_reason(entry, person),
        ]
