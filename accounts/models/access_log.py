"""The access log: one entry per view of a child's record or per list page (naming
every record it showed), including refused attempts. Append-only."""

from django.conf import settings
from django.db import models


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

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "access log entries"
        indexes = [models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.actor_label} {self.kind} {self.route} at {self.at:%Y-%m-%d %H:%M}"


class AccessLogSubject(models.Model):
    """One row per record an entry names, so "who has seen this child" is one index scan."""

    id = models.BigAutoField(primary_key=True)
    entry = models.ForeignKey(AccessLogEntry, on_delete=models.PROTECT, related_name="subjects")
    person = models.ForeignKey("schools.Person", on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["person", "entry"])]

    def __str__(self) -> str:
        return f"entry {self.entry_id} named person {self.person_id}"
