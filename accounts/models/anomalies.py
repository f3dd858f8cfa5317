"""IG's reviews of access anomalies. Anomalies themselves are computed from the access
log (accounts.selectors.anomalies); a review only records that IG looked, and why the
access was or was not justified."""

from django.conf import settings
from django.db import models


class AnomalyReview(models.Model):
    key = models.CharField(max_length=100, unique=True, help_text="The anomaly's stable key.")
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Whose access the anomaly is about.",
    )
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField()
    reviewed_at = models.DateTimeField()

    class Meta:
        ordering = ["-reviewed_at"]

    def __str__(self) -> str:
        return f"{self.key} reviewed by {self.reviewer_id}"
