"""Sealing entries into the hash chain, and verifying entries and chain.

Writers never touch the chain: each entry is signed as it is written, in its request's
own transaction. A frequent sealing step (a Celery beat task) takes one advisory lock,
appends a link for every entry not yet sealed, in id order, and commits. So page views
never queue behind one lock; the price is that the newest few seconds of entries are
signed but not yet chained, which `verify_access_log` reports as pending."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from accounts.access_log.signing import GENESIS, entry_signature, link_hash, same
from accounts.models import AccessLogEntry, AccessLogSeal, AccessLogSubject

SEAL_LOCK_ID = 0x5AFE_1065
# An entry is written at `at` and committed when its response is ready, so one with a
# lower id may commit after a higher one was sealed. The sealer looks this far back from
# the newest sealed entry's time (not from the clock, so a backlog after the sealer was
# down is sealed in full). Request transactions never last this long.
SEAL_LOOKBACK = timedelta(minutes=10)
SEAL_BATCH = 5000


def _horizon(last: AccessLogSeal) -> datetime:
    return last.entry.at - SEAL_LOOKBACK


@transaction.atomic
def seal_pending(*, batch: int = SEAL_BATCH) -> int:
    """Appends links for up to `batch` unsealed entries; returns how many it sealed."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEAL_LOCK_ID])
    last = AccessLogSeal.objects.select_related("entry").order_by("-seq").first()
    pending = AccessLogEntry.objects.filter(seal__isnull=True)
    if last is not None:
        pending = pending.filter(at__gte=_horizon(last))
    prev_hash, seq = (last.chain_hash, last.seq) if last else (GENESIS, 0)
    now = timezone.now()
    links = []
    for entry_id, signature in pending.order_by("id").values_list("id", "signature")[:batch]:
        seq += 1
        chain_hash = link_hash(seq=seq, entry_id=entry_id, signature=signature, prev_hash=prev_hash)
        links.append(
            AccessLogSeal(
                seq=seq, entry_id=entry_id, prev_hash=prev_hash, chain_hash=chain_hash, sealed_at=now
            )
        )
        prev_hash = chain_hash
    AccessLogSeal.objects.bulk_create(links)
    return len(links)


def seal_all() -> int:
    total = 0
    while (sealed := seal_pending()) > 0:
        total += sealed
        if sealed < SEAL_BATCH:
            break
    return total


@dataclass(frozen=True)
class Problem:
    message: str
    seq: int | None = None
    entry_id: int | None = None


@dataclass
class Verification:
    problems: list[Problem] = field(default_factory=list)
    links: int = 0
    pending: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return not self.problems


def _people(entry_ids: list[int]) -> dict[int, list[int]]:
    people: dict[int, list[int]] = {i: [] for i in entry_ids}
    for entry_id, person_id in AccessLogSubject.objects.filter(entry_id__in=entry_ids).values_list(
        "entry_id", "person_id"
    ):
        people[entry_id].append(person_id)
    return people


def _links(chunk: int) -> Iterator[tuple[AccessLogSeal, list[int]]]:
    after = 0
    while True:
        seals = list(
            AccessLogSeal.objects.filter(seq__gt=after).select_related("entry").order_by("seq")[:chunk]
        )
        if not seals:
            return
        people = _people([s.entry_id for s in seals])
        for seal in seals:
            yield seal, people[seal.entry_id]
        after = seals[-1].seq


def verify_log(*, expected_head: tuple[int, str] | None = None, chunk: int = 2000) -> Verification:
    """Checks every link (numbering, link to the previous one, its HMAC), every entry's
    signature, that every entry older than the sealing look-back is in the chain, and
    that a head recorded elsewhere is still there (the only way to notice that the newest
    entries and their links were removed together)."""
    result = Verification()
    expected_seq, prev_hash = 1, GENESIS
    for seal, people in _links(chunk):
        if seal.seq != expected_seq:
            result.problems.append(
                Problem(f"links {expected_seq} to {seal.seq - 1} are missing: entries were removed", seal.seq)
            )
        if not same(seal.prev_hash, prev_hash):
            result.problems.append(
                Problem("link does not follow the link before it", seal.seq, seal.entry_id)
            )
        if not same(
            seal.chain_hash,
            link_hash(
                seq=seal.seq, entry_id=seal.entry_id, signature=seal.entry.signature, prev_hash=seal.prev_hash
            ),
        ):
            result.problems.append(
                Problem("link hash is wrong: link forged or altered", seal.seq, seal.entry_id)
            )
        if not same(seal.entry.signature, entry_signature(seal.entry, people)):
            result.problems.append(
                Problem("entry signature is wrong: entry forged or altered", seal.seq, seal.entry_id)
            )
        expected_seq, prev_hash = seal.seq + 1, seal.chain_hash
        result.links += 1
    result.head_seq, result.head_hash = expected_seq - 1, prev_hash
    _check_unsealed(result)
    if expected_head is not None:
        _check_head(result, *expected_head)
    return result


def _check_unsealed(result: Verification) -> None:
    last = AccessLogSeal.objects.select_related("entry").order_by("-seq").first()
    horizon = _horizon(last) if last else timezone.now() - SEAL_LOOKBACK
    unsealed = AccessLogEntry.objects.filter(seal__isnull=True).order_by("id")
    for entry in unsealed.iterator(chunk_size=2000):
        if not same(entry.signature, entry_signature(entry, _people([entry.pk])[entry.pk])):
            result.problems.append(
                Problem("unsealed entry signature is wrong: entry forged", entry_id=entry.pk)
            )
        elif entry.at < horizon:
            result.problems.append(
                Problem(
                    "entry is older than the chain head but not in the chain: inserted out of order",
                    entry_id=entry.pk,
                )
            )
        else:
            result.pending += 1


def _check_head(result: Verification, seq: int, chain_hash: str) -> None:
    recorded = AccessLogSeal.objects.filter(seq=seq).values_list("chain_hash", flat=True).first()
    if recorded is None:
        result.problems.append(
            Problem(f"recorded head link {seq} is gone: the newest entries were removed", seq)
        )
    elif not same(recorded, chain_hash):
        result.problems.append(
            Problem(f"recorded head link {seq} has a different hash: chain rewritten", seq)
        )
