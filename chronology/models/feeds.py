"""The feed register and the record of every import (DESIGN.md section 2: no feed is
imported without its lawful basis, data-sharing agreement and DPIA on the register)."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull

from chronology.link_words import linked_by
from chronology.models.events import Sensitivity
from portal.sentences import counted


class Feed(models.Model):
    class Code(models.TextChoices):
        SCHOOLS = "schools", "Schools"
        SCHOOL_CENSUS = "school_census", "School census"
        ATTENDANCE = "attendance", "Attendance"
        SUSPENSIONS = "suspensions", "Suspensions and exclusions"
        POLICE_INCIDENTS = "police_incidents", "Police incidents"
        POLICE_INTELLIGENCE = "police_intelligence", "Police intelligence"
        YOUTH_JUSTICE = "youth_justice", "Youth justice"
        MISSING_EPISODES = "missing_episodes", "Missing episodes"
        SOCIAL_CARE = "social_care", "Children's social care"
        EARLY_HELP = "early_help", "Early help"
        HEALTH = "health", "Health"
        DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse notifications"
        HOUSEHOLDS = "households", "Households"
        HOUSING_BENEFITS = "housing_benefits", "Housing and benefits"

    code = models.CharField(max_length=32, choices=Code.choices, unique=True)
    name = models.CharField(max_length=200)
    owner_agency = models.CharField(max_length=200)
    purpose = models.TextField(blank=True)
    lawful_basis = models.TextField(blank=True)
    dsa_reference = models.CharField("data-sharing agreement reference", max_length=100, blank=True)
    dpia_reference = models.CharField("DPIA reference", max_length=100, blank=True)
    references_are_demonstration = models.BooleanField(
        default=False,
        help_text="The agreement and DPIA references were made up for the demo city; the register "
        "and the privacy notice say so. Recording real references clears it.",
    )
    cadence_days = models.PositiveIntegerField(
        "refresh cadence (days)", default=7, validators=[MinValueValidator(1), MaxValueValidator(366)]
    )
    retention_months = models.PositiveIntegerField(
        "retention period (months)", default=72, validators=[MinValueValidator(1), MaxValueValidator(1200)]
    )
    """Bounded so that a slip on the register cannot have the nightly retention job remove a
    whole feed (0 months), nor put a due date or a cut-off past the calendar, which took
    the feed-health pages and every retention run down."""
    default_sensitivity = models.CharField(max_length=16, choices=Sensitivity.choices)
    authoritative_for_identity = models.BooleanField(
        default=False, help_text="May create new people (school census, households)."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_importable(self) -> bool:
        return bool(self.lawful_basis.strip() and self.dsa_reference.strip() and self.dpia_reference.strip())

    def get_additional_data(self) -> dict | None:
        """Read by django-auditlog into this edit's change-log entry: how many existing
        events a change of default sensitivity moved (set by feed_update)."""
        moved = getattr(self, "events_moved", None)
        return None if moved is None else {"events_moved_to_new_sensitivity": moved}


class FeedRun(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to start"
        RUNNING = "running", "Importing"
        COMPLETED = "completed", "Completed"
        REJECTED = "rejected", "File rejected"
        FAILED = "failed", "Failed"

    feed = models.ForeignKey(Feed, on_delete=models.PROTECT, related_name="runs")
    file = models.FileField(upload_to="feeds/%Y/%m/")
    original_filename = models.CharField(max_length=255)
    checksum = models.CharField("SHA-256", max_length=64)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    command_line_user = models.CharField(
        "operating-system user",
        max_length=150,
        blank=True,
        help_text="Who ran import_feed, for a run started on the command line.",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    file_error = models.TextField(blank=True)
    header = models.JSONField(default=list, blank=True, help_text="The file's header row, as sent.")
    unknown_columns = models.JSONField(default=list, blank=True)
    unsupplied_columns = models.JSONField(
        default=list, blank=True, help_text="Identity columns of the feed that the file did not have."
    )
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    rows_read = models.PositiveIntegerField(
        default=0, help_text="Data rows read from the file, as the reader counted them."
    )
    rows_imported = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_queued = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    rows_past_retention = models.PositiveIntegerField(
        default=0,
        db_default=0,
        help_text="Valid rows left out because they are past the feed's retention period and no "
        "legal hold covers them: the retention job would remove them (docs/retention.md).",
    )
    retention_months = models.PositiveIntegerField(
        null=True, blank=True, help_text="The feed's retention period when the run imported."
    )
    retention_cutoff = models.DateField(
        null=True, blank=True, help_text="The first event date the run could import (today minus the period)."
    )
    rows_linked_certain = models.PositiveIntegerField(
        default=0,
        help_text="Rows of the file linked to a person by an exact identifier (or by a data officer's "
        "earlier decision), unchanged ones included: the feed-health share linked with certainty.",
    )
    marks_linked = models.PositiveIntegerField(
        default=0,
        help_text="Attendance marks that waited for a pupil with their UPN, linked because this "
        "import gave a pupil that UPN (not rows of this file).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    progress_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the import last reported progress: with the feed's lock free and no recent "
        "progress, a running import has lost its worker.",
    )
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times the import has started (a lost worker's task is redelivered)."
    )
    queued_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When its import was last sent to the task queue; empty for a run imported by the "
        "process that created it (import_feed, seed_demo).",
    )
    times_queued = models.PositiveSmallIntegerField(
        default=0, help_text="How often its import was sent to the task queue (a lost task is sent again)."
    )
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.feed.code} run {self.pk}"

    @property
    def started_by_label(self) -> str:
        """Who answers for the run: the portal user, the operating-system account that ran
        the command, or both."""
        os_user = f" (OS user {self.command_line_user})" if self.command_line_user else ""
        if self.started_by:
            name = self.started_by.display_name
            return f"{name}, command line{os_user}" if os_user else name
        return f"Command line{os_user}"

    @property
    def duration(self) -> timedelta | None:
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def file_kept(self) -> bool:
        """Retention deletes a run's file with its rows (stewardship), and storage can lose
        one; a run without its file cannot be imported again."""
        return bool(self.file) and self.file.storage.exists(self.file.name)

    @property
    def past_retention_reason(self) -> str:
        """Why the rows counted in rows_past_retention were left out, in a data officer's words."""
        if self.retention_cutoff is None:
            return ""
        return (
            f"older than this feed's retention period of {counted(self.retention_months, 'month')} (dated "
            f"before {self.retention_cutoff:%-d %B %Y}; an episode or a school or household spell "
            "counts from its end): not imported"
        )

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.COMPLETED, self.Status.REJECTED, self.Status.FAILED}


class RejectedRow(models.Model):
    run = models.ForeignKey(FeedRun, on_delete=models.CASCADE, related_name="rejected_rows")
    line_number = models.PositiveIntegerField()
    column = models.CharField(max_length=100, blank=True)
    reason = models.TextField()
    values = models.JSONField(help_text="The row as read: cells in the order of the run's header.")

    class Meta:
        ordering = ["line_number", "id"]

    def __str__(self) -> str:
        return f"line {self.line_number}: {self.reason}"


UNLINKED = IsNull(Coalesce("person", "family"), True)
"""A row linked to no person and no family."""


class SourceRecord(models.Model):
    """One row of one feed, as last imported: the key to idempotent re-imports and the
    provenance (and link) of everything made from it."""

    feed = models.ForeignKey(Feed, on_delete=models.PROTECT, related_name="records")
    source_record_id = models.CharField(max_length=100)
    content_hash = models.CharField(max_length=64)
    values = models.JSONField()
    last_run = models.ForeignKey(FeedRun, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "schools.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="source_records"
    )
    family = models.ForeignKey(
        "schools.Family", on_delete=models.PROTECT, null=True, blank=True, related_name="source_records"
    )
    link_confidence = models.FloatField(null=True, blank=True)
    link_method = models.CharField(max_length=32, blank=True)
    undo = models.JSONField(
        default=dict,
        blank=True,
        help_text="What applying the record changed beyond what it made (an enrolment it ended), "
        "so that splitting it off restores it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feed", "source_record_id"], name="unique_source_record")
        ]
        indexes = [
            models.Index(fields=["person"]),
            models.Index(fields=["family"]),
            # Rows that never linked to anyone, which retention looks through by feed:
            # a few in a hundred, where a feed's rows are millions. Written as one
            # condition, not "no person and no family": PostgreSQL estimated those two
            # apart and read every family's row by the person index instead (0.3 s a
            # feed at 20,000 young people, against under a millisecond).
            models.Index(fields=["feed"], condition=models.Q(UNLINKED), name="source_record_unlinked"),
        ]

    def __str__(self) -> str:
        return f"{self.feed_id}:{self.source_record_id}"

    @property
    def linked_by(self) -> str:
        return linked_by(method=self.link_method, confidence=self.link_confidence)
