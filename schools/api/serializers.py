"""What the schools and young-people endpoints return. Every serializer here receives
data already cut to the caller's detail level by accounts.access (chronology_for,
family_for, attendance_for): it has nothing to hide because it is never given anything
hidden."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.access import DetailLevel
from chronology.models import Feed
from schools.models import Enrolment, Person, School


class SchoolSerializer(serializers.ModelSerializer):
    phase_label = serializers.CharField(source="get_phase_display")
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = School
        fields = ["id", "urn", "laestab", "name", "phase", "phase_label", "status", "status_label"]


class SchoolBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = School
        fields = ["id", "urn", "name"]


class EnrolmentSerializer(serializers.ModelSerializer):
    school = SchoolBriefSerializer()

    class Meta:
        model = Enrolment
        fields = ["school", "year_group", "entry_date"]


def _current(person: Person) -> Enrolment | None:
    """The current enrolment, prefetched by schools.selectors.with_current_enrolment."""
    enrolments = getattr(person, "current_enrolments", None)
    return enrolments[0] if enrolments else None


class YoungPersonSerializer(serializers.ModelSerializer):
    """A row of the list: identity and current school."""

    current_enrolment = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "forename", "surname", "date_of_birth", "upn", "sex", "current_enrolment"]

    @extend_schema_field(EnrolmentSerializer(allow_null=True))
    def get_current_enrolment(self, person: Person) -> dict | None:
        enrolment = _current(person)
        return EnrolmentSerializer(enrolment).data if enrolment else None


class BreakGlassCandidateSerializer(serializers.ModelSerializer):
    """A young person outside a taskforce officer's scope, as the search page shows
    them: enough to pick the right one, nothing of their record."""

    school = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["id", "forename", "surname", "date_of_birth", "school"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_school(self, person: Person) -> str | None:
        enrolment = _current(person)
        return enrolment.school.name if enrolment else None


class AttendanceSerializer(serializers.Serializer):
    year_start = serializers.DateField()
    attended = serializers.IntegerField()
    possible = serializers.IntegerField()
    unauthorised = serializers.IntegerField()
    attendance_percent = serializers.IntegerField(allow_null=True)
    band = serializers.CharField(allow_null=True, help_text="persistent, severe, or null (none or too early)")
    last_week = serializers.DateField(allow_null=True, help_text="The last week with a mark.")


class RelativeSerializer(serializers.Serializer):
    relationship = serializers.CharField()
    name = serializers.CharField(allow_null=True, help_text="Null when not one of your young people.")
    person_id = serializers.IntegerField(allow_null=True, help_text="Set when you may open their record.")
    former = serializers.BooleanField()
    lived_together = serializers.BooleanField()
    together_from = serializers.DateField(allow_null=True)
    together_to = serializers.DateField(allow_null=True)


class BreakGlassSerializer(serializers.Serializer):
    reason = serializers.CharField()
    expires_at = serializers.DateTimeField()


class YoungPersonDetailSerializer(YoungPersonSerializer):
    attendance = AttendanceSerializer(
        allow_null=True, help_text="This school year; for roles that see education detail."
    )
    family = RelativeSerializer(many=True)
    restricted_notice = serializers.CharField(
        allow_null=True, help_text="The one line a head teacher sees when restricted information exists."
    )
    break_glass = BreakGlassSerializer(allow_null=True, help_text="Set when opened by break-glass.")

    class Meta(YoungPersonSerializer.Meta):
        fields = [
            *YoungPersonSerializer.Meta.fields,
            "attendance",
            "family",
            "restricted_notice",
            "break_glass",
        ]


class ChronologyRowSerializer(serializers.Serializer):
    occurred_on = serializers.DateField()
    category = serializers.CharField()
    category_code = serializers.CharField()
    about = serializers.CharField(help_text='"This young person", "Household", or the relationship.')
    is_family_event = serializers.BooleanField()
    detail = serializers.SerializerMethodField()
    summary = serializers.CharField(allow_null=True, help_text="Null unless you see the event in full.")
    source = serializers.CharField(allow_null=True, help_text="The source feed; null unless in full.")

    @extend_schema_field(serializers.ChoiceField(choices=["full", "category_and_date"]))
    def get_detail(self, row: object) -> str:
        return "full" if row.level == DetailLevel.FULL else "category_and_date"


class ChronologyQuerySerializer(serializers.Serializer):
    category = serializers.CharField(required=False, max_length=64, help_text="A category code.")
    source = serializers.ChoiceField(
        required=False,
        choices=Feed.Code.choices,
        help_text="A feed code; matches only events you see in full.",
    )
    date_from = serializers.DateField(required=False, help_text="On or after this day.")
    date_to = serializers.DateField(required=False, help_text="On or before this day.")

    def validate(self, data: dict) -> dict:
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise serializers.ValidationError({"date_to": "The end date must not be before the start date."})
        return data


class BreakGlassRequestSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Why you need to open this record now.")


class ChronologyPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    restricted_notice = serializers.CharField(
        allow_null=True, help_text="The one line a head teacher sees when restricted information exists."
    )
    hidden_tiers = serializers.ListField(
        child=serializers.CharField(), help_text="Sensitivity tiers you see less than in full."
    )
    results = ChronologyRowSerializer(many=True)
