"""What a search for a person means, read once for every box that finds people (the
young-people list and its API, the flagged-pupils list, IG's "find a young person" and
access-log search). It only builds a filter: callers apply it to a queryset the access
layer has already scoped, so a search can narrow what a user sees but never widen it.

A whole UPN (any case, with or without spaces) matches a current or former UPN exactly.
Otherwise each word must match: a date (05/03/2012 or 2012-03-05) the date of birth, a
word with a digit part of a UPN, any other word part of either name, folded as
schools/name_folding.py folds it. Words in any order, so "Jones, Sam" finds Sam Jones."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from schools.identifiers import typed_upn
from schools.name_folding import fold

_UPN = re.compile(r"[A-Z]\d{11}[0-9A-Z]")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"[\s,;]+")
"""What separates the words of a search: "Jones, Sam" is the words Jones and Sam."""
NOBODY = Q(pk__in=[])
API_HELP = (
    "A name, part of one or a UPN (current, former or part of one), or a date of birth as 05/03/2012 "
    "or 2012-03-05; names ignore case, accents, apostrophes and hyphens."
)
"""How the API's `q` on young people and on flags is read, for its schema."""


@dataclass(frozen=True)
class PersonSearch:
    upn: str = ""
    names: tuple[str, ...] = ()
    fragments: tuple[str, ...] = ()
    dates: tuple[date | None, ...] = ()
    unreadable: bool = False
    """Something was typed but nothing in it can match (only punctuation, say): the
    search finds nobody rather than everyone."""
    typed: str = field(default="", compare=False)

    @property
    def searched(self) -> bool:
        return bool(self.typed)

    @property
    def names_someone(self) -> bool:
        """A whole UPN or a name: enough to look for one child among the whole city."""
        return bool(self.upn or self.names)

    def condition(self, *, partial_upn: bool = True) -> Q:
        """The filter; with partial_upn False, a word with a digit finds nobody."""
        if self.upn:
            return Q(upn=self.upn) | Q(former_upn=self.upn)
        if self.unreadable or (self.fragments and not partial_upn):
            return NOBODY
        match = Q()
        for word in self.names:
            match &= Q(name_key__contains=word)
        for code in self.fragments:
            match &= Q(upn__contains=code) | Q(former_upn__contains=code)
        for day in self.dates:
            match &= Q(date_of_birth=day) if day else NOBODY
        return match


def _day(word: str) -> date | None | bool:
    """The date a word gives, None for a date that does not exist (31/02/2012), or
    False when the word is not a date at all."""
    found = _DAY_FIRST.fullmatch(word)
    if found:
        day, month, year = found.groups()
    elif found := _YEAR_FIRST.fullmatch(word):
        year, month, day = found.groups()
    else:
        return False
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def typed_words(text: str) -> list[str]:
    """The words of a search box, in the order typed."""
    return [word for word in _WORDS.split(text) if word]


def read_search(text: str) -> PersonSearch:
    typed = " ".join(text.split())
    if not typed:
        return PersonSearch()
    compact = typed_upn(typed)
    if _UPN.fullmatch(compact):
        return PersonSearch(upn=compact, typed=typed)
    names, fragments, dates = [], [], []
    for word in typed_words(typed):
        day = _day(word)
        if day is not False:
            dates.append(day)
        elif any(ch.isdigit() for ch in word):
            fragments.append(re.sub(r"[\W_]", "", word).upper())
        else:
            names += fold(word).split()
    return PersonSearch(
        names=tuple(names),
        fragments=tuple(fragments),
        dates=tuple(dates),
        unreadable=not (names or fragments or dates),
        typed=typed,
    )


def person_search(text: str, *, partial_upn: bool = True) -> Q | None:
    """The filter for what was typed, or None when nothing was (the whole list)."""
    search = read_search(text)
    return search.condition(partial_upn=partial_upn) if search.searched else None
