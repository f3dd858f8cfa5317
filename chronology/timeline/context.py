"""What every reader of the chronology's entries needs to know about the request, and
what the readers tell the selector back."""

from dataclasses import dataclass, field
from functools import cached_property

from accounts.access import PROVENANCE_ROLES, DetailLevel, Household, sensitivity_level
from chronology.models import Feed, Sensitivity
from chronology.timeline.entries import HOUSEHOLD, THIS_YOUNG_PERSON
from schools.models import Enrolment, Person


@dataclass
class Reading:
    user: object
    person: Person
    household: Household
    feeds: dict[int, Feed]
    hidden: bool = False
    """Something exists that the viewer may not see even as category and date."""
    found: frozenset[str] = frozenset()
    """Keys of entries whose unread text the database found the search in."""
    labels: dict[int, str] = field(init=False)
    role: object = field(init=False)
    provenance: bool = field(init=False)
    _levels: dict[tuple[str, bool], DetailLevel] = field(init=False)

    def __post_init__(self) -> None:
        # Asked once per sensitivity here rather than once per entry: request.user is a
        # lazy object, and thousands of entries made its attribute lookups the page's cost.
        self._levels = {
            (s, family): sensitivity_level(self.user, s, family_event=family)
            for s in Sensitivity.values
            for family in (False, True)
        }
        self.role = self.user.role
        self.provenance = self.role in PROVENANCE_ROLES
        self.labels = self.household.labels()

    @cached_property
    def enrolments(self) -> list[Enrolment]:
        """The young person's enrolments, read once for both their school moves and the
        register's gap markers."""
        return list(
            Enrolment.objects.filter(person=self.person).select_related("school", "source_record__last_run")
        )

    def feed(self, code: str) -> Feed | None:
        return next((f for f in self.feeds.values() if f.code == code), None)

    def level(self, sensitivity: str, *, family: bool = False) -> DetailLevel:
        return self._levels[(sensitivity, family)]

    def tiers(self, level: DetailLevel, *, family: bool) -> list[str]:
        return [s for s in Sensitivity.values if self.level(s, family=family) == level]

    def about(self, person_id: int | None) -> str:
        if person_id == self.person.pk:
            return THIS_YOUNG_PERSON
        return self.labels.get(person_id, HOUSEHOLD)
