"""Trigger-point rules (DESIGN.md sections 2 and 4). An indicator is the stable thing
people talk about (`tp07`); what it means at any time is its latest version. Editing
never changes a version: it adds one, so a flag always names the rule that raised it."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models


class RuleType(models.TextChoices):
    """What an administrator composes indicators from; the parameters of each are
    described in risk.rules.params and docs/trigger-points.md."""

    ATTENDANCE_RATE = "attendance_rate", "Attendance at or below a rate over recent school weeks"
    REGISTER_CODES = "register_codes", "Register codes recorded in recent school weeks"
    EVENTS = "events", "Events of given categories within a window"
    OPEN_EPISODE = "open_episode", "An open episode"
    FAMILY_EVENTS = "family_events", "Events about a family member or the household within a window"
    ATTRIBUTE = "attribute", "A current attribute of the pupil's enrolment"


class Indicator(models.Model):
    code = models.CharField(
        max_length=16,
        unique=True,
        validators=[RegexValidator(r"^[a-z][a-z0-9_]{1,15}$", "Lower-case letters, digits and _.")],
        help_text="Stable: flags, filters, exports and the API name the indicator by it.",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Where it is listed.")
    enabled = models.BooleanField(
        default=True, help_text="Off: no flags are raised, and its current flags are cleared."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_weeks = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text=(
            "The school weeks (Mondays) its attendance rules last decided everyone's flags "
            "over. While the window is the same, marks change only the flags of the pupils "
            "they are for; once it moves, everyone's may change."
        ),
    )

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.code

    @property
    def current_version(self) -> "IndicatorVersion":
        """The latest version; prefetch `versions` (or use selectors) for lists."""
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is not None:
            return max(versions, key=lambda v: v.number)
        return self.versions.order_by("-number").first()


_PATTERN_RULES = frozenset({RuleType.ATTENDANCE_RATE, RuleType.REGISTER_CODES})


class IndicatorVersion(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    description = models.TextField(help_text="Plain English, shown to users next to every flag.")
    rules = models.JSONField(
        help_text='A list of {"type": RuleType, "params": {...}}: the indicator holds when any one does.'
    )
    weight = models.PositiveSmallIntegerField(default=1, help_text="Counts towards the tier.")
    stronger_at = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="With this many pieces of evidence or more the flag is stronger and counts double.",
    )
    needs_review = models.BooleanField(
        default=False, help_text="Flags wait for a taskforce officer's confirmation before schools see them."
    )
    change_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "number"], name="one_version_number_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} v{self.number}"

    @property
    def rests_on_patterns(self) -> bool:
        """Whether every rule reads a pattern of the register that goes on week by week: a
        flag of such a version, dismissed, stays dismissed while the pattern lasts (more
        weeks are not new evidence) and comes back only once it ends and begins again."""
        return all(rule["type"] in _PATTERN_RULES for rule in self.rules)
