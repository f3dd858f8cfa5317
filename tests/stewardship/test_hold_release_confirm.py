"""Releasing a legal hold lets that night's retention run remove what it kept, for good.
It was one button beside the hold on the retention page, sent at the first click: a
slip of the mouse on the wrong row released a claim's records with nothing to say so."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLogEntry
from accounts.roles import Role
from stewardship.models import LegalHold
from tests.factories import PersonFactory
from tests.factories.access import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def hold(client):
    ig = user_with_role(Role.IG_OFFICER)
    client.force_login(ig)
    child = PersonFactory(forename="Ann", surname="Reed")
    return LegalHold.objects.create(
        person=child, reason="A civil claim", ends_on=timezone.localdate(), set_by=ig
    )


def test_release_asks_first_naming_the_hold_and_what_will_follow(client, hold):
    release = reverse("stewardship:hold_release", args=[hold.pk])
    listed = client.get(reverse("stewardship:retention")).content.decode()
    assert f'href="{release}"' in listed
    assert f'action="{release}"' not in listed, "no release at one click from the list"

    page = client.get(release).content.decode()

    assert "Release the legal hold?" in page
    assert "Ann Reed" in page
    assert "A civil claim" in page
    assert "that night&#x27;s retention run removes" in page or "that night's retention run removes" in page
    hold.refresh_from_db()
    assert hold.released_at is None
    entry = AccessLogEntry.objects.get(route="stewardship:hold_release")
    assert list(entry.subjects.values_list("person_id", flat=True)) == [hold.person_id]

    assert client.post(release).status_code == 302
    hold.refresh_from_db()
    assert hold.released_at is not None
