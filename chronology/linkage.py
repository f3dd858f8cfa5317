"""Record linkage: which person a feed row is about, and how sure we are.

An exact, valid UPN, NHS number or local person id links with certainty (confidence 1).
Otherwise the row's normalised names, date of birth and postcode are compared with
candidate people using rapidfuzz's Jaro-Winkler similarity (good for short names and
typos in them; no model to train, and every score can be explained line by line).
A candidate that holds a *different* value of an identifier the row also carries is a
different person and is never proposed; a row whose identifier belongs to a person who
holds a different value of another of its identifiers waits for review. See
docs/feeds.md for the thresholds.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Q, Value, When
from rapidfuzz.distance import JaroWinkler

from schools.models import Person

# Linking without a person is allowed only when everything agrees after normalisation
# (case, accents, spacing): Jaro-Winkler rates a one-letter surname typo at 0.95, and a
# wrong link is the worst failure the portal can have. Anything less waits for review.
LINK_THRESHOLD = 1.0
REVIEW_THRESHOLD = 0.75
# A confident match must also be clearly ahead: no other candidate at or above this.
CLEAR_LEAD_BELOW = 0.90
WEIGHTS = {"forename": 0.30, "surname": 0.30, "date_of_birth": 0.25, "postcode": 0.15}
IDENTIFIERS = ("upn", "nhs_number", "local_person_id")
MAX_CANDIDATES = 50


@dataclass(frozen=True)
class Identity:
    upn: str = ""
    former_upn: str = ""
    nhs_number: str = ""
    local_person_id: str = ""
    forename: str = ""
    surname: str = ""
    date_of_birth: date | None = None
    postcode: str = ""

    @classmethod
    def from_values(cls, values: dict) -> "Identity":
        return cls(
            upn=values.get("upn") or "",
            former_upn=values.get("former_upn") or "",
            nhs_number=values.get("nhs_number") or "",
            local_person_id=values.get("local_person_id") or "",
            forename=values.get("forename") or "",
            surname=values.get("surname") or "",
            date_of_birth=values.get("date_of_birth"),
            postcode=values.get("postcode") or values.get("address_postcode") or "",
        )

    @property
    def has_identifier(self) -> bool:
        return bool(self.upn or self.nhs_number or self.local_person_id)

    @property
    def can_compare(self) -> bool:
        return bool(self.forename and self.surname and self.date_of_birth)


@dataclass
class LinkResult:
    person_id: int | None
    confidence: float | None
    method: str
    reason: str = ""
    candidates: list[dict] = field(default_factory=list)

    @property
    def linked(self) -> bool:
        return self.person_id is not None


def normalise_name(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in decomposed if ch.isalpha())


def _swapped(day: date) -> date | None:
    try:
        return day.replace(day=day.month, month=day.day) if day.day != day.month else None
    except ValueError:
        return None


def score(identity: Identity, person: Person) -> tuple[float, list[str]]:
    """A confidence in 0..1 with the reasons behind it, for people to read."""
    reasons = []
    parts = {}
    for name in ("forename", "surname"):
        a, b = normalise_name(getattr(identity, name)), normalise_name(getattr(person, name))
        parts[name] = JaroWinkler.normalized_similarity(a, b) if a and b else 0.0
        reasons.append(f"{name} {'same' if parts[name] == 1 else f'similar ({parts[name]:.2f})'}")
    if person.date_of_birth == identity.date_of_birth:
        parts["date_of_birth"] = 1.0
        reasons.append("date of birth same")
    elif person.date_of_birth and person.date_of_birth == _swapped(identity.date_of_birth):
        parts["date_of_birth"] = 0.6
        reasons.append("date of birth with day and month swapped")
    else:
        parts["date_of_birth"] = 0.0
        reasons.append("date of birth different")
    row_pc, person_pc = identity.postcode.replace(" ", ""), person.postcode.replace(" ", "")
    if not row_pc or not person_pc:
        parts["postcode"] = 0.5
        reasons.append("postcode not known on both sides")
    elif row_pc == person_pc:
        parts["postcode"] = 1.0
        reasons.append("postcode same")
    elif identity.postcode.split(" ")[0] == person.postcode.split(" ")[0]:
        parts["postcode"] = 0.5
        reasons.append("postcode district same")
    else:
        parts["postcode"] = 0.0
        reasons.append("postcode different")
    total = sum(WEIGHTS[k] * v for k, v in parts.items())
    return round(total, 4), reasons


def _differing(identity: Identity, person: Person) -> list[str]:
    """The unique identifiers of which the row and the person carry different values."""
    known_upns = {person.upn, person.former_upn} - {""}
    differing = []
    if identity.upn and person.upn and not {identity.upn, identity.former_upn} & known_upns:
        differing.append("upn")
    for name in ("nhs_number", "local_person_id"):
        row_value, held = getattr(identity, name), getattr(person, name)
        if row_value and held and row_value != held:
            differing.append(name)
    return differing


def identifier_label(name: str) -> str:
    return {"upn": "UPN", "nhs_number": "NHS number"}.get(name, name.replace("_", " "))


class Linker:
    """Links rows of one import. Exact identifiers are looked up a batch at a time;
    people created during the run are remembered so later rows find them. People in
    `excluding` are never proposed: a data officer has said the rows are not theirs."""

    def __init__(self, *, excluding: Iterable[int] = ()) -> None:
        self.by_identifier: dict[tuple[str, str], int] = {}
        self.excluding = frozenset(excluding)
        self.people: dict[int, Person] = {}

    def prefetch(self, identities: Iterable[Identity]) -> None:
        wanted: dict[str, set[str]] = {name: set() for name in IDENTIFIERS}
        for identity in identities:
            for name in IDENTIFIERS:
                value = getattr(identity, name)
                if value and (name, value) not in self.by_identifier:
                    wanted[name].add(value)
            if identity.former_upn and ("upn", identity.former_upn) not in self.by_identifier:
                wanted["upn"].add(identity.former_upn)
        if not any(wanted.values()):
            return
        query = Q(upn__in=wanted["upn"]) | Q(former_upn__in=wanted["upn"] - {""})
        query |= Q(nhs_number__in=wanted["nhs_number"]) | Q(local_person_id__in=wanted["local_person_id"])
        people = Person.objects.filter(query).exclude(pk__in=self.excluding)
        for person in people.only("id", "former_upn", *IDENTIFIERS):
            self.people[person.pk] = person
            if person.former_upn in wanted["upn"]:
                self.by_identifier.setdefault(("upn", person.former_upn), person.pk)
            for name in IDENTIFIERS:
                if getattr(person, name) in wanted[name]:
                    self.by_identifier[(name, getattr(person, name))] = person.pk

    def remember(self, person: Person) -> None:
        """A person made, or given identifiers, by this import: later rows find them."""
        self.people[person.pk] = person
        for name in IDENTIFIERS:
            if value := getattr(person, name):
                self.by_identifier[(name, value)] = person.pk

    def link(self, identity: Identity) -> LinkResult:
        found = {
            name: self.by_identifier[(name, getattr(identity, name))]
            for name in IDENTIFIERS
            if getattr(identity, name) and (name, getattr(identity, name)) in self.by_identifier
        }
        moved_from = ("upn", identity.former_upn)
        if "upn" not in found and identity.former_upn and moved_from in self.by_identifier:
            found["upn"] = self.by_identifier[moved_from]
        if len(set(found.values())) > 1:
            return LinkResult(
                None,
                None,
                "",
                reason="The row's identifiers belong to different people",
                candidates=[
                    {"person_id": pid, "score": 1.0, "reasons": [f"{name} same"]}
                    for name, pid in found.items()
                ],
            )
        if found:
            name, pid = next(iter(found.items()))
            if differing := _differing(identity, self.people[pid]):
                return LinkResult(
                    None,
                    None,
                    "",
                    reason=f"The person with this {identifier_label(name)} has a different "
                    + " and ".join(identifier_label(d) for d in differing),
                    candidates=[
                        {
                            "person_id": pid,
                            "score": 1.0,
                            "reasons": [f"{name} same", *(f"{d} different" for d in differing)],
                        }
                    ],
                )
            return LinkResult(pid, 1.0, name)
        if not identity.can_compare:
            return LinkResult(
                None,
                None,
                "",
                reason="No person has these identifiers, and the row has no names and birth date to compare",
            )
        return self._compare(identity)

    def _compare(self, identity: Identity) -> LinkResult:
        scored = []
        for person in self._likeliest(identity):
            if _differing(identity, person):
                continue
            value, reasons = score(identity, person)
            if value >= REVIEW_THRESHOLD:
                scored.append({"person_id": person.pk, "score": value, "reasons": reasons})
        scored.sort(key=lambda c: -c["score"])
        if not scored:
            return LinkResult(None, None, "", reason="No matching person")
        best = scored[0]
        runner_up = scored[1]["score"] if len(scored) > 1 else 0.0
        if best["score"] >= LINK_THRESHOLD and runner_up < CLEAR_LEAD_BELOW:
            return LinkResult(best["person_id"], best["score"], "names_dob_postcode", candidates=scored)
        if len(scored) > 1 and scored[1]["score"] >= LINK_THRESHOLD:
            reason = "More than one person matches equally well"
        else:
            reason = "Possible match: names, date of birth or postcode differ"
        return LinkResult(None, None, "", reason=reason, candidates=scored)

    def _likeliest(self, identity: Identity) -> list[Person]:
        """People born that day (or with day and month swapped) or with the same names,
        the likeliest first: a common name can have more than MAX_CANDIDATES holders,
        and cutting the one with the right birth date off would queue the row, or for
        an identity feed create a duplicate of them."""
        dobs = [identity.date_of_birth, *filter(None, [_swapped(identity.date_of_birth)])]
        same_names = Q(surname__iexact=identity.surname, forename__iexact=identity.forename)
        same_postcode = Q(postcode=identity.postcode) & ~Q(postcode="")
        ranked = (
            Person.objects.filter(Q(date_of_birth__in=dobs) | same_names)
            .exclude(pk__in=self.excluding)
            .alias(
                born=Case(
                    When(date_of_birth=identity.date_of_birth, then=Value(0)),
                    When(date_of_birth__in=dobs, then=Value(1)),
                    default=Value(2),
                ),
                named=Case(When(same_names, then=Value(0)), default=Value(1)),
                housed=Case(When(same_postcode, then=Value(0)), default=Value(1)),
            )
            .order_by("born", "named", "housed", "pk")
        )
        return list(ranked[:MAX_CANDIDATES])


def review_candidates(identity: Identity, *, linker: Linker) -> list[dict]:
    """Candidates for a row going back to the queue (a split): those the importer would
    propose, and a link it would have made offered as a candidate instead, since a data
    officer has just found the row's last link wrong."""
    result = linker.link(identity)
    if result.linked and not result.candidates:
        return [{"person_id": result.person_id, "score": 1.0, "reasons": [f"{result.method} same"]}]
    return result.candidates
