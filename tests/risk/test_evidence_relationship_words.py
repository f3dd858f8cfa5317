"""A trigger point's evidence about a relative names the relative by their relationship.
A mother's partner's arrest read "Other_adult" in the evidence's About column, the feed's
code, where the family list on the same page reads "Other adult". A parent whose record
gives their sex is "Father", as the chronology calls him."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Sensitivity
from risk.models import FlagEvidence
from tests.factories import EnrolmentFactory, EventFactory, FamilyMemberFactory, PersonFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagEvidenceFactory, FlagFactory
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("relationship", "words"), [("other_adult", "Other adult"), ("parent", "Father")])
def test_evidence_about_a_relative_names_the_relationship_in_words(relationship, words):
    enrolment = EnrolmentFactory()
    pupil = enrolment.person
    adult = PersonFactory(sex="M")
    family = FamilyMemberFactory(person=pupil).family
    relative = FamilyMemberFactory(family=family, person=adult, relationship=relationship)
    event = EventFactory(person=adult, summary="Arrested: public order", sensitivity=Sensitivity.PARTNER)
    flag = FlagFactory(person=pupil, review="not_needed", sensitivity=Sensitivity.PARTNER)
    FlagEvidenceFactory(
        flag=flag,
        kind=FlagEvidence.Kind.FAMILY_EVENT,
        event=event,
        relative=relative,
        relationship=relationship,
        occurred_on=event.occurred_on,
        sensitivity=Sensitivity.PARTNER,
    )
    client = Client()
    client.force_login(school_staff(Role.DSL, enrolment.school))

    record = page_text(client.get(reverse("young_person_detail", args=[pupil.pk])))
    dismissal = page_text(client.get(reverse("risk:flag_dismiss", args=[flag.pk])))

    assert f"{words} Arrested: public order" in record
    assert f"Arrested: public order (source: Police incidents) {words}" in dismissal
    assert "Other_adult" not in record + dismissal
