"""The trigger-points section of a young person's page: each flag with its rule in
words, its version, when it was raised and its evidence at the viewer's detail;
dismissed flags with who, when and why; the tier with its reasons. Registered with
the schools app's record sections (risk.registrations)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from accounts.access import JUDGEMENT_NOTICE, DetailLevel, flag_policy, households_of
from chronology.timeline.entries import THIS_YOUNG_PERSON, category_label
from risk.models import Flag, FlagEvidence, Review
from risk.rules.params import describe_rules
from risk.rules.sql import ATTENDANCE_NOTE
from risk.selectors import PersonFlag, flags_switched_on, person_flags
from risk.services.review import may_dismiss_in_scope
from risk.tiers import Tier
from schools.models import FamilyMember, Person

TEMPLATE = "risk/_person_section.html"


@dataclass(frozen=True)
class EvidenceLine:
    occurred_on: date
    what: str
    about: str
    detail: str | None
    """None unless the viewer sees this piece of evidence in full."""
    kind: str = ""
    relative_id: int | None = None
    """The relative a family event is about: never shown, but every response showing the
    line names them in its access-log entry, as the chronology names the relatives whose
    events it shows. None for the young person's own records and the household's events,
    which name nobody else there either."""


@dataclass(frozen=True)
class FlagCard:
    item: PersonFlag
    rules: list[str]
    evidence: list[EvidenceLine]
    may_dismiss: bool
    may_confirm: bool

    @property
    def flag(self) -> Flag:
        return self.item.flag

    @property
    def awaiting_review(self) -> bool:
        return self.flag.review == Review.PENDING

    @property
    def attendance_total(self) -> str | None:
        """The sessions attended of those possible over the weeks shown, on which an
        attendance rule's percentage is judged: the weeks alone left the reader to add
        them up. None unless every week is shown in full."""
        weeks = [line for line in self.evidence if line.kind == FlagEvidence.Kind.ATTENDANCE_WEEK]
        counts = [ATTENDANCE_NOTE.match(line.detail or "") for line in weeks]
        if not counts or not all(counts):
            return None
        attended = sum(int(match[1]) for match in counts)
        possible = sum(int(match[2]) for match in counts)
        share = f" ({attended * 100 / possible:.1f}%)" if possible else ""
        return f"{attended} of {possible} possible sessions attended{share}"


def relatives_shown(cards: Iterable[FlagCard]) -> list[int]:
    """The relatives whose events these cards show as evidence, once each in the order
    met, for the access-log entry of whatever shows the cards."""
    return list(
        dict.fromkeys(line.relative_id for card in cards for line in card.evidence if line.relative_id)
    )


_RELATIONSHIP_WORDS = {"household": "Household", **dict(FamilyMember.Relationship.choices)}
"""The About column's words for a family event whose person is no longer one of the
young person's household, as the family list says them ("Other adult", not the feed's
"other_adult"); the household's own events with nobody named are "Household"."""


_LINE_FIELDS = (
    "flag_id",
    "kind",
    "relationship",
    "occurred_on",
    "sensitivity",
    "note",
    "event__person_id",
    "event__category",
    "event__summary",
    "event__feed__name",
)
"""What a card's lines read of each piece of evidence and its event: a flagged young
person's cards hold a hundred or more, and the events' other columns cost more to read
than the lines themselves."""


def _line(
    evidence: FlagEvidence, level: DetailLevel, young_person_id: int, labels: dict[int, str]
) -> EvidenceLine:
    full = level == DetailLevel.FULL
    if (
        evidence.kind in (FlagEvidence.Kind.EVENT, FlagEvidence.Kind.FAMILY_EVENT)
        and evidence.event is not None
    ):
        event = evidence.event
        about, relative = THIS_YOUNG_PERSON, None
        if evidence.kind == FlagEvidence.Kind.FAMILY_EVENT:
            about, relative = _family_about(evidence, young_person_id, labels)
        detail = f"{event.summary} (source: {event.feed.name})" if full else None
        return EvidenceLine(
            evidence.occurred_on, category_label(event.category), about, detail, relative_id=relative
        )
    what = {
        FlagEvidence.Kind.ATTENDANCE_WEEK: "Week of attendance",
        FlagEvidence.Kind.REGISTER_MARK: "Register mark",
        FlagEvidence.Kind.ATTRIBUTE: "School census",
    }.get(evidence.kind, evidence.get_kind_display())
    return EvidenceLine(
        evidence.occurred_on, what, THIS_YOUNG_PERSON, evidence.note if full else None, evidence.kind
    )


def _family_about(
    evidence: FlagEvidence, young_person_id: int, labels: dict[int, str]
) -> tuple[str, int | None]:
    """A family event's About as the chronology says it, and the person it is about: the
    event's own person where it names one (a housing row names the tenant as well as the
    household), in the household's words for them ("Mother", "Brother"), whichever
    relationship the rule matched it through. The rule's relationship is the fallback,
    for a person who has since left the household's records."""
    person_id = evidence.event.person_id
    if person_id == young_person_id:
        return THIS_YOUNG_PERSON, None
    fallback = _RELATIONSHIP_WORDS.get(evidence.relationship, evidence.relationship.capitalize())
    return labels.get(person_id, fallback), person_id


def flag_cards_for(
    viewer: object, person_ids: list[int]
) -> dict[int, tuple[list[FlagCard], list[FlagCard], Tier]]:
    """Per visible person: (current cards, dismissed cards, tier) as the viewer may see
    them, in a fixed number of queries however many people."""
    shown = person_flags(viewer, person_ids)
    named = [
        item.flag.pk for entry in shown.values() for item in entry.current + entry.dismissed if item.named
    ]
    evidence: dict[int, list[FlagEvidence]] = {}
    rows = (
        FlagEvidence.objects.filter(flag_id__in=named)
        .select_related("event__feed")
        .only(*_LINE_FIELDS)
        .order_by("-occurred_on", "id")
    )
    for row in rows:
        evidence.setdefault(row.flag_id, []).append(row)
    with_family = {
        item.flag.person_id
        for entry in shown.values()
        for item in entry.current + entry.dismissed
        if any(row.kind == FlagEvidence.Kind.FAMILY_EVENT for row in evidence.get(item.flag.pk, []))
    }
    labels = {pk: household.labels() for pk, household in households_of(with_family).items()}
    policy = flag_policy(viewer)

    def card(item: PersonFlag) -> FlagCard:
        lines = []
        if item.named:
            for row in evidence.get(item.flag.pk, []):
                level = policy.levels.get(row.sensitivity, DetailLevel.HIDDEN)
                if level != DetailLevel.HIDDEN:
                    young = item.flag.person_id
                    lines.append(_line(row, level, young, labels.get(young, {})))
        return FlagCard(
            item=item,
            rules=describe_rules(item.flag.version.rules) if item.named else [],
            evidence=lines,
            may_dismiss=item.named and not item.flag.is_dismissed and may_dismiss_in_scope(viewer, item.flag),
            may_confirm=item.flag.review == Review.PENDING and policy.sees_awaiting_review,
        )

    return {
        pk: ([card(i) for i in entry.current], [card(i) for i in entry.dismissed], entry.tier)
        for pk, entry in shown.items()
    }


def flag_cards(viewer: object, person: Person) -> tuple[list[FlagCard], list[FlagCard], Tier | None]:
    """(current cards, dismissed cards, tier) of one young person."""
    return flag_cards_for(viewer, [person.pk]).get(person.pk, ([], [], None))


def person_section(viewer: object, person: Person) -> dict | None:
    if not flag_policy(viewer).sees_flags or not flags_switched_on():
        return None
    current, dismissed, tier = flag_cards(viewer, person)
    return {
        "person": person,
        "current": current,
        "dismissed": dismissed,
        "tier": tier,
        "notice": JUDGEMENT_NOTICE,
    }


def person_data(context: dict) -> dict:
    """The section for the young-person API: the page's cards, as JSON-ready data."""
    from risk.api.shapes import flag_data

    return {
        "notice": JUDGEMENT_NOTICE,
        "tier": tier_data(context["tier"], dismissed=bool(context["dismissed"])),
        "current": [flag_data(c) for c in context["current"]],
        "dismissed": [flag_data(c) for c in context["dismissed"]],
    }


def person_section_people(context: dict) -> list[int]:
    """The relatives whose events the section shows as evidence."""
    return relatives_shown([*context["current"], *context["dismissed"]])


def tier_data(tier: Tier | None, *, dismissed: bool) -> dict | None:
    """`dismissed`: whether dismissed trigger points are shown beside the tier."""
    if tier is None:
        return None
    label = tier.label_beside(dismissed=dismissed)
    weight = None if tier.weighs_unnamed else tier.weight
    return {"name": tier.name.value, "label": label, "weight": weight, "reasons": tier.reasons}
