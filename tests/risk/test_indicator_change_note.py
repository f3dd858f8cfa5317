"""A new version of an indicator is a governance record: an edit saved with "What changed
and why" left empty made a version nobody could account for (the demo's tp04 version 2).
The reason is required on an edit; a new indicator's first version says "Created"."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.roles import Role
from risk.models import Indicator
from risk.services.library import indicator_version_add
from tests.factories.access import user_with_role
from tests.risk.test_pages import _client, _rule_post

pytestmark = pytest.mark.django_db

AS_OPENED = {"rules-INITIAL_FORMS": "1"}


@pytest.fixture
def admin_and_indicator(client):
    _client(client, user_with_role(Role.ADMINISTRATOR))
    client.post(
        reverse("risk:indicator_new"), _rule_post(code="tx96", name="Arrests", description="x", weight="2")
    )
    return client, Indicator.objects.get(code="tx96")


@pytest.mark.parametrize("note", ["", "   "])
def test_an_edit_without_a_reason_is_refused_naming_the_field_and_saves_no_version(admin_and_indicator, note):
    client, indicator = admin_and_indicator
    edit = reverse("risk:indicator_edit", args=["tx96"])
    response = client.post(
        edit,
        _rule_post(name="Arrests", description="Over two years", weight="3", based_on="1", change_note=note)
        | AS_OPENED,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#id_change_note">Enter what changed and why</a>' in page
    assert "Over two years" in page, "what was typed is kept"
    assert indicator.versions.count() == 1


def test_an_edit_with_a_reason_saves_a_version_that_shows_it(admin_and_indicator):
    client, indicator = admin_and_indicator
    edit = client.get(reverse("risk:indicator_edit", args=["tx96"])).content.decode()
    assert "What changed and why" in edit
    response = client.post(
        reverse("risk:indicator_edit", args=["tx96"]),
        _rule_post(
            name="Arrests",
            description="Over two years",
            weight="3",
            based_on="1",
            change_note="Arrests two years back still matter",
        )
        | AS_OPENED,
    )
    assert response.status_code == 302
    assert indicator.current_version.change_note == "Arrests two years back still matter"
    page = client.get(reverse("risk:indicator", args=["tx96"])).content.decode()
    assert ": Arrests two years back still matter" in page


def test_a_new_indicator_asks_no_reason_and_its_first_version_says_created(admin_and_indicator):
    client, indicator = admin_and_indicator
    assert "What changed and why" not in client.get(reverse("risk:indicator_new")).content.decode()
    assert indicator.current_version.change_note == "Created"


def test_the_service_refuses_a_version_without_a_reason(admin_and_indicator):
    _, indicator = admin_and_indicator
    with pytest.raises(ValidationError) as refused:
        indicator_version_add(
            by=None,
            indicator=indicator,
            name="Arrests",
            description="x",
            rules=indicator.current_version.rules,
            weight=2,
            needs_review=False,
            change_note=" ",
        )
    assert refused.value.message_dict == {"change_note": ["Enter what changed and why"]}
    assert indicator.versions.count() == 1
