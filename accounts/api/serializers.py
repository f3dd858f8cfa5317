from rest_framework import serializers

from accounts.models import ApiToken, User
from schools.models import School


class RoleSerializer(serializers.Serializer):
    code = serializers.CharField(source="value")
    label = serializers.CharField()


class SchoolBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = School
        fields = ["id", "urn", "name"]


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
