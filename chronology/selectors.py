"""Reads of the feed register, import runs, the review queue and attendance."""

import re
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from accounts.access import identities_for_matching
from chronology.linkage import Identity
from chronology.marks import days_between, marks_on
from chronology.models import Event, Feed, FeedRun, LinkDoubt, LinkReview, RejectedRow, SourceRecord
from chronology.models.attendance import ATTENDED, POSSIBLE
from schools.identifiers import typed_upn
from schools.models import Enrolment, Person
from schools.name_folding import fold, same_name

FOUND_AT_MOST = 20


def published_feeds() -> QuerySet[Feed]:
    """The feeds the privacy notice lists: every feed on the register, importable or not,
    so the notice never understates what the portal may hold."""
    return Feed.objects.order_by("name")


def feed_by_code(code: str) -> Feed | None:
    """A feed on the register by its code; an unknown code finds nothing without a query."""
    return Feed.objects.filter(code=code).first() if code in Feed.Code.values else None


def recent_runs(*, feed: Feed | None = None) -> QuerySet[FeedRun]:
    runs = FeedRun.objects.select_related("feed", "started_by")
    return runs.filter(feed=feed) if feed else runs


def same_file_imported_before(*, run: FeedRun) -> FeedRun | None:
    """The latest earlier completed import of the feed with the same checksum: a file sent
    again changes nothing, and the data officer should not have to compare checksums."""
    earlier = FeedRun.objects.filter(
        feed_id=run.feed_id, checksum=run.checksum, status=FeedRun.Status.COMPLETED, pk__lt=run.pk
    )
    return earlier.order_by("-pk").first()


def rejected_rows_download(*, run: FeedRun) -> tuple[list[str], Iterator[list[str]]]:
    """The header and rows of a run's rejected-rows file: the header as sent plus `error`.
    A row with too few cells is padded with empty ones and a row with too many keeps its
    surplus after `error`, under extra_1, extra_2, ..., so that every cell stays under its
    own header and the error under `error`."""
    width = len(run.header)
    rejected = run.rejected_rows.all()
    surplus = max((len(v) - width for v in rejected.values_list("values", flat=True).iterator()), default=0)
    header = [*run.header, "error", *(f"extra_{n}" for n in range(1, surplus + 1))]

    def rows() -> Iterator[list[str]]:
        for row in rejected.iterator():
            cells = row.values[:width]
            padding = [""] * (width - len(cells))
            yield [*cells, *padding, f"line {row.line_number}: {row.reason}", *row.values[width:]]

    return header, rows()


_ROW_IDENTIFIERS = {
    "upn": "upn",
    "former_upn": "upn",
    "nhs_number": "nhs_number",
    "local_person_id": "local_person_id",
}


def _comparable(field: str, value: str) -> str:
    """An identifier as the portal stores it, whatever layout the file used: a row is
    often rejected for its layout (an NHS number as 943-476-5919, a UPN with spaces),
    and it still names whoever holds that number."""
    if field == "nhs_number":
        return re.sub(r"\D", "", value)
    if field == "upn":
        return typed_upn(value.replace("-", ""))
    return value.strip()


def people_in_rejected_rows(*, user: object, run: FeedRun, rows: Iterable[RejectedRow]) -> list[int]:
    """The people these rejected rows are about, for the access log: the person the
    feed's row of the same source record id is linked to, and anyone holding a UPN,
    NHS number or local person id a row carries. A rejected row was never linked, so
    this is what its identifiers match now; names alone match nobody (no guessing).
    Two queries however many rows."""
    columns = list(run.header)
    wanted: dict[str, set[str]] = {"upn": set(), "nhs_number": set(), "local_person_id": set()}
    record_ids = set()
    for row in rows:
        cells = dict(zip(columns, row.values, strict=False))
        if cells.get("source_record_id", "").strip():
            record_ids.add(cells["source_record_id"].strip())
        for column, field in _ROW_IDENTIFIERS.items():
            value = _comparable(field, cells.get(column) or "")
            if value:
                wanted[field].add(value)
    match = Q(upn__in=wanted["upn"]) | Q(former_upn__in=wanted["upn"])
    match |= Q(nhs_number__in=wanted["nhs_number"]) | Q(local_person_id__in=wanted["local_person_id"])
    people = set()
    if any(wanted.values()):
        people |= set(identities_for_matching(user).filter(match).values_list("pk", flat=True))
    if record_ids:
        linked = SourceRecord.objects.filter(
            feed=run.feed_id, source_record_id__in=record_ids, person__isnull=False
        )
        people |= set(linked.values_list("person_id", flat=True))
    return sorted(people)


def open_reviews() -> QuerySet[LinkReview]:
    return LinkReview.objects.filter(status=LinkReview.Status.OPEN).select_related(
        "source_record__feed", "run", "split_from"
    )


def open_doubts() -> QuerySet[LinkDoubt]:
    """Links reported from a chronology, oldest first; shown to data officers without
    the name of anyone they are about (the queue names no one). Each reporter's groups
    are prefetched: the queue shows their role, which is read from them."""
    return (
        LinkDoubt.objects.filter(status=LinkDoubt.Status.OPEN)
        .select_related("source_record__feed", "reported_by")
        .prefetch_related("reported_by__groups")
    )


def review_by_id(review_id: int) -> LinkReview | None:
    return LinkReview.objects.select_related("source_record__feed", "run").filter(pk=review_id).first()


def doubt_by_id(doubt_id: int) -> LinkDoubt | None:
    doubts = LinkDoubt.objects.select_related("source_record__feed", "source_record__last_run", "reported_by")
    return doubts.filter(pk=doubt_id).first()


def reported_event(event_id: int) -> Event:
    """The event behind a chronology entry the reporter may see in full (the caller
    found it in their own timeline first), with the row and feed the report names."""
    return Event.objects.select_related("source_record__feed").get(pk=event_id)


def decided_reviews() -> QuerySet[LinkReview]:
    return (
        LinkReview.objects.exclude(status=LinkReview.Status.OPEN)
        .select_related("source_record__feed", "decided_by", "person")
        .order_by("-decided_at", "-id")
    )


def linked_records(*, person: Person) -> QuerySet[SourceRecord]:
    return person.source_records.select_related("feed", "last_run").order_by("feed__name", "source_record_id")


def _by_identifier(identifier: str) -> Q:
    value = identifier.strip()
    return Q(upn=typed_upn(value)) | Q(nhs_number=value.replace(" ", "")) | Q(local_person_id=value)


def find_person(*, identifier: str) -> Person | None:
    """Exact lookup by UPN, NHS number or local person id (what a data officer holds),
    or by a UPN a pupil had before a change of UPN when nobody holds it now."""
    value = typed_upn(identifier)
    held = Person.objects.filter(_by_identifier(identifier)).first()
    return held or Person.objects.filter(former_upn=value).exclude(former_upn="").first()


def people_with_identifier(*, identifier: str) -> list[Person]:
    """Up to two people an exact UPN, NHS number or local person id names (or a former UPN
    nobody holds now): a caller acting on one person must know when the value names two."""
    if not identifier.strip():
        return []
    people = list(Person.objects.filter(_by_identifier(identifier))[:2])
    former = typed_upn(identifier)
    return people or list(Person.objects.filter(former_upn=former).exclude(former_upn="")[:2])


def _with_current_school(people: QuerySet) -> QuerySet:
    """Two children with the same name and birthday are told apart by their school."""
    school = Enrolment.objects.filter(person=OuterRef("pk"), leaving_date__isnull=True)
    return people.annotate(current_school=Subquery(school.values("school__name")[:1]))


def identities(*, user: object, person_ids: Iterable[int]) -> dict[int, dict]:
    """What a data officer sees of the people a row may be about: identity fields and
    current school, as plain values (the access layer gives them nothing more)."""
    people = identities_for_matching(user).filter(pk__in=list(person_ids))
    return {person["pk"]: person for person in _with_current_school(people)}


def find_people(
    *,
    user: object,
    identifier: str = "",
    forename: str = "",
    surname: str = "",
    date_of_birth: date | None = None,
) -> list[dict]:
    """People a data officer looks up to link a row to: by UPN (current or former), NHS
    number or local person id exactly, or by forename, surname and date of birth together,
    the names as one name however spelt (case, accents, apostrophes, hyphens: O'Brien is
    OBrien). Half a name finds nobody, so this is no way to browse people."""
    people = identities_for_matching(user)
    if identifier.strip():
        people = people.filter(_by_identifier(identifier) | Q(former_upn=typed_upn(identifier)))
        return list(_with_current_school(people.order_by("surname", "forename", "pk"))[:FOUND_AT_MOST])
    words = fold(f"{forename} {surname}").split()
    if not (fold(forename) and fold(surname) and date_of_birth):
        return []
    # The date of birth and the words narrow it in the database to a handful; the exact
    # comparison of folded names is then made on those few.
    people = people.filter(*(Q(name_key__contains=word) for word in words), date_of_birth=date_of_birth)
    found = (
        p
        for p in _with_current_school(people.order_by("surname", "forename", "pk"))
        if same_name(p["forename"], forename) and same_name(p["surname"], surname)
    )
    return list(islice(found, FOUND_AT_MOST))


def linkable_people(*, user: object) -> QuerySet[Person]:
    """The people a data officer may link a row to: anyone whose identity the access
    layer lets them match."""
    return Person.objects.filter(pk__in=identities_for_matching(user).values("pk"))


def row_identity(record: SourceRecord) -> Identity:
    """The identifiers and names a queued row carries, as linkage compares them."""
    return Identity.from_values(record.values)


def can_create_person(*, record: SourceRecord) -> bool:
    """A person is made from a row's names and date of birth; a row without all three
    (an attendance mark carries only a UPN) can only be linked to someone."""
    return Identity.from_values(record.values).can_compare


def attendance_rate(*, person: Person, start: date, end: date) -> float | None:
    """Present-or-attending sessions over possible sessions between two dates inclusive
    (one indexed aggregate), or None when no session was possible."""
    totals = marks_on(person_ids=[person.pk], days=days_between(start, end)).aggregate(
        attended=Count("id", filter=Q(meaning__in=ATTENDED)),
        possible=Count("id", filter=Q(meaning__in=POSSIBLE)),
    )
    return totals["attended"] / totals["possible"] if totals["possible"] else None
