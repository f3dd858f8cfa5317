"""Interventions allocated on an accepted referral, and the sessions that deliver them.
The allocated worker's access to the young person is a per-person grant made and
removed by the services, never by hand."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Programme(models.Model):
    """What is offered. Administrators add programmes in the Django admin; a programme
    in use is retired (inactive), never deleted."""

    class Kind(models.TextChoices):
        GROUP = "group", "Group work"
        ONE_TO_ONE = "one_to_one", "One-to-one"
        SPECIALIST = "specialist", "Specialist referral"
        FAMILY = "family", "Family support"
        DIVERSIONARY = "diversionary", "Diversionary activity"
        OTHER = "other", "Other"

    DELIVERED_ONE_TO_ONE = (Kind.ONE_TO_ONE, Kind.SPECIALIST, Kind.FAMILY)
    """Kinds delivered to one young person (or their family): never a group session.
    Group work and diversionary activity meet in groups; "other" may, so it is offered."""

    name = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InterventionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class ClosureReason(models.TextChoices):
    COMPLETED = "completed", "Completed as planned"
    ESCALATED = "escalated", "Stepped up to statutory services"
    DISENGAGED = "disengaged", "Young person disengaged"
    MOVED = "moved", "Moved away"
    NO_LONGER_NEEDED = "no_longer_needed", "No longer needed"
    OTHER = "other", "Other"


class Intervention(models.Model):
    referral = models.ForeignKey(
        "interventions.Referral", on_delete=models.PROTECT, related_name="interventions"
    )
    young_person = models.ForeignKey("schools.Person", on_delete=models.PROTECT, related_name="interventions")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="interventions")
    provider = models.CharField(max_length=200)
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="allocations")
    start_date = models.DateField()
    planned_sessions = models.PositiveSmallIntegerField()
    review_date = models.DateField()
    status = models.CharField(
        max_length=10, choices=InterventionStatus.choices, default=InterventionStatus.ACTIVE
    )
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    allocated_at = models.DateTimeField()
    closed_on = models.DateField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closure_reason = models.CharField(max_length=20, choices=ClosureReason.choices, blank=True)
    outcome_summary = models.TextField(blank=True)
    specialist_support_received = models.BooleanField(
        null=True,
        blank=True,
        help_text="Recorded at closure: whether the specialist support it sought was received.",
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every change: a change made on an older version is refused."
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        indexes = [
            models.Index(fields=["worker", "status"]),
            models.Index(fields=["status", "review_date"]),
            models.Index(fields=["young_person", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_sessions__gte=1), name="intervention_plans_a_session"
            ),
            models.CheckConstraint(
                condition=models.Q(review_date__gte=models.F("start_date")),
                name="intervention_review_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} for person {self.young_person_id}"

    @property
    def is_active(self) -> bool:
        return self.status == InterventionStatus.ACTIVE

    @property
    def review_overdue(self) -> bool:
        """Open, and its review date has passed: the worker's list and the intervention's
        page say so, as the taskforce's work queue does."""
        return self.is_active and self.review_date < timezone.localdate()


class Session(models.Model):
    """One meeting. A group session has an attendance row for each young person in it;
    an individual session has one. Notes are per young person, so a group session's note
    about one child is never shown on another's record."""

    class Kind(models.TextChoices):
        GROUP = "group", "Group"
        INDIVIDUAL = "individual", "Individual"

    date = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="sessions")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    corrected_at = models.DateTimeField(
        null=True, blank=True, help_text="The latest correction; what changed is in the session's history."
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every change: a change made on an older version is refused."
    )

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} session on {self.date}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Attendance(models.Model):
    class Status(models.TextChoices):
        ATTENDED = "attended", "Attended"
        DID_NOT_ATTEND = "did_not_attend", "Did not attend"
        CANCELLED = "cancelled", "Cancelled"

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendances")
    intervention = models.ForeignKey(Intervention, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(max_length=16, choices=Status.choices)
    note = models.CharField(max_length=500, blank=True)
    withdrawn = models.BooleanField(
        default=False,
        help_text=(
            "Kept but no longer counted: the session was withdrawn, or a correction took this young "
            "person out of it. Every count of sessions reads only rows where this is false."
        ),
    )

    class Meta:
        ordering = ["-session__date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "intervention"], name="one_attendance_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: intervention {self.intervention_id}"


class SessionEntry(models.Model):
    """One line of a session's history, as ReferralEntry is for a referral: a correction
    or the withdrawal, with who, when, why, and the session as it was before and after
    (date, kind, and each young person's attendance keyed by their intervention's id), so
    the original is never lost and each reader can be shown only the young people they
    may see."""

    class Action(models.TextChoices):
        CORRECTED = "corrected", "Corrected"
        WITHDRAWN = "withdrawn", "Withdrawn: recorded in error"

    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="entries")
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.CharField(max_length=500)
    before = models.JSONField(
        help_text='{"date", "kind", "attendance": {intervention id: {"status", "note"}}}'
    )
    after = models.JSONField(help_text="The same, after the change.")

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = "session entries"

    def __str__(self) -> str:
        return f"{self.get_action_display()} on session {self.session_id}"
