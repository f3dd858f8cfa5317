"""The review queue: rows that could not be linked to a person with confidence wait here
for a data officer, and every decision (and every split) is kept."""

from django.conf import settings
from django.db import models


class LinkReview(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a decision"
        LINKED = "linked", "Linked to an existing person"
        NEW_PERSON = "new_person", "New person created"
        REJECTED = "rejected", "Rejected"

    class Origin(models.TextChoices):
        IMPORT = "import", "Import"
        SPLIT = "split", "Split from a person"

    source_record = models.ForeignKey(
        "chronology.SourceRecord", on_delete=models.CASCADE, related_name="reviews"
    )
    run = models.ForeignKey(
        "chronology.FeedRun", on_delete=models.PROTECT, null=True, blank=True, related_name="reviews"
    )
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.IMPORT)
    reason = models.CharField(max_length=300)
    candidates = models.JSONField(
        default=list, blank=True, help_text="[{person_id, score, reasons}] best first, as scored at import."
    )
    split_from = models.ForeignKey(
        "schools.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    person = models.ForeignKey(
        "schools.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_record"],
                condition=models.Q(status="open"),
                name="one_open_review_per_record",
            )
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            # Feed health charts the queue week by week over 90 days: the reviews decided
            # in that time (with the open ones), not every review ever decided.
            models.Index(fields=["decided_at"], name="link_review_decided_at"),
        ]

    def __str__(self) -> str:
        return f"review {self.pk} of {self.source_record_id} ({self.status})"
