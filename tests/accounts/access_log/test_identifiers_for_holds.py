"""From "who has seen this young person" an IG officer often goes on to a legal hold (a
complaint, a claim). A hold is set by UPN, NHS number or local person id, or by family
id for a household, and the access log's pages showed only the UPN: a young person out of
school, or a parent, could not be held from anything IG can see."""

import pytest
from django.urls import reverse

from tests.factories import FamilyFactory, FamilyMemberFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_history_shows_every_identifier_a_hold_can_be_set_by(ig_client):
    person = PersonFactory(upn=None, nhs_number="9434765919", local_person_id="NB0000042")
    FamilyMemberFactory(person=person, family=FamilyFactory(family_id="NBH000777"), relationship="parent")

    html = ig_client.get(reverse("access_log:person_history", args=[person.pk])).content.decode()

    assert "9434765919" in html
    assert "NB0000042" in html
    assert "NBH000777" in html
    assert f'href="{reverse("stewardship:hold_new")}"' in html
