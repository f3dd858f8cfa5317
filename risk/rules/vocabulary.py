"""What rules may name besides the event categories (chronology.importing.categories):
the detail values each category can be matched on, relationships and attributes. Taken
from the importer's own code lists so a rule can never name a value no feed sends."""

from chronology.importing import codes

LIST_DETAILS = frozenset({"markers", "assessment_factors", "needs", "reasons"})
"""Detail keys that hold a list: a rule matches when any listed value is present."""

DETAIL_VALUES: dict[str, tuple[str, ...]] = {
    "role": codes.POLICE_ROLES,
    "offence_group": codes.OFFENCE_GROUPS,
    "markers": codes.INTELLIGENCE_MARKERS,
    "outcome": codes.YOUTH_JUSTICE_OUTCOMES,
    "episode_type": codes.EPISODE_TYPES,
    "cp_category": codes.CP_CATEGORIES,
    "assessment_factors": codes.ASSESSMENT_FACTORS,
    "needs": codes.EARLY_HELP_NEEDS,
    "reason": codes.HEALTH_REASONS,
    "reasons": codes.SUSPENSION_REASONS,
    "event_type": (*codes.HEALTH_EVENTS, *codes.HOUSING_EVENTS),
}

DETAIL_LABELS: dict[str, str] = {
    "role": "police role",
    "offence_group": "offence group",
    "markers": "intelligence markers",
    "outcome": "youth-justice outcome",
    "episode_type": "social-care episode type",
    "cp_category": "child-protection category",
    "assessment_factors": "social-care assessment factors",
    "needs": "early-help needs",
    "reason": "health reason",
    "reasons": "suspension reasons",
    "event_type": "health or housing event type",
}
"""Each detail in the words the rule builder offers: the keys are the feeds' column
names, and two of them ("reason" of a health event, "reasons" of a suspension) differ
by one letter."""

RELATIONSHIPS: dict[str, tuple[str, ...]] = {
    "sibling": ("child", "sibling"),
    "parent": ("parent",),
    "carer": ("carer",),
    "other_adult": ("other_adult",),
}
"""A rule's relationship, as the young person sees it, and the households feed's values
it covers (the lead child's siblings are siblings of each other too)."""

HOUSEHOLD = "household"
"""In a family rule: events about the household itself (a domestic-abuse notification)."""

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "sen_primary_need": codes.SEN_NEEDS,
    "sen_provision": codes.SEN_PROVISION,
}
ATTRIBUTE_LABELS = {"sen_primary_need": "SEN primary need", "sen_provision": "SEN provision"}

REGISTER_CODES = tuple(codes.ATTENDANCE_CODES)


def words(value: str) -> str:
    return value.replace("_", " ")
