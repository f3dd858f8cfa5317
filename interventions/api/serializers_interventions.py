"""What the intervention endpoints take and return: an intervention as its page shows it
(sessions, measures beside the baseline and the plain-words results), and the bodies of
allocation, sessions, reviews, closure and a change of worker, which become the
services' own types."""

from rest_framework import serializers

from accounts.models import User
from interventions.api.common import PersonBriefSerializer, VersionSerializer
from interventions.models import Attendance, ClosureReason, Intervention, Measure, Programme, Session
from interventions.selectors import allocatable_workers, offered_programmes
from interventions.services.allocation import MAX_PLANNED_SESSIONS, Allocation, Closure
from interventions.services.reviews import MAX_NOTE as MAX_REVIEW_NOTE
from interventions.services.sessions import MAX_GROUP, MAX_NOTE
from portal.api.bodies import Body
from portal.api.converters import MAX_ID

SUMMARY_MAX = 2000


class ProgrammeSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Programme
        fields = ["id", "name", "kind", "kind_label"]


class WorkerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()


class InterventionSerializer(serializers.ModelSerializer):
    """A row of the list."""

    young_person = PersonBriefSerializer()
    programme = ProgrammeSerializer()
    worker = WorkerSerializer()
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Intervention
        fields = [
            "id",
            "referral",
            "young_person",
            "programme",
            "provider",
            "worker",
            "start_date",
            "planned_sessions",
            "review_date",
            "status",
            "status_label",
            "closed_on",
            "version",
        ]


class InterventionAttendanceSerializer(serializers.ModelSerializer):
    date = serializers.DateField(source="session.date")
    kind = serializers.CharField(source="session.kind")
    recorded_by = serializers.CharField(source="session.recorded_by.display_name")
    corrected = serializers.SerializerMethodField(help_text="Whether the session was corrected since.")

    class Meta:
        model = Attendance
        fields = ["session", "date", "kind", "status", "note", "recorded_by", "corrected"]

    def get_corrected(self, attendance: Attendance) -> bool:
        return attendance.session.corrected_at is not None


def _seen_count(name: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        source=f"counts.{name}",
        allow_null=True,
        help_text="Counts only what you may see (`measures_notices`); null when withheld from you.",
    )


class MeasureSerializer(serializers.Serializer):
    """A measure as the viewer may see it (interventions.measures_seen.SeenMeasure)."""

    point = serializers.ChoiceField(source="measure.point", choices=Measure.Point.choices)
    measured_on = serializers.DateField(source="measure.measured_on")
    attendance_from = serializers.DateField(source="measure.attendance_from", allow_null=True)
    attendance_to = serializers.DateField(source="measure.attendance_to", allow_null=True)
    school_weeks = serializers.IntegerField(source="measure.school_weeks")
    sessions_attended = serializers.IntegerField(source="measure.sessions_attended")
    sessions_possible = serializers.IntegerField(source="measure.sessions_possible")
    attendance_percent = serializers.FloatField(source="measure.attendance_percent", allow_null=True)
    events_from = serializers.DateField(source="measure.events_from")
    events_to = serializers.DateField(source="measure.events_to")
    suspensions = _seen_count("suspensions")
    police_incidents_as_suspect = _seen_count("police_incidents_as_suspect")
    asb_reports = _seen_count("asb_reports")
    missing_episodes = _seen_count("missing_episodes")
    specialist_support = _seen_count("specialist_support")
    open_trigger_points = _seen_count("open_trigger_points")
    too_soon = serializers.BooleanField(
        source="measure.too_soon",
        help_text=(
            "Taken before a whole school week since the start had passed: nothing since the start to "
            "compare with the baseline, so not measured (and left out of the scorecards)."
        ),
    )
    review_note = serializers.CharField(source="measure.review_note")


class ReferralAdditionSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    by = serializers.CharField(source="by.display_name", help_text="Who added it.")
    action = serializers.ChoiceField(
        choices=["added", "asked", "answered"],
        help_text="Information added, the taskforce's question, or the referrer's answer.",
    )
    note = serializers.CharField()


class InterventionDetailSerializer(InterventionSerializer):
    referral_reason = serializers.CharField(
        source="referral.reason", help_text="Why the young person was referred."
    )
    referral_additions = ReferralAdditionSerializer(
        many=True,
        source="shown_additions",
        help_text="Oldest first: what was added to the referral after its reason, as the page shows it.",
    )
    closure_reason_label = serializers.CharField(source="get_closure_reason_display")
    sessions = InterventionAttendanceSerializer(
        many=True,
        source="shown_attendances",
        help_text="Latest first: the sessions that count (not withdrawn, the young person still in them).",
    )
    withdrawn_sessions = InterventionAttendanceSerializer(
        many=True,
        source="withdrawn_attendances",
        help_text="Withdrawn as recorded in error, or a correction took the young person out of them.",
    )
    measures = MeasureSerializer(
        many=True, source="shown_measures", help_text="The baseline first, then each review and the closure."
    )
    results = serializers.ListField(
        child=serializers.CharField(),
        source="shown_results",
        help_text='The outcome in plain words, e.g. "Attendance up from 70% to 100%".',
    )
    measures_notices = serializers.ListField(
        child=serializers.CharField(),
        source="shown_measures_notices",
        help_text="What the counts leave out for you; empty for the taskforce, which sees them whole.",
    )

    class Meta(InterventionSerializer.Meta):
        fields = [
            *InterventionSerializer.Meta.fields,
            "referral_reason",
            "referral_additions",
            "closure_reason",
            "closure_reason_label",
            "outcome_summary",
            "specialist_support_received",
            "sessions",
            "withdrawn_sessions",
            "measures",
            "measures_notices",
            "results",
        ]


def _id(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text=help_text)


def _allocatable(pk: int) -> User:
    worker = allocatable_workers().filter(pk=pk).first()
    if worker is None:
        raise serializers.ValidationError("No taskforce officer or intervention worker with that id.")
    return worker


class AllocationSerializer(Body):
    programme = _id("A programme's id (an active one).")
    provider = serializers.CharField(max_length=200, help_text="Who delivers it.")
    worker = _id("The lead worker's user id: a taskforce officer or an intervention worker.")
    start_date = serializers.DateField()
    planned_sessions = serializers.IntegerField(min_value=1, max_value=MAX_PLANNED_SESSIONS)
    review_date = serializers.DateField()

    def validate_programme(self, value: int) -> Programme:
        programme = offered_programmes().filter(pk=value).first()
        if programme is None:
            raise serializers.ValidationError("No programme offered with that id.")
        return programme

    def validate_worker(self, value: int) -> User:
        return _allocatable(value)

    def allocation(self) -> Allocation:
        return Allocation(**self.validated_data)


INSTEAD_OF_YOUNG_PERSON = {
    "young_person": "A mark names its young person by their `intervention` (as the answer's `attendance` "
    "gives it), not by `young_person`.",
}


class MarkSerializer(Body):
    instead = INSTEAD_OF_YOUNG_PERSON
    intervention = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="The intervention (one young person) this mark is for; left out, the one in the path.",
    )
    status = serializers.ChoiceField(choices=Attendance.Status.choices)
    note = serializers.CharField(max_length=MAX_NOTE, required=False, allow_blank=True, default="")


class SessionRecordSerializer(Body):
    """Named so that its request component is not "SessionRequestRequest"."""

    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=Session.Kind.choices, default=Session.Kind.INDIVIDUAL)
    attendance = MarkSerializer(
        many=True,
        help_text=(
            f"One mark per young person: one for an individual session; up to {MAX_GROUP} for a group "
            "session, each through their own intervention in the same programme, including the one in "
            "the path."
        ),
    )

    def validate_attendance(self, marks: list[dict]) -> list[dict]:
        if not marks:
            raise serializers.ValidationError("Record attendance for at least one young person.")
        if len(marks) > MAX_GROUP:
            raise serializers.ValidationError(f"A group session records at most {MAX_GROUP} young people.")
        return marks


class SessionAttendanceSerializer(serializers.ModelSerializer):
    young_person = PersonBriefSerializer(source="intervention.young_person")

    class Meta:
        model = Attendance
        fields = ["intervention", "young_person", "status", "note"]


class SessionSerializer(serializers.ModelSerializer):
    programme = ProgrammeSerializer()
    recorded_by = serializers.CharField(source="recorded_by.display_name")
    attendance = SessionAttendanceSerializer(many=True, source="shown_attendances")

    class Meta:
        model = Session
        fields = ["id", "date", "kind", "programme", "recorded_by", "recorded_at", "attendance"]


class ReviewSerializer(VersionSerializer):
    note = serializers.CharField(max_length=MAX_REVIEW_NOTE, help_text="What the review found.")
    next_review_date = serializers.DateField()


class CloseSerializer(VersionSerializer):
    closed_on = serializers.DateField()
    reason = serializers.ChoiceField(choices=ClosureReason.choices)
    outcome_summary = serializers.CharField(max_length=SUMMARY_MAX)
    specialist_support_received = serializers.BooleanField(
        allow_null=True,
        required=False,
        default=None,
        help_text="Whether the specialist support it sought was received; null when not applicable.",
    )

    def closure(self) -> Closure:
        data = self.validated_data
        return Closure(
            closed_on=data["closed_on"],
            reason=data["reason"],
            outcome_summary=data["outcome_summary"],
            specialist_support_received=data["specialist_support_received"],
        )


class ChangeWorkerSerializer(VersionSerializer):
    worker = _id("The new lead worker's user id: a taskforce officer or an intervention worker.")

    def validate_worker(self, value: int) -> User:
        return _allocatable(value)
