"""Feed health as the health pages show it: dates, counts and shares, never a person.
Shares are between 0 and 1; a feed about schools, not people, has no linked or queued
share (null), as its page shows none."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from stewardship.selectors.health import FeedHealth, RunPoint


class ProblemSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="overdue, reject_rate, row_drop or failed.")
    label = serializers.CharField()
    message = serializers.CharField()


class RunPointSerializer(serializers.Serializer):
    run_id = serializers.IntegerField()
    finished_at = serializers.DateTimeField()
    rows = serializers.IntegerField()
    rejected = serializers.IntegerField()
    queued = serializers.IntegerField(allow_null=True)
    linked_with_certainty = serializers.IntegerField(allow_null=True)
    reject_rate = serializers.FloatField(allow_null=True)
    linked_share = serializers.FloatField(
        allow_null=True, help_text="Rows linked to a person with certainty."
    )
    queued_share = serializers.FloatField(allow_null=True, help_text="Rows queued for a person to review.")


def run_point(run: RunPoint, *, person_level: bool) -> dict:
    return {
        "run_id": run.run_id,
        "finished_at": serializers.DateTimeField().to_representation(run.finished_at),
        "rows": run.rows,
        "rejected": run.rejected,
        "queued": run.queued if person_level else None,
        "linked_with_certainty": run.certain if person_level else None,
        "reject_rate": run.reject_rate,
        "linked_share": run.certain_share if person_level else None,
        "queued_share": run.queued_share if person_level else None,
    }


class FeedHealthSerializer(serializers.Serializer):
    code = serializers.CharField(source="feed.code")
    name = serializers.CharField(source="feed.name")
    owner_agency = serializers.CharField(source="feed.owner_agency")
    cadence_days = serializers.IntegerField(source="feed.cadence_days")
    last_success = serializers.DateTimeField(allow_null=True, help_text="The last completed import.")
    due_by = serializers.DateTimeField(allow_null=True, help_text="Cadence plus the grace period.")
    is_overdue = serializers.BooleanField()
    person_level = serializers.BooleanField(help_text="Its rows are about people (linked, queued).")
    latest = serializers.SerializerMethodField(help_text="The latest completed import of the last 90 days.")
    open_reviews = serializers.IntegerField(help_text="Rows waiting in the review queue.")
    oldest_review_at = serializers.DateTimeField(allow_null=True)
    review_age_days = serializers.IntegerField(allow_null=True, help_text="Days the oldest has waited.")
    problems = ProblemSerializer(many=True)

    @extend_schema_field(RunPointSerializer(allow_null=True))
    def get_latest(self, health: FeedHealth) -> dict | None:
        latest = health.latest
        return run_point(latest, person_level=health.person_level) if latest else None


class ReviewWeekSerializer(serializers.Serializer):
    week_ending = serializers.DateTimeField()
    open_reviews = serializers.IntegerField()
    oldest_days = serializers.IntegerField(help_text="Days the oldest open row had waited then.")


class FeedHealthDetailSerializer(FeedHealthSerializer):
    runs = serializers.SerializerMethodField(help_text="Completed imports of the last 90 days, oldest first.")
    review_queue_by_week = ReviewWeekSerializer(
        many=True, help_text="Week by week over the last 90 days, for feeds about people; empty for others."
    )

    @extend_schema_field(RunPointSerializer(many=True))
    def get_runs(self, health: FeedHealth) -> list[dict]:
        return [run_point(run, person_level=health.person_level) for run in health.runs]


class HealthRulesSerializer(serializers.Serializer):
    grace_hours = serializers.IntegerField(help_text="How late past its cadence a feed may be.")
    baseline_runs = serializers.IntegerField(help_text="The usual level is the median of this many imports.")
    reject_rise_points = serializers.IntegerField(
        source="reject_rise",
        help_text="Percentage points above usual (and twice it) that is a problem.",
    )
    row_drop_percent = serializers.IntegerField(
        source="row_drop", help_text="Fewer rows than this percentage of usual is a problem."
    )
