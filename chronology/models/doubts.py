"""Links that a professional reading a chronology doubts (issue 20, item 4). A DSL or
taskforce officer reports an entry as perhaps not about the young person; the report
waits in the data officers' review queue, where they see the source row and keep the
link or split the row off (which sends it back to the queue as a split)."""

from django.conf import settings
from django.db import models


class LinkDoubt(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a data officer"
        KEPT = "kept", "Link kept"
        SPLIT = "split", "Row split off"

    source_record = models.ForeignKey(
        "chronology.SourceRecord", on_delete=models.CASCADE, related_name="doubts"
    )
    person = models.ForeignKey(
        "schools.Person",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The young person whose chronology showed the entry.",
    )
    linked_person = models.ForeignKey(
        "schools.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Whom the row was linked to when reported (a relative, for a family entry).",
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["reported_at", "id"]
        indexes = [models.Index(fields=["status", "reported_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source_record", "reported_by"],
                condition=models.Q(status="open"),
                name="one_open_doubt_per_record_and_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"doubt {self.pk} about {self.source_record_id} ({self.status})"
