"""What the indicator and flag endpoints return. Flags are shaped by risk.api.shapes
from cards the access layer has already cut to the caller: an unnamed flag reaches
these serializers as its label alone, so there is nothing here to hide. The
Flag*Serializer classes describe that shape for the OpenAPI description."""

from functools import cached_property

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from risk.api.shapes import flag_data
from risk.forms_pages import FlaggedListForm
from risk.models import Indicator, IndicatorVersion
from risk.rules.params import describe_rules
from risk.sections import tier_data
from risk.selectors import HIDDEN_CODE
from risk.selectors_flag_cards import CardRow
from schools.api.serializers import YoungPersonSerializer
from schools.search import API_HELP as SEARCH_HELP


class IndicatorVersionSerializer(serializers.ModelSerializer):
    rules_in_words = serializers.SerializerMethodField(help_text="Each rule as users read it.")

    class Meta:
        model = IndicatorVersion
        fields = [
            "number",
            "name",
            "description",
            "rules",
            "rules_in_words",
            "weight",
            "stronger_at",
            "needs_review",
            "change_note",
            "created_at",
        ]

    def get_rules_in_words(self, version: IndicatorVersion) -> list[str]:
        return describe_rules(version.rules)


class IndicatorVersionHistorySerializer(IndicatorVersionSerializer):
    created_by = serializers.CharField(source="created_by.display_name", allow_null=True, default=None)

    class Meta(IndicatorVersionSerializer.Meta):
        fields = [*IndicatorVersionSerializer.Meta.fields, "created_by"]


class IndicatorSerializer(serializers.ModelSerializer):
    enabled = serializers.BooleanField(help_text="Off: it raises no flags and its current flags clear.")
    current_version = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ["code", "position", "enabled", "current_version"]

    @extend_schema_field(IndicatorVersionSerializer(allow_null=True))
    def get_current_version(self, indicator: Indicator) -> dict | None:
        version = indicator.current_version
        return IndicatorVersionSerializer(version).data if version else None


class IndicatorDetailSerializer(IndicatorSerializer):
    versions = IndicatorVersionHistorySerializer(many=True, help_text="Every version, newest first.")

    class Meta(IndicatorSerializer.Meta):
        fields = [*IndicatorSerializer.Meta.fields, "versions"]


class FlagEvidenceSerializer(serializers.Serializer):
    occurred_on = serializers.DateField()
    what = serializers.CharField(help_text="The event's category, or the kind of evidence.")
    about = serializers.CharField(help_text='"This young person", "Household", or the relationship.')
    detail = serializers.CharField(allow_null=True, help_text="Null unless you see the evidence in full.")


class FlagDismissalSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    by = serializers.CharField(allow_null=True)
    reason = serializers.CharField()
    reason_label = serializers.CharField()
    note = serializers.CharField()


class FlagSerializer(serializers.Serializer):
    """A flag as risk.api.shapes.flag_data gives it. Unnamed (`named` false) it has only
    `id` (null), `named`, `code` ("other") and `name` ("An additional factor known to
    partner agencies"): no indicator, rule, date or evidence, and it stands for every
    flag of the young person you may not name, so a list holds at most one."""

    id = serializers.IntegerField(allow_null=True, help_text="Null when unnamed.")
    named = serializers.BooleanField(help_text="False: you may not see what raised it.")
    code = serializers.CharField(help_text=f'The indicator\'s code, or "{HIDDEN_CODE}" when unnamed.')
    name = serializers.CharField()
    description = serializers.CharField(required=False)
    rules_in_words = serializers.ListField(child=serializers.CharField(), required=False)
    version = serializers.IntegerField(required=False, help_text="The version that raised it.")
    weight = serializers.IntegerField(required=False, help_text="Its part of the tier.")
    stronger = serializers.BooleanField(required=False, help_text="The stronger threshold is met.")
    raised_at = serializers.DateTimeField(required=False)
    review = serializers.CharField(required=False, help_text="not_needed, pending or confirmed.")
    evidence = FlagEvidenceSerializer(many=True, required=False)
    attendance_total = serializers.CharField(
        allow_null=True,
        required=False,
        help_text="An attendance rule's weeks added up, as the page shows them "
        '("51 of 58 possible sessions attended (87.9%)"); null for other rules, '
        "or unless you see every week in full.",
    )
    dismissed = FlagDismissalSerializer(allow_null=True, required=False)


class TierSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="none, low, medium or high.")
    label = serializers.CharField()
    weight = serializers.IntegerField(
        allow_null=True,
        help_text="The summed weights; null when part of it is of trigger points you may not see by name.",
    )
    reasons = serializers.ListField(
        child=serializers.CharField(),
        help_text=(
            'The labels of the flags that make it, as you see them: "An additional factor" at most once.'
        ),
    )


class TriggerPointsSectionSerializer(serializers.Serializer):
    """A young person's trigger points at your detail level, as their record page shows
    them (risk.sections.person_data): each flag as on the flagged-pupils list."""

    notice = serializers.CharField(help_text="Trigger points are prompts for judgement, not decisions.")
    tier = TierSerializer(
        allow_null=True,
        help_text="Null when they have no current trigger point you may see, dismissed or not.",
    )
    current = FlagSerializer(many=True, help_text="Current, undismissed: these make the tier.")
    dismissed = FlagSerializer(
        many=True, help_text="Current, dismissed by a DSL or the taskforce, with who, when and why."
    )


class FlaggedYoungPersonSerializer(YoungPersonSerializer):
    """A row of the flagged list: the young person, their tier with its reasons, their
    current trigger points and those someone dismissed."""

    tier = TierSerializer(allow_null=True)
    trigger_points = FlagSerializer(many=True, help_text="Current, undismissed: these make the tier.")
    dismissed_trigger_points = FlagSerializer(
        many=True, help_text="Current, dismissed by a DSL or the taskforce, with who, when and why."
    )

    class Meta(YoungPersonSerializer.Meta):
        fields = [*YoungPersonSerializer.Meta.fields, "tier", "trigger_points", "dismissed_trigger_points"]

    @cached_property
    def _person(self) -> YoungPersonSerializer:
        """One person serializer for every row of the page, as the young-people list
        has: DRF builds a serializer's fields anew each time one is made."""
        return YoungPersonSerializer(context=self.context)

    def to_representation(self, row: CardRow) -> dict:
        person = self._person.to_representation(row.person)
        return {
            **person,
            "tier": tier_data(row.tier, dismissed=bool(row.dismissed)),
            "trigger_points": [flag_data(card) for card in row.current],
            "dismissed_trigger_points": [flag_data(card) for card in row.dismissed],
        }


def _choices(name: str) -> list[tuple[str, str]]:
    return [(value, label) for value, label in FlaggedListForm.base_fields[name].choices if value]


class FlagListParameters(serializers.Serializer):
    """The list's filters for the OpenAPI description; they are validated by the page's
    own form (risk.forms_pages.flagged_list_form), so the two cannot drift apart."""

    trigger_point = serializers.CharField(
        required=False,
        help_text=(
            f'Any indicator\'s code (tp01...), or "{HIDDEN_CODE}" for the flags you may not see by name; '
            "any other value is a 400 listing the codes. "
            "It lists only young people on whom you see that trigger point by name, so none (count 0) when "
            "nobody has it today, or when you never see it by name."
        ),
    )
    tier = serializers.ChoiceField(choices=_choices("tier"), required=False)
    year_group = serializers.ChoiceField(choices=_choices("year_group"), required=False)
    sen = serializers.ChoiceField(
        choices=_choices("sen"), required=False, help_text="E EHC plan, K SEN support, N none."
    )
    fsm = serializers.ChoiceField(choices=_choices("fsm"), required=False, help_text="Free school meals now.")
    dismissed = serializers.ChoiceField(
        choices=_choices("dismissed"), required=False, help_text="Default no: undismissed flags."
    )
    referred = serializers.ChoiceField(choices=_choices("referred"), required=False)
    school = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=(
            "A school id: its pupils on roll now. One of your schools (`schools/`); any other id is a 400, "
            "as on `young-people/`."
        ),
    )
    school_roll = serializers.ChoiceField(
        choices=_choices("school_roll"),
        required=False,
        help_text="on: on any school's roll now; off: on none (left, excluded or never enrolled).",
    )
    raised_since = serializers.DateField(
        required=False,
        help_text=(
            "A flag you see by name raised on or after this day: an unnamed flag has no date, so it never "
            "matches (with trigger_point=other, a 400)."
        ),
    )
    q = serializers.CharField(
        required=False,
        max_length=100,
        help_text=SEARCH_HELP,
    )
    sort = serializers.ChoiceField(choices=_choices("sort"), required=False, help_text="Default name.")
