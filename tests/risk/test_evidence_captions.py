"""A screen reader lists a page's tables by caption: a young person with two trigger
points had two tables called "Evidence", which that list could not tell apart."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import EnrolmentFactory
from tests.factories.access import school_staff
from tests.factories.risk import FlagFactory
from tests.portal.page_structure import page_structure

pytestmark = pytest.mark.django_db


def test_each_trigger_points_evidence_table_is_named_for_it(client):
    pupil = EnrolmentFactory().person
    FlagFactory(person=pupil, version__name="Arrested or a suspect")
    FlagFactory(person=pupil, version__name="Repeated suspensions")
    client.force_login(school_staff(Role.DSL, pupil.enrolments.get().school))

    page = page_structure(client.get(reverse("young_person_detail", args=[pupil.pk])).content.decode())

    assert not page.problems()
    captions = [" ".join(t["caption_text"].split()) for t in page.tables]
    assert "Evidence: Arrested or a suspect" in captions
    assert "Evidence: Repeated suspensions" in captions
