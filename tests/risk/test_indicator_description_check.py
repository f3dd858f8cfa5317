"""An indicator's description is free text its administrator writes, and it is what
users read beside every flag: a threshold changed from 90% to 85% under a description
still saying 90% told them the old rule. An edit that changes the rules (or the count
that makes a flag stronger) but not the description is refused, unless the administrator
says the description still holds."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from risk.models import Indicator
from risk.services.library import DESCRIPTION_UNCHANGED, indicator_create, indicator_version_add
from tests.risk.indicator_edits import edit_sent, made_by_an_administrator

pytestmark = pytest.mark.django_db

AS_CREATED = {"name": "Arrests", "description": "Arrested in the last 365 days.", "weight": "2"}


@pytest.fixture
def admin(client):
    made_by_an_administrator(client, "tx93", AS_CREATED)
    return client


def _edit(client, **fields):
    return edit_sent(client, "tx93", AS_CREATED | {"change_note": "Two years"}, **fields)


def _versions() -> int:
    return Indicator.objects.get(code="tx93").versions.count()


@pytest.mark.parametrize("change", [{"rules-0-days": "730"}, {"stronger_at": "3"}])
def test_a_changed_rule_under_the_same_description_is_refused_naming_the_description(admin, change):
    response = _edit(admin, **change)

    assert response.status_code == 200
    page = response.content.decode()
    assert f'<a href="#id_description">{DESCRIPTION_UNCHANGED}</a>' in page
    assert 'name="description_still_holds"' in page
    assert _versions() == 1


def test_the_administrator_may_say_the_description_still_holds(admin):
    response = _edit(admin, **{"rules-0-days": "730", "description_still_holds": "on"})

    assert response.status_code == 302
    assert _versions() == 2


def test_a_changed_rule_with_a_changed_description_is_saved(admin):
    response = _edit(admin, **{"rules-0-days": "730", "description": "Arrested in the last two years."})

    assert response.status_code == 302
    version = Indicator.objects.get(code="tx93").current_version
    assert version.description == "Arrested in the last two years."
    assert version.rules[0]["params"]["days"] == 730


def test_only_the_edit_page_asks_whether_the_description_still_holds(admin):
    edit = admin.get(reverse("risk:indicator_edit", args=["tx93"])).content.decode()
    new = admin.get(reverse("risk:indicator_new")).content.decode()

    assert "The description still holds" in edit
    assert "description_still_holds" not in new


def test_the_service_refuses_changed_rules_under_the_same_description_unless_told_it_holds():
    rule = {"type": "attendance_rate", "params": {"max_percent": 90, "weeks": 6, "min_possible": 20}}
    indicator = indicator_create(
        by=None, code="tx92", name="Absence", description="90% or less.", rules=[rule], weight=1
    )
    lower = [{"type": "attendance_rate", "params": {**rule["params"], "max_percent": 85}}]
    edit = {
        "by": None,
        "indicator": indicator,
        "name": "Absence",
        "description": "90% or less.",
        "rules": lower,
        "weight": 1,
        "needs_review": indicator.current_version.needs_review,
        "change_note": "85%",
    }

    with pytest.raises(ValidationError) as refused:
        indicator_version_add(**edit)

    assert refused.value.message_dict == {"description": [DESCRIPTION_UNCHANGED]}
    assert indicator.versions.count() == 1
    assert indicator_version_add(**edit, description_still_holds=True).number == 2
