"""Outcomes measured from the feeds, never typed in: a baseline when the intervention is
allocated, and the same measures for the period since at each review and at closure."""

from django.db import models


class Measure(models.Model):
    class Point(models.TextChoices):
        BASELINE = "baseline", "Baseline"
        REVIEW = "review", "Review"
        CLOSURE = "closure", "Closure"

    intervention = models.ForeignKey(
        "interventions.Intervention", on_delete=models.PROTECT, related_name="measures"
    )
    point = models.CharField(max_length=10, choices=Point.choices)
    measured_on = models.DateField(
        help_text="The day the measures were taken for (the review or closure date)."
    )
    attendance_from = models.DateField(null=True, blank=True)
    attendance_to = models.DateField(null=True, blank=True)
    school_weeks = models.PositiveSmallIntegerField(default=0)
    sessions_attended = models.PositiveIntegerField(default=0)
    sessions_possible = models.PositiveIntegerField(default=0)
    events_from = models.DateField()
    events_to = models.DateField()
    suspensions = models.PositiveIntegerField(default=0)
    police_incidents_as_suspect = models.PositiveIntegerField(default=0)
    asb_reports = models.PositiveIntegerField(
        default=0, help_text="Police incidents of anti-social behaviour, any role."
    )
    missing_episodes = models.PositiveIntegerField(default=0)
    specialist_support = models.PositiveIntegerField(
        default=0, help_text="Attended sessions of specialist programmes, and CAMHS acceptances."
    )
    open_trigger_points = models.PositiveIntegerField(
        default=0, help_text="Current flags nobody has dismissed, when the measure was taken."
    )
    by_sensitivity = models.JSONField(
        default=dict,
        blank=True,
        help_text=(
            "What each count above is made of: count name -> {source: {sensitivity: how many}}, a "
            "source being a feed's code, 'sessions' or 'flag:<id>' (open trigger points awaiting "
            "review apart). The counts are whole, for the taskforce; anyone else is shown only the "
            "tiers they may see (interventions.measures_seen). A count missing here has parts not "
            "known."
        ),
    )
    too_soon = models.BooleanField(
        default=False,
        help_text=(
            "Taken before a whole school week since the start had passed (measures.first_measurable): "
            "nothing since the start to set beside the baseline, so it is shown as not measured and "
            "left out of the scorecards."
        ),
    )
    review_note = models.TextField(
        blank=True, help_text="The worker's judgement at a review or closure, beside the measured facts."
    )
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The day the worker recorded the review, which may be after the review date it "
            "measures (measured_on). Empty for reviews recorded before it was kept."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["intervention"],
                condition=models.Q(point="baseline"),
                name="one_baseline_per_intervention",
            ),
            models.UniqueConstraint(
                fields=["intervention", "point", "measured_on"], name="one_measure_per_point_and_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_point_display()} of intervention {self.intervention_id} on {self.measured_on}"

    @property
    def attendance_percent(self) -> float | None:
        if not self.sessions_possible:
            return None
        return round(100 * self.sessions_attended / self.sessions_possible, 1)
