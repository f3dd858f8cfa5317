"""The indicator form told its errors in stages: a code already in use only once the
rules were right, a second rule's error only once the first's fields were, one missing
parameter at a time, and an edit that changed nothing asked first for "What changed and
why" and only then said nothing had. Each send now says every error the page can know,
in its one error summary, each linked to its field; an edit that changes nothing says so
instead of asking why."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from risk.services.library import CHANGE_NOTE_REQUIRED, DESCRIPTION_UNCHANGED, NOTHING_CHANGED
from tests.factories.access import user_with_role
from tests.portal.page_structure import page_structure
from tests.risk.indicator_edits import edit_sent, made_by_an_administrator
from tests.risk.test_pages import _rule_post

pytestmark = pytest.mark.django_db

AS_CREATED = {"name": "Arrests", "description": "Arrested in the last 365 days.", "weight": "2"}
DAYS = "Enter how many days back the rule looks as a whole number from 1 to 3,660"


@pytest.fixture
def admin(client):
    made_by_an_administrator(client, "tx90", AS_CREATED)
    return client


def _summary(response) -> tuple[list[str], str]:
    html = response.content.decode()
    page = page_structure(html)
    assert response.status_code == 200
    assert page.error_problems() == []
    assert html.count("govuk-error-summary__title") == 1
    return page.summary_links, html


def test_a_code_in_use_is_said_with_the_rules_errors_and_the_others(admin):
    sent = _rule_post(code="tx90", name="", description="x", weight="2", **{"rules-0-days": "0"})

    links, html = _summary(admin.post(reverse("risk:indicator_new"), sent))

    assert links == ["id_code", "id_name", "id_rules-0-days"]
    assert '<a href="#id_code">tx90 is already an indicator: edit it to change it.</a>' in html


def test_every_rules_errors_are_said_at_once_not_the_first_field_first(admin):
    sent = _rule_post(
        code="tx89",
        name="Arrests",
        description="x",
        weight="2",
        **{
            "rules-0-days": "0",
            "rules-0-categories": [],
            "rules-0-match_values": "",
            "rules-1-type": "attendance_rate",
            "rules-1-weeks": "6",
        },
    )

    links, html = _summary(admin.post(reverse("risk:indicator_new"), sent))

    assert links == [
        "id_rules-0-categories_1",
        "id_rules-0-days",
        "id_rules-0-match_values",
        "id_rules-1-max_percent",
    ]
    assert f"Rule 1: {DAYS[0].lower()}{DAYS[1:]}" in html
    assert "Rule 2: enter the attendance percentage" in html


def test_an_edit_that_changes_nothing_says_so_and_does_not_ask_why(admin):
    links, html = _summary(edit_sent(admin, "tx90", AS_CREATED | {"change_note": ""}))

    assert links == ["id_name"]
    assert NOTHING_CHANGED in html
    assert CHANGE_NOTE_REQUIRED not in html


def test_an_edit_that_changes_the_rule_only_asks_why_and_about_the_description_at_once(admin):
    sent = AS_CREATED | {"change_note": "", "rules-0-days": "730"}

    links, html = _summary(edit_sent(admin, "tx90", sent))

    assert links == ["id_description", "id_change_note"]
    assert DESCRIPTION_UNCHANGED in html
    assert CHANGE_NOTE_REQUIRED in html


def test_an_edit_with_a_bad_rule_under_the_same_description_is_asked_about_it_at_once(admin):
    sent = AS_CREATED | {"change_note": "Two years", "rules-0-days": "0"}

    links, _ = _summary(edit_sent(admin, "tx90", sent))

    assert links == ["id_description", "id_rules-0-days"]


def test_a_colleagues_version_saved_meanwhile_is_said_with_the_forms_errors(admin):
    colleague = Client()
    colleague.force_login(user_with_role(Role.ADMINISTRATOR))
    edit_sent(colleague, "tx90", AS_CREATED | {"change_note": "Theirs"}, weight="4")

    links, html = _summary(edit_sent(admin, "tx90", AS_CREATED | {"change_note": "Mine"}, name=""))

    assert links == ["id_name", "id_name"]
    assert "saved version 2 of tx90" in html
    assert 'name="based_on" value="2"' in html
