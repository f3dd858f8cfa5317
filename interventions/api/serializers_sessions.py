"""What the session endpoints take and return: one session as its page shows it (the
young people the caller may see, how many others, its history in words), and the bodies
of a correction and a withdrawal, which become the services' own types."""

from rest_framework import serializers

from interventions.api.common import PersonBriefSerializer, VersionSerializer
from interventions.api.serializers_interventions import INSTEAD_OF_YOUNG_PERSON, MAX_ID, ProgrammeSerializer
from interventions.models import Attendance, Session, SessionEntry
from interventions.services.session_corrections import MAX_REASON, REMOVED
from interventions.services.sessions import MAX_GROUP, MAX_NOTE
from portal.api.bodies import Body


class ShownAttendanceSerializer(serializers.ModelSerializer):
    young_person = PersonBriefSerializer(source="intervention.young_person")
    counted = serializers.SerializerMethodField(
        help_text="False once the session was withdrawn, or a correction took the young person out of it."
    )

    class Meta:
        model = Attendance
        fields = ["intervention", "young_person", "status", "note", "counted"]

    def get_counted(self, attendance: Attendance) -> bool:
        return not attendance.withdrawn


class HistorySerializer(serializers.Serializer):
    action = serializers.ChoiceField(source="entry.action", choices=SessionEntry.Action.choices)
    by = serializers.CharField(source="entry.by.display_name")
    at = serializers.DateTimeField(source="entry.at")
    reason = serializers.CharField(source="entry.reason")
    changes = serializers.ListField(
        child=serializers.CharField(), help_text="What changed, in words, for the young people you may see."
    )


class SessionDetailSerializer(serializers.ModelSerializer):
    programme = ProgrammeSerializer()
    recorded_by = serializers.CharField(source="recorded_by.display_name")
    withdrawn = serializers.BooleanField(source="is_withdrawn")
    attendance = ShownAttendanceSerializer(many=True, source="shown.rows")
    others_not_shown = serializers.IntegerField(
        source="shown.hidden", help_text="Young people it also recorded whom you may not see."
    )
    history = HistorySerializer(many=True, source="shown.history", help_text="Oldest first.")

    class Meta:
        model = Session
        fields = [
            "id",
            "date",
            "kind",
            "programme",
            "recorded_by",
            "recorded_at",
            "corrected_at",
            "withdrawn",
            "withdrawn_at",
            "withdrawal_reason",
            "version",
            "attendance",
            "others_not_shown",
            "history",
        ]


class CorrectionMarkSerializer(Body):
    instead = INSTEAD_OF_YOUNG_PERSON
    intervention = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="The intervention (one young person) this mark is for; left out, the one in the path.",
    )
    status = serializers.ChoiceField(
        choices=[*Attendance.Status.choices, (REMOVED, "Taken out of the session")],
        help_text=f'"{REMOVED}" takes the young person out of the session (they were marked in error).',
    )
    note = serializers.CharField(max_length=MAX_NOTE, required=False, allow_blank=True, default="")


class SessionCorrectionSerializer(VersionSerializer):
    reason = serializers.CharField(
        max_length=MAX_REASON, help_text="Why it is being corrected; kept in its history."
    )
    date = serializers.DateField(required=False)
    kind = serializers.ChoiceField(choices=Session.Kind.choices, required=False)
    attendance = CorrectionMarkSerializer(
        many=True,
        required=False,
        help_text=(
            "Only the young people whose attendance changes, or who are added (a group session: their own "
            "intervention in the same programme); everyone left out stays as recorded."
        ),
    )

    def validate_attendance(self, marks: list[dict]) -> list[dict]:
        if len(marks) > MAX_GROUP:
            raise serializers.ValidationError(f"A group session records at most {MAX_GROUP} young people.")
        return marks


class SessionWithdrawSerializer(VersionSerializer):
    reason = serializers.CharField(max_length=MAX_REASON, help_text="Why it was recorded in error.")
