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


def test_releasing_a_hold_on_a_person_is_logged_naming_them_as_setting_one_is(client, hold):
    assert client.post(reverse("stewardship:hold_release", args=[hold.pk])).status_code == 302
    entry = AccessLogEntry.objects.get(route="stewardship:hold_release", detail__legal_hold_released=hold.pk)
    assert list(entry.subjects.values_list("person_id", flat=True)) == [hold.person_id]


def test_a_release_that_cannot_be_logged_leaves_the_hold_in_force(client, hold, monkeypatch):
    """Fail-closed, as setting is: the release acts on the child's record."""

    def refuse(**kwargs):
        raise RuntimeError("the access log cannot be written")

    monkeypatch.setattr("stewardship.views.retention.log_access", refuse)
    with pytest.raises(RuntimeError):
        client.post(reverse("stewardship:hold_release", args=[hold.pk]))
    hold.refresh_from_db()
    assert hold.released_at is None
