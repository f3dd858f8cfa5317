"""Whom the demo's casework is about, and the reasons given for referring them. A reason
that claims records ("reported missing from home more than once") is given only to a
pupil whose chronology holds them: a taskforce officer opening the referred pupil's
record found no missing episode at all, and a demo that contradicts itself reads as a
portal that loses records. Which pupils fare well or badly is read from their imported
attendance, not invented."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count

from chronology.models import Event, Sensitivity
from interventions import measures
from interventions.services.referrals import ReferralDetails
from risk.models import Flag
from schools.models import Person


@dataclass(frozen=True)
class Grounds:
    """A reason resting on at least `at_least` records of `category` (with `details`),
    and what the referrer says instead when no pupil of the school has them."""

    reason: str
    category: str
    otherwise: str
    at_least: int = 1
    details: dict = field(default_factory=dict)


SUSPENSIONS = Grounds(
    "Two or more suspensions; staff fear a permanent exclusion is next.",
    "suspension",
    "Fighting at break times; staff fear a suspension is next.",
    at_least=2,
)
MISSING = Grounds(
    "Reported missing from home more than once.",
    "missing_episode",
    "Staying out late without saying where, their parent says.",
    at_least=2,
)
ANTI_SOCIAL = Grounds(
    "Anti-social behaviour reported by the police.",
    "police_incident",
    "Seen with an older group at the park late at night.",
    details={"offence_group": "anti_social_behaviour"},
)


def declined_because(person: Person) -> str:
    """The taskforce's reason for declining, naming early help only where the family's
    records hold it: "early help already supports the family" beside a chronology with no
    early help in it reads as a portal that lost the record. Nor does it say "no SAFE
    criteria met" of a pupil whose referral names a trigger point."""
    if Event.objects.filter(person=person, category__startswith="early_help").exists():
        return "Not for SAFE at present: early help already supports the family."
    return (
        "Not for SAFE at present: the school's pastoral team is best placed to lead; refer again "
        "if more comes to light."
    )


def referral_details(reason: str, urgency: str, consent: str = "consent") -> ReferralDetails:
    explanation = (
        "Seeking consent could alert an older associate who is exploiting them."
        if consent != "consent"
        else ""
    )
    return ReferralDetails(
        reason=reason,
        consent_basis=consent,
        consent_given_by="The young person and their parent" if consent == "consent" else "",
        consent_explanation=explanation,
        referrer_contact="01632 960100, school office, 8am to 4pm",
        urgency=urgency,
        young_person_knows="That school has asked the SAFE team to help.",
        family_knows="Parent spoken to by the head of year." if consent == "consent" else "Not told yet.",
    )


def attendance_change(person: Person, start: date, end: date) -> float:
    """The share of sessions attended after `start` less the share before (0 unknown)."""
    before = measures.baseline(person_id=person.pk, start=start)
    after = measures.since(person_id=person.pk, start=start, on=end)
    if not before.sessions_possible or not after.sessions_possible:
        return 0.0
    return (
        after.sessions_attended / after.sessions_possible
        - before.sessions_attended / before.sessions_possible
    )


def by_attendance_change(pupils: list[Person], start: date, end: date) -> list[Person]:
    """Pupils ordered from the largest rise in attendance after `start` to the largest fall."""
    return sorted(pupils, key=lambda p: (-attendance_change(p, start, end), p.pk))


def in_trouble_since(*, among: object, start: date, end: date) -> list[Person]:
    """Pupils (of `among`, a queryset of person ids) the police recorded as a suspect or
    arrested between `start` and `end`: the intervention that went badly is one of
    them where the city has one, so its outcome shows a new police incident measured
    from the feed, not only a fall in attendance."""
    held = Event.objects.filter(
        person__in=among,
        category="police_incident",
        details__role__in=measures.SUSPECT_ROLES,
        occurred_on__gte=start,
        occurred_on__lte=end,
    ).values("person")
    return list(Person.objects.filter(pk__in=held).order_by("pk"))


def first_with_a_restricted_flag_second(pupils: list[Person]) -> None:
    """The DSL's urgent referral (the second) is of a pupil with a trigger point of
    restricted tier where there is one, so the demo shows the head teacher reading it as
    "an additional factor" where the DSL and the taskforce read its name."""
    shown = Flag.objects.filter(cleared_at__isnull=True, dismissed_at__isnull=True).exclude(review="pending")
    restricted = set(
        shown.filter(person__in=pupils[1:], sensitivity=Sensitivity.RESTRICTED).values_list(
            "person_id", flat=True
        )
    )
    found = next((i for i, pupil in enumerate(pupils) if i and pupil.pk in restricted), None)
    if found is not None:
        pupils[1], pupils[found] = pupils[found], pupils[1]


def on_grounds(grounds: Grounds, *, among: object, default: Person, taken: set[int]) -> tuple[Person, str]:
    """The school's first pupil (of `among`, a queryset of person ids) whose records bear
    the grounds out and who is not `taken` for other casework, with its reason; else
    `default` and the reason that claims no record."""
    filters = {f"details__{key}": value for key, value in grounds.details.items()}
    holders = (
        Event.objects.filter(person__in=among, category=grounds.category, **filters)
        .exclude(person__in=taken)
        .values("person")
        .annotate(n=Count("pk"))
        .filter(n__gte=grounds.at_least)
        .order_by("person")
        .values_list("person", flat=True)
    )
    found = holders.first()
    if found is None:
        return default, grounds.otherwise
    return Person.objects.get(pk=found), grounds.reason
