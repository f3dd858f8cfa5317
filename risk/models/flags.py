"""Flags: one young person meeting one indicator, from when the rule first held until
its evidence left the window. A flag is a prompt for professional judgement, never a
decision (DESIGN.md section 1), so it keeps what raised it (the version and the
evidence) and what people made of it (a review, a dismissal)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from chronology.models import Sensitivity


class Review(models.TextChoices):
    NOT_NEEDED = "not_needed", "No review needed"
    PENDING = "pending", "Waiting for taskforce review"
    CONFIRMED = "confirmed", "Confirmed by the taskforce"


class DismissalReason(models.TextChoices):
    KNOWN_AND_SUPPORTED = "known_and_supported", "Already known and supported"
    DATA_WRONG = "data_wrong", "The data is wrong or about another child"
    NOT_A_CONCERN = "not_a_concern", "Not a concern in this young person's circumstances"
    OUT_OF_DATE = "out_of_date", "The circumstances have changed since"
    OTHER = "other", "Other"


class ClearedBecause(models.TextChoices):
    EVIDENCE_LEFT = "evidence_left", "Its evidence left the rule's window"
    INDICATOR_OFF = "indicator_off", "The indicator was switched off"
    NEW_EVIDENCE = "new_evidence", "Dismissed; raised again on new evidence"


class Flag(models.Model):
    person = models.ForeignKey("schools.Person", on_delete=models.CASCADE, related_name="flags")
    indicator = models.ForeignKey("risk.Indicator", on_delete=models.PROTECT, related_name="flags")
    version = models.ForeignKey("risk.IndicatorVersion", on_delete=models.PROTECT, related_name="flags")
    raised_at = models.DateTimeField()
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_because = models.CharField(max_length=16, choices=ClearedBecause.choices, blank=True)
    sensitivity = models.CharField(
        max_length=16, choices=Sensitivity.choices, help_text="The highest sensitivity of its evidence."
    )
    stronger = models.BooleanField(default=False, help_text="The rule's stronger threshold is met too.")
    latest_evidence_on = models.DateField(null=True, blank=True)
    review = models.CharField(max_length=16, choices=Review.choices, default=Review.NOT_NEEDED)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dismissed_at = models.DateTimeField(null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dismissal_reason = models.CharField(max_length=24, choices=DismissalReason.choices, blank=True)
    dismissal_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "indicator"],
                condition=Q(cleared_at__isnull=True),
                name="one_current_flag_per_person_indicator",
            ),
            models.CheckConstraint(
                condition=Q(dismissed_at__isnull=True) | ~Q(dismissal_reason=""),
                name="dismissal_has_reason",
            ),
        ]
        indexes = [
            models.Index(
                fields=["indicator", "person"], condition=Q(cleared_at__isnull=True), name="flag_current"
            ),
            # The lists and dashboards read a page's young people's current flags by
            # person: with the columns they count, sort and filter by included, that is
            # an index-only scan, without a visit to the table for each flag.
            models.Index(
                fields=["person"],
                include=[
                    "id",
                    "indicator",
                    "version",
                    "sensitivity",
                    "review",
                    "dismissed_at",
                    "stronger",
                    "raised_at",
                ],
                condition=Q(cleared_at__isnull=True),
                name="flag_current_by_person",
            ),
            models.Index(fields=["raised_at"], name="flag_raised_at"),
            models.Index(fields=["review"], condition=Q(review="pending"), name="flag_pending_review"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} for {self.person_id}"

    @property
    def is_current(self) -> bool:
        return self.cleared_at is None

    @property
    def is_dismissed(self) -> bool:
        return self.dismissed_at is not None


class FlagEvidence(models.Model):
    """One record that satisfied the rule: an event (the young person's, a relative's or
    the household's), a week of attendance, a register mark, or an enrolment attribute.
    `key` names the record across recomputations, so "new evidence" is a key not seen
    before."""

    class Kind(models.TextChoices):
        EVENT = "event", "Event"
        FAMILY_EVENT = "family_event", "Event about a family member or the household"
        ATTENDANCE_WEEK = "attendance_week", "A week of attendance"
        REGISTER_MARK = "register_mark", "A register mark"
        ATTRIBUTE = "attribute", "An attribute of the enrolment"

    flag = models.ForeignKey(
        Flag, on_delete=models.CASCADE, related_name="evidence", db_index=False, db_constraint=False
    )
    """Looked up through the (flag, key) constraint's index; a second index on the flag
    alone only slowed writing a city's evidence. No database constraint either: its
    deferred check locked the flag of each evidence row written, at COMMIT (a cold city
    run writes 590,000; a day's register marks, 24,000). Evidence is written only by
    the recompute, for flags it has just read or raised under its indicators' locks;
    flags are never deleted but through Django, which deletes their evidence first."""
    key = models.CharField(max_length=40)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    event = models.ForeignKey(
        "chronology.Event",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    relative = models.ForeignKey(
        "schools.FamilyMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    """The event and the relative carry no database constraint: checking one for each of
    a city's half a million evidence rows at COMMIT (and locking the event it names) took
    minutes. Django still cascades a deleted event and clears a removed relative, and
    retention anonymises, rather than deletes, an event that is some flag's evidence."""
    relationship = models.CharField(max_length=16, blank=True, help_text="The relative's, or 'household'.")
    occurred_on = models.DateField()
    sensitivity = models.CharField(max_length=16, choices=Sensitivity.choices)
    note = models.CharField(max_length=100, blank=True, help_text="What a week or an attribute showed.")

    class Meta:
        ordering = ["-occurred_on", "id"]
        constraints = [models.UniqueConstraint(fields=["flag", "key"], name="one_evidence_key_per_flag")]

    def __str__(self) -> str:
        return f"{self.flag_id}: {self.key}"
