from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import AccessLogEntry, ApiToken, User
from schools.api.serializers import SchoolBriefSerializer
from schools.models import Person


class RoleSerializer(serializers.Serializer):
    code = serializers.CharField(source="value")
    label = serializers.CharField()


class TokenBriefSerializer(serializers.ModelSerializer):
    key = serializers.CharField(source="token_key", help_text="The token's public start, never its secret.")
    expires_at = serializers.DateTimeField(source="expiry", allow_null=True)

    class Meta:
        model = ApiToken
        fields = ["key", "name", "expires_at"]


class MeSerializer(serializers.ModelSerializer):
    role = RoleSerializer(allow_null=True)
    schools = SchoolBriefSerializer(many=True, help_text="School staff: their schools; others: none.")
    token = TokenBriefSerializer(allow_null=True, help_text="The token this call used; null in a browser.")

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "display_name",
            "job_title",
            "is_service_account",
            "role",
            "schools",
            "token",
        ]


class PersonIdentitySerializer(serializers.ModelSerializer):
    """Identity only: IG reviews access to records, never their content."""

    class Meta:
        model = Person
        fields = ["id", "forename", "surname", "date_of_birth", "upn"]


class ActorSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "display_name"]


class PersonHistoryEntrySerializer(serializers.ModelSerializer):
    actor = ActorSerializer(allow_null=True)
    kind_label = serializers.CharField(source="get_kind_display")
    break_glass_reason = serializers.SerializerMethodField()

    class Meta:
        model = AccessLogEntry
        fields = [
            "id",
            "at",
            "actor",
            "actor_label",
            "kind",
            "kind_label",
            "route",
            "path",
            "remote_addr",
            "break_glass_reason",
            "detail",
        ]

    def get_break_glass_reason(self, entry: AccessLogEntry) -> str | None:
        return entry.break_glass.reason if entry.break_glass else None


class AccessLogEntrySerializer(PersonHistoryEntrySerializer):
    people = serializers.SerializerMethodField(help_text="Up to 5 of the young people the entry names.")
    more_people = serializers.IntegerField(source="more_subjects", help_text="How many more it names.")

    class Meta(PersonHistoryEntrySerializer.Meta):
        fields = [*PersonHistoryEntrySerializer.Meta.fields, "people", "more_people"]

    @extend_schema_field(PersonIdentitySerializer(many=True))
    def get_people(self, entry: AccessLogEntry) -> list[dict]:
        return PersonIdentitySerializer([s.person for s in entry.shown_subjects], many=True).data
