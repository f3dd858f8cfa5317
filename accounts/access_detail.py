"""At what detail a user sees a young person's chronology and family (DESIGN.md
section 5). Part of the access layer: import these through `accounts.access`. The
chronology (chronology.timeline, which every page, API response and export that shows
events uses) cuts each entry with `sensitivity_level`, so the tiering is decided here once."""

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from accounts.access_household import household_of
from accounts.access_scope import can_view, visible_among
from accounts.roles import Role
from chronology.models import Event, Sensitivity
from schools.models import Person


class DetailLevel(IntEnum):
    HIDDEN = 0
    CATEGORY_AND_DATE = 1
    FULL = 2


_FULL = dict.fromkeys(Sensitivity.values, DetailLevel.FULL)
DETAIL_BY_ROLE: dict[Role, dict[str, DetailLevel]] = {
    Role.HEAD_TEACHER: {
        Sensitivity.EDUCATION: DetailLevel.FULL,
        Sensitivity.PARTNER: DetailLevel.CATEGORY_AND_DATE,
        Sensitivity.RESTRICTED: DetailLevel.HIDDEN,
    },
    Role.DSL: {
        Sensitivity.EDUCATION: DetailLevel.FULL,
        Sensitivity.PARTNER: DetailLevel.FULL,
        Sensitivity.RESTRICTED: DetailLevel.CATEGORY_AND_DATE,
    },
    Role.TASKFORCE: _FULL,
    Role.INTERVENTION_WORKER: {
        Sensitivity.EDUCATION: DetailLevel.FULL,
        Sensitivity.PARTNER: DetailLevel.FULL,
        Sensitivity.RESTRICTED: DetailLevel.HIDDEN,
    },
}
"""The section 5 table, plus the intervention worker at partner detail (issue 17): what
a partner agency sees in full, with restricted information only as the one-line notice.
Roles not listed (IG, data officer, administrator) see nothing."""

PROVENANCE_ROLES = frozenset({Role.TASKFORCE})
"""Roles shown, on an entry they see in full, the import run it came from (date and file
name) and the link's confidence score. Data officers see runs and scores on their own
pages, never in a chronology; school staff see only that a link is a probable match."""

RESTRICTED_NOTICE = "Restricted information exists — contact the SAFE taskforce."
FAMILY_MINIMUM = Sensitivity.PARTNER
MOST_RESTRICTED = Sensitivity.values[-1]


def effective_sensitivity(event: Event, *, family_event: bool) -> str:
    """A family member's event is shown at partner sensitivity or above, whatever its feed's default."""
    if family_event and Sensitivity.rank(event.sensitivity) < Sensitivity.rank(FAMILY_MINIMUM):
        return FAMILY_MINIMUM
    return event.sensitivity


def detail_level(user: object, event: Event, *, family_event: bool = False) -> DetailLevel:
    return sensitivity_level(user, event.sensitivity, family_event=family_event)


def sensitivity_level(user: object, sensitivity: str, *, family_event: bool = False) -> DetailLevel:
    """The detail at which the user sees an entry of this sensitivity, for entries that
    are not Event rows (a weekly attendance line, a school move, another capability's
    timeline entry) as much as for events."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return DetailLevel.HIDDEN
    levels = DETAIL_BY_ROLE.get(user.role)
    if levels is None:
        return DetailLevel.HIDDEN
    if family_event and Sensitivity.rank(sensitivity) < Sensitivity.rank(FAMILY_MINIMUM):
        sensitivity = FAMILY_MINIMUM
    return levels[sensitivity]


def known_tier(sensitivity: str | None) -> str:
    """A sensitivity kept on a snapshot, or the most restricted tier when the snapshot
    does not say one the portal knows (it was taken before sensitivities were kept):
    what cannot be known fails closed."""
    return sensitivity if sensitivity in Sensitivity.values else MOST_RESTRICTED


def higher_tier(kept: str | None, now: str | None = None) -> str:
    """The tier to show a kept item at: the higher of the one it was kept at and its
    source's now, when known. A feed raised to restricted hides at once what was kept
    from it; one lowered does not reveal what was kept before."""
    tier = known_tier(kept)
    return tier if now is None else max(tier, known_tier(now), key=Sensitivity.rank)


def sees_tier(user: object, sensitivity: str | None) -> bool:
    """Whether the viewer sees information of this tier at least as category and date,
    and so may have it counted for them: for figures and snapshots that keep only each
    item's sensitivity (an outcome measure's counts), not the item itself."""
    return sensitivity_level(user, known_tier(sensitivity)) >= DetailLevel.CATEGORY_AND_DATE


@dataclass(frozen=True)
class RelativeRow:
    relationship: str
    name: str | None
    """Shown to the taskforce, and to school staff only for young people they may see."""
    person_id: int | None
    """Set only when the viewer may open that person's own record."""
    former: bool
    """A former household member: their membership, or the young person's, has ended."""
    lived_together: bool
    """False when the households feed dates them as members at different times."""
    together_from: date | None
    together_to: date | None
    """When they were in the household together, as far as the feed dates it; never
    given for a relative the viewer may not see, since a sibling born into the household
    joined it on their date of birth."""
    named_person_id: int | None = None
    """The relative's id whenever their name is shown, so the access log can name them."""


def family_for(user: object, person: Person) -> list[RelativeRow]:
    """The person's family members as far as the viewer may see them, current members
    first: school staff never learn, through a family link, the name of a child who is
    not theirs."""
    if DETAIL_BY_ROLE.get(getattr(user, "role", None)) is None or not can_view(user, person):
        return []
    relatives = household_of(person).relatives
    openable = visible_among(user, [r.membership.person_id for r in relatives])
    names_for_all = user.role == Role.TASKFORCE
    rows = []
    for relative in relatives:
        member = relative.membership
        named = names_for_all or member.person_id in openable
        together_from, together_to = (relative.together or (None, None)) if named else (None, None)
        rows.append(
            RelativeRow(
                relationship=relative.said,
                name=member.person.full_name if named else None,
                person_id=member.person_id if member.person_id in openable else None,
                former=relative.former,
                lived_together=relative.together is not None,
                together_from=together_from,
                together_to=together_to,
                named_person_id=member.person_id if named else None,
            )
        )
    return rows
