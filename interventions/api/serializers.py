"""What the referral endpoints take and return. Outputs are read from records the
selectors already scoped; inputs check only their shape (as the page's forms do) and
become the services' own types, which decide everything else."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.roles import SCHOOL_ROLES
from interventions.api.common import PersonBriefSerializer, VersionSerializer
from interventions.models import ConsentBasis, Intervention, Referral, ReferralEntry, Urgency
from interventions.rules import sees_casework_in_full
from interventions.services.referrals import MAX_TEXT, ReferralDetails
from portal.api.bodies import Body
from portal.api.converters import MAX_ID

CONTACT_MAX = 200


class ReferralEntrySerializer(serializers.ModelSerializer):
    """One line of the referral's history: who, when, what and why."""

    action_label = serializers.CharField(source="get_action_display")
    by = serializers.CharField(source="by.display_name")

    class Meta:
        model = ReferralEntry
        fields = ["at", "action", "action_label", "by", "from_status", "to_status", "note"]


PARTNER_WORK_HIDDEN = (
    "Null for head teachers, who see partner agencies' work only as its start and status; "
    "their school's DSL sees it."
)


class ReferralInterventionSerializer(serializers.ModelSerializer):
    """An intervention allocated on the referral, as the page shows it: school staff never
    see the worker, and a head teacher sees only its start and status
    (`interventions.rules.sees_casework_in_full`)."""

    programme = serializers.SerializerMethodField()
    provider = serializers.SerializerMethodField()
    worker = serializers.SerializerMethodField()

    class Meta:
        model = Intervention
        fields = ["id", "programme", "provider", "worker", "start_date", "status"]

    def _in_full(self) -> bool:
        request = self.context.get("request")
        return request is not None and sees_casework_in_full(request.user)

    @extend_schema_field(serializers.CharField(allow_null=True, help_text=PARTNER_WORK_HIDDEN))
    def get_programme(self, intervention: Intervention) -> str | None:
        return intervention.programme.name if self._in_full() else None

    @extend_schema_field(serializers.CharField(allow_null=True, help_text=PARTNER_WORK_HIDDEN))
    def get_provider(self, intervention: Intervention) -> str | None:
        return intervention.provider if self._in_full() else None

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="Null for school staff."))
    def get_worker(self, intervention: Intervention) -> str | None:
        request = self.context.get("request")
        if request is None or request.user.role in SCHOOL_ROLES:
            return None
        return intervention.worker.display_name


class ReferralSerializer(serializers.ModelSerializer):
    """A row of the list: the referral as the list page shows it, and its version."""

    young_person = PersonBriefSerializer()
    status_label = serializers.CharField(
        help_text='The status in words; "More information given" for a `sent` referral the referrer has '
        "answered the taskforce's question on."
    )
    urgency_label = serializers.CharField(source="get_urgency_display")
    referred_by = serializers.CharField(source="referred_by.display_name")
    school = serializers.SerializerMethodField()

    class Meta:
        model = Referral
        fields = [
            "id",
            "young_person",
            "status",
            "status_label",
            "urgency",
            "urgency_label",
            "referred_by",
            "school",
            "created_at",
            "sent_at",
            "status_changed_at",
            "version",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="The referrer's school."))
    def get_school(self, referral: Referral) -> str | None:
        return referral.school.name if referral.school else None


class ReferralDetailSerializer(ReferralSerializer):
    """The referral page: everything the referrer wrote, the open question or decision,
    the interventions allocated and the history, oldest first."""

    consent_basis_label = serializers.CharField(source="get_consent_basis_display")
    decided_by = serializers.CharField(source="decided_by.display_name", allow_null=True, default=None)
    trigger_points = serializers.ListField(
        child=serializers.CharField(),
        source="shown_trigger_points",
        help_text=(
            "The trigger points it concerns, as they were when it was made, at your level: a trigger "
            'point you may not see by name is "An additional factor known to partner agencies".'
        ),
    )
    interventions = ReferralInterventionSerializer(many=True, source="shown_interventions")
    history = ReferralEntrySerializer(many=True, source="shown_history")

    class Meta(ReferralSerializer.Meta):
        fields = [
            *ReferralSerializer.Meta.fields,
            "reason",
            "trigger_points",
            "young_person_knows",
            "family_knows",
            "consent_basis",
            "consent_basis_label",
            "consent_given_by",
            "consent_explanation",
            "referrer_contact",
            "question",
            "decision_reason",
            "decided_by",
            "decided_at",
            "interventions",
            "history",
        ]


class ReferralDetailsSerializer(Body):
    """What a referrer writes, with the page form's limits; the service checks the rest
    (the consent or legal basis and its explanation) and answers with field errors."""

    reason = serializers.CharField(max_length=MAX_TEXT, help_text="Why you are referring this young person.")
    trigger_points = serializers.ListField(
        child=serializers.CharField(max_length=200),
        max_length=50,
        required=False,
        help_text=(
            "The trigger points it concerns (labels), among the young person's current trigger points "
            "as you may see them. Left out: all of those, as the form pre-selects them; [] for none."
        ),
    )
    young_person_knows = serializers.CharField(
        max_length=MAX_TEXT, required=False, allow_blank=True, default=""
    )
    family_knows = serializers.CharField(max_length=MAX_TEXT, required=False, allow_blank=True, default="")
    consent_basis = serializers.ChoiceField(choices=ConsentBasis.choices)
    consent_given_by = serializers.CharField(
        max_length=CONTACT_MAX, required=False, allow_blank=True, default="", help_text="With consent."
    )
    consent_explanation = serializers.CharField(
        max_length=MAX_TEXT,
        required=False,
        allow_blank=True,
        default="",
        help_text="Why consent was not sought, or the other legal basis relied on.",
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.ROUTINE)
    referrer_contact = serializers.CharField(
        max_length=CONTACT_MAX, help_text="How the taskforce can contact you, and when."
    )

    def details(self, *, offered: list[str]) -> ReferralDetails:
        """The service's ReferralDetails; trigger points must be among those `offered`."""
        data = self.validated_data
        chosen = data.get("trigger_points", offered)
        unknown = [t for t in chosen if t not in offered]
        if unknown:
            raise serializers.ValidationError(
                {"trigger_points": [f"Not among this young person's trigger points: {unknown[0]}"]}
            )
        return ReferralDetails(
            reason=data["reason"],
            consent_basis=data["consent_basis"],
            referrer_contact=data["referrer_contact"],
            urgency=data["urgency"],
            trigger_points=list(chosen),
            young_person_knows=data["young_person_knows"],
            family_knows=data["family_knows"],
            consent_given_by=data["consent_given_by"],
            consent_explanation=data["consent_explanation"],
        )


class ReferralCreateSerializer(ReferralDetailsSerializer):
    young_person = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="The young person's id (GET young-people/)."
    )
    send = serializers.BooleanField(
        default=False, help_text="true sends it to the taskforce at once; false saves a draft."
    )


class ReferralUpdateSerializer(ReferralDetailsSerializer, VersionSerializer):
    """A draft's new contents, with the version it was read at."""


class AcceptSerializer(VersionSerializer):
    note = serializers.CharField(
        max_length=MAX_TEXT, required=False, allow_blank=True, default="", help_text="Optional."
    )


class DeclineSerializer(VersionSerializer):
    reason = serializers.CharField(
        max_length=MAX_TEXT, help_text="Why it is declined; the referrer and their school's DSLs see it."
    )


class AskSerializer(VersionSerializer):
    question = serializers.CharField(
        max_length=MAX_TEXT, help_text="What you need to know; the referral goes back to the referrer."
    )


class AddInformationSerializer(Body):
    note = serializers.CharField(
        max_length=MAX_TEXT,
        help_text=(
            "The information to add. When the taskforce asked the referrer a question, the referrer's "
            "addition answers it and sends the referral back for triage."
        ),
    )
