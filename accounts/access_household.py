"""Who shares a young person's household, and when (DESIGN.md sections 4 and 5). Part of
the access layer, used by access_detail.

The households feed dates each membership (from_date, to_date; empty means open-ended).
A relative's events belong in a child's chronology only for the days both were members
of the household, and the household's own events (a domestic-abuse notification, an
eviction) only for the days the child was a member: an adult who has left is not the
child's family context any more, and what happens to a household before a child joins
it or after they leave is not theirs. A relative whose membership, or the child's, has
ended is a former household member."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from accounts.access_memo import remembered
from schools.models import FamilyMember, Person

Period = tuple[date | None, date | None]
"""First and last day, both inclusive; None where the feed gave no date."""

_CHILDREN = {FamilyMember.Relationship.CHILD, FamilyMember.Relationship.SIBLING}
_GENDERED = {"Sibling": {"M": "Brother", "F": "Sister"}, "Parent": {"M": "Father", "F": "Mother"}}


@dataclass(frozen=True)
class Relative:
    membership: FamilyMember
    """The relative's membership of one of the young person's households."""
    relationship: str
    """As the young person sees it (the lead child's brother is their brother too), in
    the feed's words ("Sibling"); `said` is how the pages say it ("Brother")."""
    together: Period | None
    """The days both were members of the household; None if they never were at once."""
    former: bool

    @property
    def said(self) -> str:
        """ "Brother" and "Mother" where the households feed says a sibling or parent and
        the person's record gives their sex, as a case meeting would say it: the family
        list, the chronology and a trigger point's evidence all call them this."""
        sex = self.membership.person.sex
        return _GENDERED.get(self.relationship, {}).get(sex, self.relationship)


@dataclass(frozen=True)
class Household:
    own: list[FamilyMember]
    """The young person's own memberships."""
    relatives: list[Relative]

    def events_about(self, person: Person) -> Q:
        """The events that belong in the person's chronology: their own, their
        households' while they were members, and their relatives' while they lived
        together."""
        about = Q(person=person)
        for membership in self.own:
            about |= Q(family_id=membership.family_id) & _within(_period(membership))
        for relative in self.relatives:
            if relative.together is not None:
                about |= Q(person_id=relative.membership.person_id) & _within(relative.together)
        return about

    def labels(self) -> dict[int, str]:
        """Each relative as a case meeting says them ("Mother", "Brother (former household
        member)"), by person id, for their events wherever they are shown: the
        chronology and a trigger point's evidence say the same words. A current
        membership names them over a former one."""
        labels: dict[int, str] = {}
        for relative in sorted(self.relatives, key=lambda r: not r.former):
            former = " (former household member)" if relative.former else ""
            labels[relative.membership.person_id] = f"{relative.said}{former}"
        return labels


def household_of(person: Person) -> Household:
    """Read once per request, for both the chronology and the family list."""
    return households_of([person.pk])[person.pk]


def households_of(person_ids: Iterable[int]) -> dict[int, Household]:
    """Many young people's households in two queries (a page of trigger-point cards), each
    remembered for the request as household_of would read it."""
    ids = list(dict.fromkeys(person_ids))
    read: dict[int, Household] = {}
    return {pk: remembered(("household", pk), lambda pk=pk: _read(ids, read)[pk]) for pk in ids}


def _read(ids: list[int], read: dict[int, Household]) -> dict[int, Household]:
    """Fills `read` with every one of `ids` the first time a household among them is asked for."""
    if read:
        return read
    own: dict[int, dict[int, FamilyMember]] = {pk: {} for pk in ids}
    for membership in FamilyMember.objects.filter(person_id__in=ids):
        own[membership.person_id][membership.family_id] = membership
    members = list(
        FamilyMember.objects.filter(family_id__in={f for mine in own.values() for f in mine})
        .select_related("person")
        .order_by("relationship", "person__date_of_birth", "person_id")
    )
    today = timezone.localdate()
    for pk, mine in own.items():
        relatives = [
            Relative(
                membership=member,
                relationship=_relationship_to(mine[member.family_id].relationship, member),
                together=_overlap(_period(mine[member.family_id]), _period(member)),
                former=_ended(mine[member.family_id], today) or _ended(member, today),
            )
            for member in members
            if member.family_id in mine and member.person_id != pk
        ]
        relatives.sort(key=lambda r: r.former)
        read[pk] = Household(own=list(mine.values()), relatives=relatives)
    return read


def _period(membership: FamilyMember) -> Period:
    return membership.from_date, membership.to_date


def _overlap(first: Period, second: Period) -> Period | None:
    starts = [day for day in (first[0], second[0]) if day]
    ends = [day for day in (first[1], second[1]) if day]
    start, end = max(starts, default=None), min(ends, default=None)
    if start and end and start > end:
        return None
    return start, end


def _within(period: Period) -> Q:
    start, end = period
    within = Q()
    if start:
        within &= Q(occurred_on__gte=start)
    if end:
        within &= Q(occurred_on__lte=end)
    return within


def _ended(membership: FamilyMember, today: date) -> bool:
    return membership.to_date is not None and membership.to_date < today


def _relationship_to(own: str, member: FamilyMember) -> str:
    """Households record each member's relationship to the family's lead child; for
    another child of the household, the viewed child sees a sibling."""
    if own in _CHILDREN and member.relationship in _CHILDREN:
        return FamilyMember.Relationship.SIBLING.label
    return member.get_relationship_display()
