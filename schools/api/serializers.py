"""What the schools and young-people endpoints return. Every serializer here receives
data already cut to the caller's detail level by accounts.access (family_for,
attendance_for) or by the chronology's timeline_for, which cuts through it: it has
nothing to hide because it is never given anything hidden."""

from functools import cached_property

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.access import DetailLevel
from chronology.forms_timeline import CODE, MAX_CODES
from chronology.models import Band, Sensitivity
from chronology.timeline.filters import SEARCH_MAX_LENGTH, TimelineFilter, search_words
from chronology.timeline.known_codes import known_categories, known_sources, unknown
from portal.api.bodies import Body
from portal.api.filters import QuerySerializer
from schools.api.sections import RecordSectionsField
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

    @cached_property
    def _enrolment(self) -> EnrolmentSerializer:
        """One enrolment serializer for every row: DRF builds a serializer's fields from
        the model each time one is made, and one per row of a page of 50 pupils took
        longer than the page's SQL."""
        return EnrolmentSerializer()

    @extend_schema_field(EnrolmentSerializer(allow_null=True))
    def get_current_enrolment(self, person: Person) -> dict | None:
        enrolment = _current(person)
        return self._enrolment.to_representation(enrolment) if enrolment else None


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
    band = serializers.ChoiceField(
        choices=Band.choices,
        allow_null=True,
        help_text="The DfE absence band this school year: null until there are enough sessions to judge.",
    )
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
    sections = RecordSectionsField(
        help_text=(
            "What other capabilities add to the record, by code, cut to your detail level by their own "
            "access rules (schools.record_sections); a section you may not see, or that has nothing for "
            "you, is left out. `trigger_points`: the tier, current and dismissed trigger points as on "
            "the page (docs/trigger-points.md)."
        )
    )

    class Meta(YoungPersonSerializer.Meta):
        fields = [
            *YoungPersonSerializer.Meta.fields,
            "attendance",
            "family",
            "restricted_notice",
            "break_glass",
            "sections",
        ]


class ChronologyEntrySerializer(serializers.Serializer):
    """A chronology.timeline entry, already cut to the caller's level by timeline_for:
    an entry seen as category and date carries no summary, source or reference."""

    key = serializers.CharField()
    occurred_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True, help_text="An episode's last day; null unless in full.")
    category = serializers.CharField(help_text="The category code, as the `category` filter takes it.")
    category_label = serializers.CharField()
    about = serializers.CharField(help_text='"This young person", "Household", or the relationship.')
    is_family = serializers.BooleanField()
    detail = serializers.SerializerMethodField()
    summary = serializers.CharField(allow_null=True, help_text="Null unless you see the entry in full.")
    name = serializers.CharField(
        allow_null=True, help_text="A trigger point's name, on an entry you see as category and date."
    )
    source = serializers.CharField(source="source_code", allow_null=True, help_text="Null unless in full.")
    source_label = serializers.CharField(allow_null=True)
    reference = serializers.CharField(allow_null=True, help_text="The agency's own reference for the row.")
    probable_match = serializers.BooleanField(help_text="Linked with less than full certainty.")
    confidence = serializers.FloatField(allow_null=True, help_text="The link's score; taskforce only.")
    imported_on = serializers.DateField(allow_null=True, help_text="Taskforce only.")
    imported_file = serializers.CharField(allow_null=True, help_text="Taskforce only.")
    is_gap = serializers.BooleanField(help_text="A marker that no data was received, not an event.")

    @extend_schema_field(serializers.ChoiceField(choices=["full", "category_and_date", "none"]))
    def get_detail(self, entry: object) -> str:
        if entry.is_gap:
            return "none"
        return "full" if entry.level == DetailLevel.FULL else "category_and_date"


def _code() -> serializers.RegexField:
    """A code as the page's filter takes it: a label typed in its place ("Early help")
    is a 400, not a filter that matches nothing."""
    return serializers.RegexField(
        CODE,
        error_messages={
            "invalid": "Use a code, as an entry's `category` or `source` gives it (e.g. early_help)."
        },
    )


def _known(codes: list[str], field: str, known: frozenset[str], *, example: str) -> list[str]:
    """A code no entry can have is refused by name, as the page refuses it, where it
    answered "count": 0, which read as "no such events"."""
    if code := unknown(frozenset(codes), known):
        raise serializers.ValidationError(
            f"There is no {field} `{code}`: use a code as an entry's `{field}` gives it (e.g. {example})."
        )
    return codes


class ChronologyQuerySerializer(QuerySerializer):
    category = serializers.ListField(
        child=_code(), max_length=MAX_CODES, required=False, help_text="Category codes (repeat)."
    )
    source = serializers.ListField(
        child=_code(),
        max_length=MAX_CODES,
        required=False,
        help_text="Feed or capability codes (repeat); match only entries you see in full.",
    )
    date_from = serializers.DateField(required=False, help_text="On or after this day.")
    date_to = serializers.DateField(required=False, help_text="On or before this day.")
    people = serializers.ChoiceField(
        choices=["all", "young_person"], default="all", help_text="young_person leaves out the family."
    )
    q = serializers.CharField(
        required=False, max_length=SEARCH_MAX_LENGTH, help_text="Words in what you can see."
    )
    order = serializers.ChoiceField(choices=["newest", "oldest"], default="newest")

    def validate_category(self, codes: list[str]) -> list[str]:
        return _known(codes, "category", known_categories(), example="early_help")

    def validate_source(self, codes: list[str]) -> list[str]:
        return _known(codes, "source", known_sources(), example="police_incidents")

    def validate(self, data: dict) -> dict:
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise serializers.ValidationError({"date_to": "The end date must not be before the start date."})
        return data

    def timeline_filter(self) -> TimelineFilter:
        data = self.validated_data
        return TimelineFilter(
            categories=frozenset(data.get("category", [])),
            sources=frozenset(data.get("source", [])),
            start=data.get("date_from"),
            end=data.get("date_to"),
            with_family=data["people"] == "all",
            q=search_words(data.get("q", "")),
            oldest_first=data["order"] == "oldest",
        )


class BreakGlassReasonSerializer(Body):
    """Named so that its request component is not "BreakGlassRequestRequest"."""

    reason = serializers.CharField(
        min_length=settings.BREAK_GLASS_REASON_MIN_LENGTH,
        max_length=2000,
        error_messages={
            "min_length": f"Reason must be at least {settings.BREAK_GLASS_REASON_MIN_LENGTH} characters"
        },
        help_text="Why you need to open this record now.",
    )


class ChronologyPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    restricted_notice = serializers.CharField(
        allow_null=True, help_text="The one line a head teacher sees when restricted information exists."
    )
    hidden_tiers = serializers.ListField(
        child=serializers.ChoiceField(choices=Sensitivity.choices),
        help_text="Sensitivity tiers you see less than in full, named as feeds' `default_sensitivity` is.",
    )
    results = ChronologyEntrySerializer(many=True)
