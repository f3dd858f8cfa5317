"""Chronology entries: facts from feeds, with their source. Users never edit them."""

from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce


class Sensitivity(models.TextChoices):
    """Ordered from least to most sensitive (DESIGN.md section 5)."""

    EDUCATION = "education", "Education"
    PARTNER = "partner", "Partner agency"
    RESTRICTED = "restricted", "Restricted"

    @classmethod
    def rank(cls, value: str) -> int:
        return [c.value for c in cls].index(value)


class Event(models.Model):
    person = models.ForeignKey(
        "schools.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        db_index=False,
        help_text="Indexed with occurred_on (below), which also serves lookups by person alone.",
    )
    family = models.ForeignKey(
        "schools.Family",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        db_index=False,
        help_text="Indexed with occurred_on (below), which also serves lookups by family alone.",
    )
    feed = models.ForeignKey(
        "chronology.Feed",
        on_delete=models.PROTECT,
        related_name="events",
        db_index=False,
        help_text="Not indexed: nothing lists events by feed, and feeds are never deleted.",
    )
    category = models.CharField(max_length=64)
    occurred_on = models.DateField()
    occurred_at = models.DateTimeField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    summary = models.TextField()
    details = models.JSONField(default=dict, blank=True)
    sensitivity = models.CharField(max_length=16, choices=Sensitivity.choices)
    source_record = models.ForeignKey(
        "chronology.SourceRecord", on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    feed_run = models.ForeignKey(
        "chronology.FeedRun",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        help_text="Not indexed: nothing lists events by run, and runs are never deleted.",
    )
    link_confidence = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["person", "-occurred_on"]),
            models.Index(fields=["family", "-occurred_on"]),
            models.Index(
                fields=["person", "-occurred_on"],
                condition=models.Q(category="attendance_threshold"),
                name="event_attendance_threshold",
            ),
            # Retention (stewardship) finds a feed's events past its period by the date
            # it counts from, the end of an episode or else the event's date: without
            # this, each feed's nightly run read the whole table several times over.
            models.Index(F("feed"), Coalesce("ended_on", "occurred_on"), name="event_feed_retention_day"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(family__isnull=False),
                name="event_is_about_someone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.category}"
