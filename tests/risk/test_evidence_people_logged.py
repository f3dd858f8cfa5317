"""A trigger point's evidence can be an event about a relative (a father's police
incident). Every page and API response that shows that evidence shows a record about the
relative, so its access-log entry names the relative too, as the chronology's entry
names every relative whose events it shows; the household's own events name nobody else,
as in the chronology."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.models import Sensitivity
from risk.models import FlagEvidence
from tests.factories import EnrolmentFactory, EventFactory, FamilyMemberFactory, PersonFactory
from tests.factories.access import school_staff, user_with_role
from tests.factories.risk import FlagEvidenceFactory, FlagFactory

pytestmark = pytest.mark.django_db

SUMMARY = "Arrested: assault on a neighbour"


def _pupil_flagged_on_fathers_event(review: str = "pending"):
    pupil = EnrolmentFactory().person
    father = PersonFactory(forename="Audit", surname="Father", sex="M")
    family = FamilyMemberFactory(person=pupil).family
    relative = FamilyMemberFactory(family=family, person=father, relationship="parent")
    event = EventFactory(person=father, summary=SUMMARY, sensitivity=Sensitivity.PARTNER)
    flag = FlagFactory(person=pupil, review=review, sensitivity=Sensitivity.PARTNER)
    FlagEvidenceFactory(
        flag=flag,
        kind=FlagEvidence.Kind.FAMILY_EVENT,
        event=event,
        relative=relative,
        relationship="parent",
        occurred_on=event.occurred_on,
        sensitivity=Sensitivity.PARTNER,
    )
    return pupil, father, flag


def _named_by_the_request(client: Client, url: str) -> tuple[bytes, set[int]]:
    before = set(AccessLogEntry.objects.values_list("pk", flat=True))
    response = client.get(url)
    assert response.status_code == 200
    named = set(AccessLogEntry.objects.exclude(pk__in=before).values_list("subjects__person_id", flat=True))
    return response.content, named


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_taskforce_review_queue_names_the_relative_whose_event_is_evidence():
    pupil, father, _ = _pupil_flagged_on_fathers_event()

    body, named = _named_by_the_request(_client(user_with_role(Role.TASKFORCE)), reverse("risk:review_queue"))

    assert SUMMARY.encode() in body  # the father's incident is shown in full
    assert pupil.pk in named
    assert father.pk in named, "the father's police incident is shown, but the entry does not name him"


@pytest.mark.parametrize(
    "page",
    [
        lambda pupil, flag: reverse("risk:flag_dismiss", args=[flag.pk]),
        lambda pupil, flag: reverse("api:flag-list"),
        lambda pupil, flag: reverse("api:young-person-detail", args=[pupil.pk]),
    ],
    ids=["dismiss page", "flags api", "young person api"],
)
def test_a_dsls_view_of_the_evidence_names_the_relative_whose_event_it_is(page):
    pupil, father, flag = _pupil_flagged_on_fathers_event(review="not_needed")
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)

    body, named = _named_by_the_request(_client(dsl), page(pupil, flag))

    assert SUMMARY.encode() in body
    assert father.pk in named, "the father's police incident is shown, but the entry does not name him"


def test_the_young_person_page_names_the_relative_whose_event_is_evidence_beyond_the_recent_entries():
    """The page's entry names the people of its 50 most recent chronology entries and the
    relatives it names, and also whoever the trigger-points section shows: the relative's
    event is older than the 50 newest entries."""
    pupil, father, flag = _pupil_flagged_on_fathers_event(review="not_needed")
    event = flag.evidence.get().event
    event.occurred_on = timezone.localdate() - datetime.timedelta(days=300)
    event.save(update_fields=["occurred_on"])
    for days in range(1, 61):
        EventFactory(person=pupil, occurred_on=timezone.localdate() - datetime.timedelta(days=days),
                     summary="A newer event", sensitivity=Sensitivity.PARTNER)  # fmt: skip
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)

    body, named = _named_by_the_request(_client(dsl), reverse("young_person_detail", args=[pupil.pk]))

    assert SUMMARY.encode() in body
    assert father.pk in named, "the father's police incident is shown, but the entry does not name him"


def test_a_household_event_as_evidence_names_only_the_young_person():
    pupil = EnrolmentFactory().person
    family = FamilyMemberFactory(person=pupil).family
    mother = FamilyMemberFactory(family=family, person=PersonFactory(sex="F"), relationship="parent")
    event = EventFactory(person=None, family=family, summary=SUMMARY, sensitivity=Sensitivity.PARTNER)
    flag = FlagFactory(person=pupil, review="not_needed", sensitivity=Sensitivity.PARTNER)
    FlagEvidenceFactory(
        flag=flag,
        kind=FlagEvidence.Kind.FAMILY_EVENT,
        event=event,
        relationship="household",
        occurred_on=event.occurred_on,
        sensitivity=Sensitivity.PARTNER,
    )
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)

    body, named = _named_by_the_request(_client(dsl), reverse("risk:flag_dismiss", args=[flag.pk]))

    assert SUMMARY.encode() in body
    assert named == {pupil.pk}
    assert mother.person_id not in named


def test_a_dismissal_names_only_the_young_person_as_it_shows_no_evidence():
    pupil, father, flag = _pupil_flagged_on_fathers_event(review="not_needed")
    dsl = school_staff(Role.DSL, pupil.enrolments.get().school)
    before = set(AccessLogEntry.objects.values_list("pk", flat=True))

    response = _client(dsl).post(
        reverse("risk:flag_dismiss", args=[flag.pk]), {"reason": "known_and_supported", "note": "Known."}
    )

    assert response.status_code == 302
    entry = AccessLogEntry.objects.exclude(pk__in=before).get()
    assert set(entry.subjects.values_list("person_id", flat=True)) == {pupil.pk}
