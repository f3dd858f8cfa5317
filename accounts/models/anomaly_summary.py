"""The access log's pattern counts, worked out once per closed UTC hour so that IG's
anomalies page need not group a month of entries each time it is opened
(accounts.services.anomaly_summary fills it, accounts.selectors_anomaly_patterns reads
it). Derived from the log and holding nothing the log does not: user ids, the log's own
actor labels, and counts. Rows are replaced whenever the log under them changes."""

from django.conf import settings
from django.db import models


class AnomalySummaryHour(models.Model):
    """One UTC hour worked out. Its row says the hour is summarised at all, so an hour
    nobody used (no actor rows) is told apart from one never looked at."""

    hour = models.DateTimeField(primary_key=True)
    entries = models.PositiveIntegerField(
        help_text="Every entry of the hour, system actors' too, when it was worked out: a "
        "different count now means entries committed late, or removed under the log's "
        "retention, so the hour is worked out again."
    )
    working_time = models.CharField(
        max_length=100,
        help_text="The working hours, days and time zone the out-of-hours counts were worked out for.",
    )
    summarised_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}:00 UTC, {self.entries} entries"


class AnomalyActorHour(models.Model):
    """One user's (and actor label's) use of the log in one UTC hour."""

    hour = models.ForeignKey(AnomalySummaryHour, on_delete=models.CASCADE, related_name="actors")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_label = models.CharField(max_length=254)
    entries = models.PositiveIntegerField(help_text="Entries of any kind.")
    opened_entries = models.PositiveIntegerField(help_text="Views and exports naming anybody.")
    opened_people = models.PositiveIntegerField(help_text="Different people those views and exports name.")
    outside_people = models.PositiveIntegerField(
        help_text="If the hour is outside working time: people named this hour and in no "
        "earlier hour outside working time of the same local day, so that a day's hours "
        "add up to the different people it named. 0 within working time."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["hour", "actor", "actor_label"], name="anomaly_actor_hour_once")
        ]

    def __str__(self) -> str:
        return f"{self.actor_label} in {self.hour_id:%Y-%m-%d %H}:00 UTC"
