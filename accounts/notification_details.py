"""What the notifications page says of the records a notification is about (its
`object_ids`), beyond its title: the capability that sent a kind of notification
words them for the reader, since only it knows what they are and how much of them a
reader may see, and this app never imports it (a trigger-point alert's flags are the
risk app's). Emails never carry these words.

A capability registers one describer per kind with `register_notification_details`.
The page calls it once for all its notifications of that kind, never once a row, and
only with notifications whose young person the reader may still see; the describer
still asks the access layer how much of each record the reader may see."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from accounts.models import Notification


@dataclass(frozen=True)
class DetailLine:
    text: str
    note: str = ""
    """What has become of it since (say, "since dismissed"); empty if nothing."""


Describer = Callable[[object, list[Notification]], dict[int, list[DetailLine]]]
"""(reader, notifications) -> each described notification's lines, by its id."""
DESCRIBERS: dict[str, Describer] = {}


def register_notification_details(kind: str, describer: Describer) -> Describer:
    DESCRIBERS[kind] = describer
    return describer


def notification_details(
    reader: object, notifications: Iterable[Notification]
) -> dict[int, list[DetailLine]]:
    """Notifications written before their kind kept `object_ids`, or of a kind nobody
    describes, get no lines: they show their title alone, as before."""
    by_kind: dict[str, list[Notification]] = defaultdict(list)
    for notification in notifications:
        if notification.object_ids and notification.kind in DESCRIBERS:
            by_kind[notification.kind].append(notification)
    details: dict[int, list[DetailLine]] = {}
    for kind, of_kind in by_kind.items():
        details.update(DESCRIBERS[kind](reader, of_kind))
    return details
