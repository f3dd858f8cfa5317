"""How IG's API and the subject-access export present an access-log entry, and what
"who has seen this child" exports for a subject access request.

IG reviews access to records, never their content, yet an entry's path and detail hold
what the viewer asked for: the trigger point a list was filtered on, the words a
chronology was searched for. So outside the database an entry's page is named in words
(accounts/access_log/page_words.py), a query string becomes "(a search)" and the detail
is never shown, as on IG's pages. The export answers one person, so it holds only what
concerns them: another record's id in a path becomes "{id}", and the reason for a
break-glass into another child's record is left out. docs/access-log.md says so."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

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
ANOTHER_RECORDS_BREAK_GLASS = "(break-glass into another record)"


NOT_SEARCHES = frozenset({"page", "until"})
"""Query parameters that say where in a list a page is, not what was searched for: the
page number, and the entry at which a list of the log stops (accounts/views/ig_paging.py)."""


def _without_query(path: str) -> tuple[str, bool]:
    """The path without its query, and whether the query searched for anything (where in
    a list the page is does not)."""
    address, _, query = path.partition("?")
    return address, any(part.split("=", 1)[0] not in NOT_SEARCHES for part in query.split("&") if part)


def _described(address: str, searched: bool) -> str:
    return f"{address} (a search)" if searched else address


def _path_naming(path: str, person_ids: set[int]) -> str:
    """The path with only these people's ids: any other number (another record, or a
    person the reader is not shown) becomes {id}, and a query becomes "(a search)"."""
    kept = {str(pk) for pk in person_ids}
    address, searched = _without_query(path)
    address = _NUMBER_SEGMENT.sub(lambda m: m[0] if m[0] in kept else "{id}", address)
    return _described(address, searched)


def search_path(path: str, shown_ids: set[int]) -> str:
    """The path as IG's search of the log shows it. It keeps the ids of the people the
    result names (and logs) beside the entry; a sixth person's id in the path would
    otherwise reach IG unlogged."""
    return _path_naming(path, shown_ids)


def subject_access_path(path: str, person_id: int) -> str:
    """The path as far as it concerns the person: their own id stays."""
    return _path_naming(path, {person_id})


@dataclass(frozen=True)
class EntryForIg:
    page: str
    path: str
    break_glass_reason: str | None


def entry_for_ig(entry: AccessLogEntry, *, about: Person | None = None) -> EntryForIg:
    """The entry as IG may read it: `about` a person, as their subject-access export
    holds it; otherwise as a search of the whole log shows it."""
    reason = entry.break_glass.reason if entry.break_glass else None
    if about is None:
        path = search_path(entry.path, {subject.person_id for subject in entry.shown_subjects})
    else:
        path = subject_access_path(entry.path, about.pk)
        if entry.break_glass and entry.break_glass.person_id != about.pk:
            reason = ANOTHER_RECORDS_BREAK_GLASS
    return EntryForIg(page=page_words(entry.route), path=path, break_glass_reason=reason)


def subject_access_rows(person: Person, *, until: int | None = None) -> Iterator[list[str]]:
    """Newest first, one row per entry naming the person (up to entry `until`), read in chunks."""
    for entry in entries_naming(person, until=until).iterator(chunk_size=2000):
        shown = entry_for_ig(entry, about=person)
        yield [
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            entry.actor.display_name if entry.actor else entry.actor_label,
            entry.actor_label,
            entry.get_kind_display(),
            shown.page,
            entry.route,
            shown.path,
            entry.remote_addr or "",
            shown.break_glass_reason or "",
        ]
