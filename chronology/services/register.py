"""The feed register: who sends each feed, under which law, agreement and DPIA, how
often, how long it is kept and how sensitive it is by default (FEEDS.md section 3)."""

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services.change_log import changed_by_words, last_change
from chronology.models import Event, Feed
from chronology.sensitivity_changes import SensitivityChange, announce_sensitivity_change
from chronology.services.imports import missing_register_entries
from chronology.services.register_defaults import DEFAULT_REGISTER, DEMO_OWNER_AGENCIES


@dataclass(frozen=True)
class MissingReferences:
    feed: Feed
    missing: list[str]


@transaction.atomic
def install_feed_register(*, by: User | None) -> list[MissingReferences]:
    """Create any default register entry that is missing, without agreement or DPIA
    references: no feed can be imported until an administrator records the council's
    real ones. Entries already there (perhaps edited) are left as they are. Returns what
    each feed still lacks."""
    _install(by=by, demonstration=False)
    feeds = Feed.objects.order_by("name")
    return [MissingReferences(f, m) for f in feeds if (m := missing_register_entries(f))]


@transaction.atomic
def install_demonstration_register(*, by: User | None) -> None:
    """The register of the demo city (and of tests): the default entries, its own partners
    where a default owner is unchanged, and made-up agreement and DPIA references marked as
    demonstration ones wherever none is recorded. A missing entry is created as the demo
    has it, in one write: creating it plainly and then amending it twice cost most of a
    test's setup, for every test that imports a feed."""
    from auditlog.context import set_actor

    existing = _install(by=by, demonstration=True)
    with set_actor(by) if by else nullcontext():
        for number, entry in enumerate(DEFAULT_REGISTER, start=1):
            feed = existing.get(entry["code"])
            if feed is None:
                continue
            if feed.owner_agency == entry["owner_agency"] and entry["code"] in DEMO_OWNER_AGENCIES:
                feed.owner_agency = DEMO_OWNER_AGENCIES[entry["code"]]
                feed.save(update_fields=["owner_agency"])
            if feed.dsa_reference or feed.dpia_reference:
                continue
            for name, value in _demonstration_references(number).items():
                setattr(feed, name, value)
            feed.save()


def _install(*, by: User | None, demonstration: bool) -> dict[str, Feed]:
    """Creates the missing default entries (as the demo has them, if `demonstration`);
    returns the entries that were there already, by code."""
    from auditlog.context import set_actor

    existing = {}
    with set_actor(by) if by else nullcontext():
        for number, entry in enumerate(DEFAULT_REGISTER, start=1):
            values = {**entry, "name": Feed.Code(entry["code"]).label}
            if demonstration:
                values["owner_agency"] = DEMO_OWNER_AGENCIES.get(entry["code"], entry["owner_agency"])
                values |= _demonstration_references(number)
            feed, created = Feed.objects.get_or_create(code=entry["code"], defaults=values)
            if not created:
                existing[feed.code] = feed
    return existing


def _demonstration_references(number: int) -> dict[str, object]:
    return {
        "dsa_reference": f"DEMO-DSA-{number:03d}",
        "dpia_reference": f"DEMO-DPIA-{number:02d}",
        "references_are_demonstration": True,
    }


@dataclass(frozen=True)
class FeedUpdate:
    feed: Feed
    events_moved: int
    """Existing events moved from the old default sensitivity to the new one."""


class ChangedMeanwhile(Exception):
    """The entry was saved by someone else after the editor opened it; the message says who,
    and `saved_at` when, so the page can offer the editor's text to be sent again."""

    def __init__(self, message: str, *, saved_at: datetime) -> None:
        super().__init__(message)
        self.saved_at = saved_at


@transaction.atomic
def feed_update(*, by: User, feed: Feed, fields: dict, seen: datetime | None = None) -> FeedUpdate:
    """An administrator's edit of a register entry (logged by auditlog with its actor).

    Events copy their feed's default sensitivity when imported, so a new default is
    carried to the feed's existing events that still have the old one, in one UPDATE
    (events given another sensitivity on purpose keep it). The number moved goes into
    the edit's change-log entry. That family members' events are shown at partner or
    above is decided when they are shown (accounts.access_detail), not stored. The
    layers above are told of the change in this transaction (chronology.sensitivity_changes),
    so what they store at the feed's old tier never outlives the edit. `seen`, when the
    entry the editor opened was last saved: a colleague's save since is refused rather
    than silently undone."""
    from auditlog.context import set_actor

    stored = Feed.objects.select_for_update().get(pk=feed.pk)
    if seen is not None and stored.updated_at != seen:
        last = last_change(stored)
        who = changed_by_words(last) if last else "someone else"
        raise ChangedMeanwhile(
            f"This register entry was saved by {who}, after you opened it.", saved_at=stored.updated_at
        )
    before = stored.default_sensitivity
    for name, value in fields.items():
        setattr(feed, name, value)
    if (feed.dsa_reference, feed.dpia_reference) != (stored.dsa_reference, stored.dpia_reference):
        feed.references_are_demonstration = False
    moved = 0
    if feed.default_sensitivity != before:
        moved = Event.objects.filter(feed=feed, sensitivity=before).update(
            sensitivity=feed.default_sensitivity, updated_at=timezone.now()
        )
        feed.events_moved = moved
        announce_sensitivity_change(
            SensitivityChange(
                feed_id=feed.pk, feed_code=feed.code, before=before, after=feed.default_sensitivity
            )
        )
    with set_actor(by):
        feed.save()
    return FeedUpdate(feed=feed, events_moved=moved)
