"""A trigger point's evidence names a relative as the chronology's entries on the same
page do. The evidence said "Household" for an eviction notice that "Recent events" said
was the mother's (the housing row named her as well as the household), and "Sibling"
for the brother "Recent events" called "Brother"; a head teacher read two people."""

import datetime
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.models import Sensitivity
from risk.models import FlagEvidence
from tests.factories import EnrolmentFactory, EventFactory, FamilyMemberFactory, PersonFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagEvidenceFactory, FlagFactory

pytestmark = pytest.mark.django_db

EVICTION, ARREST = "Eviction notice", "Police incident"


class _Rows(HTMLParser):
    """Every table row's cells as text: evidence (Date, What, About, Detail; on the
    dismiss page the detail under What) and chronology entries (Date, Category, About,
    What happened) all give About third."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(" ".join(" ".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _abouts(body: bytes, what: str) -> list[str]:
    parser = _Rows()
    parser.feed(body.decode())
    return [row[2] for row in parser.rows if len(row) > 2 and row[1].startswith(what)]


def _flagged_pupil(*, brother_left: bool = False):
    """A pupil flagged on an eviction notice for the household that names their mother,
    and on their brother's arrest."""
    pupil = EnrolmentFactory().person
    family = FamilyMemberFactory(person=pupil, relationship="child").family
    mother = PersonFactory(sex="F")
    FamilyMemberFactory(family=family, person=mother, relationship="parent")
    brother = PersonFactory(sex="M")
    left = timezone.localdate() - datetime.timedelta(days=5) if brother_left else None
    membership = FamilyMemberFactory(family=family, person=brother, relationship="sibling", to_date=left)
    day = timezone.localdate() - datetime.timedelta(days=30)
    eviction = EventFactory(
        person=mother, family=family, category="housing_eviction_notice", occurred_on=day,
        summary="Household: eviction notice", sensitivity=Sensitivity.PARTNER,
    )  # fmt: skip
    arrest = EventFactory(person=brother, occurred_on=day, sensitivity=Sensitivity.PARTNER)
    flag = FlagFactory(person=pupil, sensitivity=Sensitivity.PARTNER)
    FlagEvidenceFactory(
        flag=flag, kind=FlagEvidence.Kind.FAMILY_EVENT, event=eviction, relationship="household",
        occurred_on=day,
    )  # fmt: skip
    FlagEvidenceFactory(
        flag=flag, kind=FlagEvidence.Kind.FAMILY_EVENT, event=arrest, relative=membership,
        relationship="sibling", occurred_on=day,
    )  # fmt: skip
    return pupil, mother, brother, flag


def _get(user, url: str) -> tuple[bytes, set[int]]:
    client = Client()
    client.force_login(user)
    before = set(AccessLogEntry.objects.values_list("pk", flat=True))
    response = client.get(url)
    assert response.status_code == 200
    named = set(AccessLogEntry.objects.exclude(pk__in=before).values_list("subjects__person_id", flat=True))
    return response.content, named


@pytest.mark.parametrize("role", [Role.HEAD_TEACHER, Role.DSL])
@pytest.mark.parametrize(
    ("brother_left", "brother_words"), [(False, "Brother"), (True, "Brother (former household member)")]
)
def test_the_evidence_and_recent_events_say_the_same_relationship(role, brother_left, brother_words):
    pupil, _, _, _ = _flagged_pupil(brother_left=brother_left)
    staff = school_staff(role, pupil.enrolments.get().school)

    body, _ = _get(staff, reverse("young_person_detail", args=[pupil.pk]))

    assert _abouts(body, EVICTION) == ["Mother", "Mother"], "the evidence, then the recent events"
    assert _abouts(body, ARREST) == [brother_words, brother_words]


def test_a_page_showing_the_evidence_alone_names_the_mother_it_is_about():
    """The dismiss page shows the evidence without the chronology: calling the eviction
    notice the mother's shows a record about her, so its entry names her, as the
    chronology's does."""
    pupil, mother, brother, flag = _flagged_pupil()
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)

    body, named = _get(dsl, reverse("risk:flag_dismiss", args=[flag.pk]))

    assert _abouts(body, EVICTION) == ["Mother"]
    assert named == {pupil.pk, mother.pk, brother.pk}


def test_the_api_says_the_same_relationship():
    pupil, _, _, _ = _flagged_pupil()
    client = Client()
    client.force_login(school_staff(Role.DSL, pupil.enrolments.get().school))

    body = client.get(reverse("api:young-person-detail", args=[pupil.pk])).json()

    [card] = body["sections"]["trigger_points"]["current"]
    assert sorted(line["about"] for line in card["evidence"]) == ["Brother", "Mother"]
