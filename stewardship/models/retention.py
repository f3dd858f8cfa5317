"""Retention (DESIGN.md section 2): what the scheduled job removed, and the legal holds
that stop it for a person, a family or a whole feed."""

from collections import Counter
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone


class LegalHoldQuerySet(models.QuerySet):
    def active(self, *, on: date | None = None) -> "LegalHoldQuerySet":
        return self.filter(released_at__isnull=True, ends_on__gte=on or timezone.localdate())


class LegalHold(models.Model):
    """Set by an information-governance officer, with a reason and an end date; while it
    lasts, retention removes nothing it covers."""

    person = models.ForeignKey(
        "schools.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    family = models.ForeignKey(
        "schools.Family", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    feed = models.ForeignKey(
        "chronology.Feed", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField()
    ends_on = models.DateField(help_text="The last day the hold applies.")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(person__isnull=False, family__isnull=True, feed__isnull=True)
                    | models.Q(person__isnull=True, family__isnull=False, feed__isnull=True)
                    | models.Q(person__isnull=True, family__isnull=True, feed__isnull=False)
                ),
                name="legal_hold_covers_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"legal hold {self.pk} until {self.ends_on}"

    @property
    def covers(self) -> str:
        if self.feed_id:
            return f"Feed: {self.feed.name}"
        if self.family_id:
            return f"Family {self.family.family_id}"
        return "Person"

    def is_active(self, on: date | None = None) -> bool:
        return self.released_at is None and self.ends_on >= (on or timezone.localdate())


class RetentionRun(models.Model):
    """One run of the retention job: counts only, per feed, never who."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    dry_run = models.BooleanField(default=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cutoffs = models.JSONField(default=dict, help_text="{feed code: the first event date kept}.")
    removed = models.JSONField(
        default=dict, help_text="{feed code: {kind of record: how many were deleted or anonymised}}."
    )
    holds = models.PositiveIntegerField(default=0, help_text="Legal holds in force during the run.")

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"retention run {self.pk} ({'dry run' if self.dry_run else 'applied'})"

    @property
    def per_feed(self) -> list[tuple[str, str, dict[str, int]]]:
        return [(code, cutoff, self.removed.get(code, {})) for code, cutoff in self.cutoffs.items()]

    @property
    def removed_in_all(self) -> dict[str, int]:
        """Each kind of record removed, over every feed; kinds are never added together
        (a chronology entry and the row as sent behind it are one thing to a reader)."""
        in_all: Counter[str] = Counter()
        for kinds in self.removed.values():
            in_all.update(kinds)
        return dict(in_all)
