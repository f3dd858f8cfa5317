"""The access log: one entry per view of a child's record or per list page (naming
every record it showed), including refused attempts. Append-only on PostgreSQL: the
triggers below refuse UPDATE, DELETE and TRUNCATE, whoever asks.

Each entry is signed with an HMAC when it is written (`signature`); a frequent sealing
step then links entries into a hash chain in `AccessLogSeal`, a separate append-only
table, so writing an entry never waits on a chain-wide lock (see docs/access-log.md)."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone


def append_only(prefix: str) -> list[pgtrigger.Trigger]:
    """Row triggers refuse UPDATE and DELETE; a statement trigger refuses TRUNCATE (which
    row triggers never see). Only `pgtrigger.ignore` on these exact names lets a test
    clear the tables."""
    return [
        pgtrigger.Protect(name=f"{prefix}_append_only", operation=pgtrigger.Update | pgtrigger.Delete),
        pgtrigger.Trigger(
            name=f"{prefix}_no_truncate",
            operation=pgtrigger.Truncate,
            level=pgtrigger.Statement,
            when=pgtrigger.Before,
            func="RAISE EXCEPTION 'pgtrigger: Cannot truncate % table', TG_TABLE_NAME;",
        ),
    ]


class AccessLogEntry(models.Model):
    class Kind(models.TextChoices):
        VIEW = "view", "Viewed a record"
        LIST = "list", "Listed records"
        SEARCH = "search", "Searched records"
        EXPORT = "export", "Exported records"
        DENIED = "denied", "Refused access"

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(
        max_length=254, help_text="The user's email, or a named system actor for tasks."
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    route = models.CharField(max_length=200, help_text="URL name or API endpoint.")
    path = models.CharField(max_length=2000)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    break_glass = models.ForeignKey(
        "accounts.BreakGlass", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)
    signature = models.CharField(max_length=64, help_text="HMAC-SHA256 of the entry and the people it names.")

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "access log entries"
        indexes = [
            models.Index(fields=["actor", "at"]),
            models.Index(fields=["kind", "at"]),
        ]
        triggers = append_only("entry")

    def __str__(self) -> str:
        at = timezone.localtime(self.at)
        return f"#{self.pk} {self.actor_label} {self.kind} {self.route} at {at:%Y-%m-%d %H:%M}"


class AccessLogSubject(models.Model):
    """One row per record an entry names, so "who has seen this child" is one index scan."""

    id = models.BigAutoField(primary_key=True)
    entry = models.ForeignKey(AccessLogEntry, on_delete=models.PROTECT, related_name="subjects")
    person = models.ForeignKey("schools.Person", on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["person", "entry"])]
        triggers = append_only("subject")

    def __str__(self) -> str:
        return f"entry {self.entry_id} named person {self.person_id}"


class AccessLogSeal(models.Model):
    """One link of the hash chain: `seq` counts from 1 without gaps, and `chain_hash` is an
    HMAC over this link's entry (id and signature) and the previous link's hash. Appended
    only by the sealing step, under one advisory lock."""

    seq = models.BigIntegerField(primary_key=True)
    entry = models.OneToOneField(AccessLogEntry, on_delete=models.PROTECT, related_name="seal")
    prev_hash = models.CharField(max_length=64)
    chain_hash = models.CharField(max_length=64)
    sealed_at = models.DateTimeField()

    class Meta:
        ordering = ["seq"]
        triggers = append_only("seal")

    def __str__(self) -> str:
        return f"link {self.seq}: entry {self.entry_id}"
