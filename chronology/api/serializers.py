"""Feeds and import runs for data officers and integrations holding that role."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from chronology.models import Feed, FeedRun, RejectedRow
from chronology.services.imports import missing_register_entries, upload_too_large
from portal.api.bodies import Body


class FeedSerializer(serializers.ModelSerializer):
    missing_register_entries = serializers.SerializerMethodField(
        help_text="What the feed register lacks before this feed may be imported; empty when importable."
    )
    upload_url = serializers.SerializerMethodField()

    class Meta:
        model = Feed
        fields = [
            "code",
            "name",
            "owner_agency",
            "default_sensitivity",
            "cadence_days",
            "is_importable",
            "missing_register_entries",
            "upload_url",
        ]

    def get_missing_register_entries(self, feed: Feed) -> list[str]:
        return missing_register_entries(feed)

    def get_upload_url(self, feed: Feed) -> str:
        return reverse("api:feed-run-create", args=[feed.code], request=self.context.get("request"))


class FeedRunSerializer(serializers.ModelSerializer):
    feed = serializers.CharField(source="feed.code")
    status_label = serializers.CharField(source="get_status_display")
    started_by = serializers.CharField(source="started_by_label")
    url = serializers.SerializerMethodField()
    past_retention_reason = serializers.SerializerMethodField(
        help_text="Why the rows counted in rows_past_retention were left out; empty when none were."
    )

    class Meta:
        model = FeedRun
        fields = [
            "id",
            "url",
            "feed",
            "original_filename",
            "checksum",
            "status",
            "status_label",
            "is_finished",
            "started_by",
            "created_at",
            "started_at",
            "finished_at",
            "file_error",
            "header",
            "unknown_columns",
            "unsupplied_columns",
            "rows_total",
            "rows_read",
            "rows_done",
            "rows_imported",
            "rows_unchanged",
            "rows_queued",
            "rows_rejected",
            "rows_past_retention",
            "past_retention_reason",
            "marks_linked",
        ]

    def get_past_retention_reason(self, run: FeedRun) -> str:
        """As the run's page: said only beside rows it left out."""
        return run.past_retention_reason if run.rows_past_retention else ""

    def get_url(self, run: FeedRun) -> str:
        return reverse("api:feed-run-detail", args=[run.pk], request=self.context.get("request"))


class RejectedRowSerializer(serializers.ModelSerializer):
    class Meta:
        model = RejectedRow
        fields = ["line_number", "column", "reason", "values"]


class RejectedRowPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = RejectedRowSerializer(many=True)


class FeedRunDetailSerializer(FeedRunSerializer):
    rejected_rows = serializers.SerializerMethodField(help_text="One page of the rows the import rejected.")

    class Meta(FeedRunSerializer.Meta):
        fields = [*FeedRunSerializer.Meta.fields, "rejected_rows"]

    @extend_schema_field(RejectedRowPageSerializer)
    def get_rejected_rows(self, run: FeedRun) -> dict:
        return self.context["rejected_rows"]


class UploadSerializer(Body):
    file = serializers.FileField(
        help_text="A UTF-8 CSV file in the feed's published format (FEEDS.md), at most FEED_UPLOAD_MAX_MB."
    )

    def validate_file(self, file: object) -> object:
        if refusal := upload_too_large(file.size):
            raise serializers.ValidationError(refusal)
        return file
