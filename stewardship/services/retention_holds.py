"""Which people, families and feeds legal holds cover on a day: read by the retention job,
and by imports through chronology.retention_rules (registered in StewardshipConfig.ready)."""

from datetime import date

from chronology.retention_rules import Holds
from schools.models import FamilyMember
from stewardship.models import LegalHold


def holds_on(day: date) -> Holds:
    active = list(LegalHold.objects.active(on=day).values_list("feed_id", "person_id", "family_id"))
    families = frozenset(f for _, _, f in active if f)
    members = FamilyMember.objects.filter(family_id__in=families).values_list("person_id", flat=True)
    return Holds(
        feeds=frozenset(f for f, _, _ in active if f),
        people=frozenset(p for _, p, _ in active if p) | frozenset(members),
        families=families,
        count=len(active),
    )
