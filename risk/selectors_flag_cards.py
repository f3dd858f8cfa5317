"""The flagged-pupils list as the API gives it: each row's flags as cards, with their
rules in words and evidence at the user's detail level. Kept apart from the page's
selectors, which list rows, not cards."""

from dataclasses import dataclass

from risk.sections import FlagCard, flag_cards_for
from risk.tiers import Tier
from schools.models import Person
from schools.selectors import with_current_enrolment


@dataclass(frozen=True)
class CardRow:
    """A row of the list with each flag as a card (risk.sections), for the API: the
    same flags the page shows, with their rules in words and evidence at the user's
    detail level."""

    person: Person
    current: list[FlagCard]
    dismissed: list[FlagCard]
    tier: Tier


def card_rows_for(user: object, person_ids: list[int]) -> list[CardRow]:
    """The people behind a page of rows, in its order: a fixed number of queries
    however many rows."""
    people = with_current_enrolment(Person.objects.filter(pk__in=person_ids)).in_bulk()
    cards = flag_cards_for(user, person_ids)
    return [
        CardRow(person=people[pk], current=cards[pk][0], dismissed=cards[pk][1], tier=cards[pk][2])
        for pk in person_ids
        if pk in people and pk in cards
    ]
