"""The feed-health problems the daily check has told data officers about, so that each is
told once, and again only while it lasts a week."""

from django.db import models
from django.utils import timezone


class FeedAlert(models.Model):
    class Kind(models.TextChoices):
        OVERDUE = "overdue", "Overdue"
        REJECT_RATE = "reject_rate", "Reject rate far above its recent level"
        ROW_DROP = "row_drop", "Fewer than half the usual rows"
        FAILED = "failed", "Latest import did not complete"

    feed = models.ForeignKey("chronology.Feed", on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    message = models.CharField(max_length=300)
    raised_at = models.DateTimeField()
    last_told_at = models.DateTimeField()
    times_told = models.PositiveSmallIntegerField(default=1)
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "kind"],
                condition=models.Q(cleared_at__isnull=True),
                name="one_open_alert_per_problem",
            )
        ]

    def __str__(self) -> str:
        return f"{self.feed_id} {self.kind} since {timezone.localtime(self.raised_at):%Y-%m-%d}"
