"""Reading the access log for IG. Every queryset prefetches the people an entry names with
their identity fields only (name, date of birth, UPN): IG reviews access to records and
never sees the records' content."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from accounts.models import AccessLogEntry, AccessLogSubject, User
from schools.models import Enrolment, FamilyMember, Person, School
from schools.search import person_search, typed_words

IDENTITY_FIELDS = ("id", "forename", "surname", "date_of_birth", "upn")


SHOWN_PER_ENTRY = 5
"""People named per entry on IG's lists; the rest are counted ("and 45 more"). A list
page's entry names its 50 pupils, and fetching them all for 50 entries cost more than
the rest of the page."""


def _with_identities(
    entries: QuerySet[AccessLogEntry], *, matched: Q | None = None
) -> QuerySet[AccessLogEntry]:
    """`matched` picks out the people a search was for: they are named first on each row,
    so a row naming a whole class shows why it matched."""
    subjects = AccessLogSubject.objects.select_related("person").only(
        "entry_id", *(f"person__{f}" for f in IDENTITY_FIELDS)
    )
    named = (
        AccessLogSubject.objects.filter(entry=OuterRef("pk"))
        .order_by()
        .values("entry")
        .annotate(n=Count("*"))
        .values("n")
    )
    order = ["person__surname", "person__forename", "person_id"]
    if matched is not None:
        subjects = subjects.annotate(unmatched=Case(When(matched, then=0), default=1))
        order.insert(0, "unmatched")
    shown = subjects.order_by(*order)[:SHOWN_PER_ENTRY]
    return (
        entries.select_related("actor", "break_glass")
        .annotate(more_subjects=Greatest(Coalesce(Subquery(named), 0) - SHOWN_PER_ENTRY, 0))
        .prefetch_related(Prefetch("subjects", queryset=shown, to_attr="shown_subjects"))
    )


EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2999, 12, 31)
"""The days a search of the log may name. The log holds nothing from before the portal,
and the first and last days of the calendar have no local midnight either side, so a
day outside is a typing slip to refuse, not a period to search."""


def local_day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def entries_search(
    *,
    user_query: str = "",
    person_query: str = "",
    school: School | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    kind: str = "",
    person_id: int | None = None,
    actor_id: int | None = None,
    until: int | None = None,
) -> QuerySet[AccessLogEntry]:
    """Newest first. Dates are local days, both inclusive. A school matches entries naming
    anyone ever enrolled there. The API filters by record ids (`person_id`, `actor_id`)
    so that no name travels in its URLs. `until` (an entry id) leaves out the entries
    written since a list's first page was opened."""
    entries = AccessLogEntry.objects.all()
    matched = []
    if until is not None:
        entries = entries.filter(pk__lte=until)
    if person_id is not None:
        matched.append(Q(person_id=person_id))
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    for word in typed_words(user_query):
        # Word by word, as a person search reads a name: "Smith, Jane" finds Jane Smith.
        entries = entries.filter(Q(actor_label__icontains=word) | Q(actor__display_name__icontains=word))
    if person_query:
        matched.append(Q(person__in=person_identity_search(name=person_query).values("pk")))
    if school is not None:
        matched.append(Q(person_id__in=Enrolment.objects.filter(school=school).values("person_id")))
    for condition in matched:
        entries = entries.filter(Exists(AccessLogSubject.objects.filter(condition, entry=OuterRef("pk"))))
    if date_from:
        entries = entries.filter(at__gte=local_day_start(date_from))
    if date_to:
        entries = entries.filter(at__lt=local_day_start(date_to + timedelta(days=1)))
    if kind:
        entries = entries.filter(kind=kind)
    return _with_identities(
        entries.order_by("-id"), matched=Q(*matched, _connector=Q.OR) if matched else None
    )


def entries_naming(person: Person, *, until: int | None = None) -> QuerySet[AccessLogEntry]:
    """Who has seen this child: one scan of the (person, entry) index, newest first, up
    to entry `until` if given. The other children a list page named are not fetched: IG
    reviewing one child's record has no need to see them."""
    entries = AccessLogEntry.objects.filter(subjects__person=person)
    if until is not None:
        entries = entries.filter(pk__lte=until)
    return entries.select_related("actor", "break_glass").order_by("-id")


def _naming(person: Person) -> QuerySet[AccessLogSubject]:
    return AccessLogSubject.objects.filter(person=person)


def count_entries_naming(person: Person, *, until: int | None = None) -> int:
    """As entries_naming(person, until=until).count(), from the (person, entry) index alone."""
    return _naming(person).filter(**({} if until is None else {"entry_id__lte": until})).count()


def newest_entry_naming(person: Person, *, until: int | None = None) -> tuple[int, datetime] | None:
    """The id and time of the newest entry naming the person (up to `until`)."""
    subjects = _naming(person).filter(**({} if until is None else {"entry_id__lte": until}))
    return subjects.order_by("-entry_id").values_list("entry_id", "entry__at").first()


def count_entries_naming_since(person: Person, *, after: int) -> int:
    return _naming(person).filter(entry_id__gt=after).count()


def newest_entry(entries: QuerySet[AccessLogEntry]) -> tuple[int, datetime] | None:
    """The id and time of the newest of a search's entries, without fetching its people."""
    return entries.prefetch_related(None).order_by("-id").values_list("id", "at").first()


def count_entries_since(entries: QuerySet[AccessLogEntry], *, after: int, cap: int) -> int:
    """How many of a search's entries were written after entry `after`, counted up to `cap`."""
    return entries.prefetch_related(None).filter(pk__gt=after).values("pk")[:cap].count()


def entries_by_user(
    user: User, *, date_from: date | None = None, date_to: date | None = None, until: int | None = None
) -> QuerySet[AccessLogEntry]:
    return entries_search(date_from=date_from, date_to=date_to, actor_id=user.pk, until=until)


def person_identity_search(
    *, name: str = "", upn: str = "", date_of_birth: date | None = None
) -> QuerySet[Person]:
    """Finds young people by identity alone, for IG's "who has seen this child". Returns
    identity fields only; with no criteria, nobody. Names and UPNs are read as every
    person search reads them (schools/search.py), so part of a UPN finds its holders."""
    if not (name.strip() or upn.strip() or date_of_birth):
        return Person.objects.none()
    people = Person.objects.only(*IDENTITY_FIELDS)
    for typed in (name, upn):
        match = person_search(typed)
        if match is not None:
            people = people.filter(match)
    if date_of_birth:
        people = people.filter(date_of_birth=date_of_birth)
    return people.order_by("surname", "forename", "id")


def identities(person_ids: Iterable[int]) -> dict[int, Person]:
    """Identity fields only, for naming the young people in entries IG reviews."""
    return Person.objects.only(*IDENTITY_FIELDS).in_bulk(set(person_ids))


def log_subject(user_id: int) -> User | None:
    """The account whose access history IG reviews, or None if there is none."""
    return User.objects.filter(pk=user_id).first()


HOLD_IDENTIFIERS = ("nhs_number", "local_person_id")
"""With the UPN, what a legal hold on one person is set by (docs/retention.md): a young
person out of school, or a parent, may have no UPN."""


def person_identity(person_id: int) -> Person | None:
    """One person as their history names them: identity and identifiers, never records."""
    return Person.objects.only(*IDENTITY_FIELDS, *HOLD_IDENTIFIERS).filter(pk=person_id).first()


def household_ids(person: Person) -> list[str]:
    """The family ids of the households the person is recorded in, by which a legal hold
    on a household is set; nothing else of the household."""
    members = FamilyMember.objects.filter(person=person).order_by("family__family_id")
    return list(members.values_list("family__family_id", flat=True).distinct())
