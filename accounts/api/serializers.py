from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import AccessLogEntry, ApiToken, User
from accounts.subject_access import EntryForIg, entry_for_ig
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


class _EntrySerializer(serializers.ModelSerializer):
    """An entry as IG's pages and the subject-access export present it
    (accounts/subject_access.py): the page in words, the path without what was searched
    for, never the entry's detail. IG reviews access, never case content."""

    actor = ActorSerializer(allow_null=True)
    kind_label = serializers.CharField(source="get_kind_display")
    page = serializers.SerializerMethodField(help_text="The page the entry records, in words.")
    path = serializers.SerializerMethodField(help_text='The path; a query is shown only as "(a search)".')
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
            "page",
            "route",
            "path",
            "remote_addr",
            "break_glass_reason",
        ]

    def _about(self) -> Person | None:
        return None

    def _shown(self, entry: AccessLogEntry) -> EntryForIg:
        """Worked out once per entry for its three fields."""
        if not hasattr(entry, "for_ig"):
            entry.for_ig = entry_for_ig(entry, about=self._about())
        return entry.for_ig

    def get_page(self, entry: AccessLogEntry) -> str:
        return self._shown(entry).page

    def get_path(self, entry: AccessLogEntry) -> str:
        return self._shown(entry).path

    def get_break_glass_reason(self, entry: AccessLogEntry) -> str | None:
        return self._shown(entry).break_glass_reason


class PersonHistoryEntrySerializer(_EntrySerializer):
    """An entry as the young person's subject-access export holds it: other records' ids
    read "{id}" and another child's break-glass reason is left out. Needs the person as
    `about` in the context."""

    def _about(self) -> Person:
        return self.context["about"]


class AccessLogEntrySerializer(_EntrySerializer):
    people = serializers.SerializerMethodField(help_text="Up to 5 of the young people the entry names.")
    more_people = serializers.IntegerField(source="more_subjects", help_text="How many more it names.")

    class Meta(_EntrySerializer.Meta):
        fields = [*_EntrySerializer.Meta.fields, "people", "more_people"]

    @extend_schema_field(PersonIdentitySerializer(many=True))
    def get_people(self, entry: AccessLogEntry) -> list[dict]:
        return PersonIdentitySerializer([s.person for s in entry.shown_subjects], many=True).data
