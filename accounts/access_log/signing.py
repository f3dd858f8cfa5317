"""The HMAC over one entry and over one chain link. The key comes from the environment
(settings.ACCESS_LOG_HMAC_KEY) and is never stored in the database, so somebody who can
write to the log tables still cannot forge a valid entry or link."""

import hashlib
import hmac
import json
from collections.abc import Iterable
from datetime import UTC

from django.conf import settings

from accounts.models import AccessLogEntry

GENESIS = "0" * 64


def _mac(message: str) -> str:
    key = settings.ACCESS_LOG_HMAC_KEY.encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def entry_signature(entry: AccessLogEntry, person_ids: Iterable[int]) -> str:
    """Covers every field of the entry, its id (so a copied row is not valid under
    another id) and the people it names (so a subject row cannot be added or moved)."""
    canonical = json.dumps(
        [
            entry.pk,
            entry.at.astimezone(UTC).isoformat(),
            entry.actor_id,
            entry.actor_label,
            entry.kind,
            entry.route,
            entry.path,
            entry.remote_addr,
            entry.break_glass_id,
            entry.detail,
            sorted(person_ids),
        ],
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return _mac("entry|" + canonical)


def link_hash(*, seq: int, entry_id: int, signature: str, prev_hash: str) -> str:
    return _mac(f"link|{seq}|{entry_id}|{signature}|{prev_hash}")


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a, b)
