"""Saving an indicator's edit form unchanged added a version identical to the last (the
demo's tp01 versions 2 and 3): a version is a governance record, and one that changes
nothing tells whoever reads the history that something changed when it did not. An
edit that changes nothing a version holds is refused, on the page and in the service;
the reason given ("What changed and why") is not itself a change."""

import re

import pytest
from django.core.exceptions import ValidationError

from risk.services.library import NOTHING_CHANGED, indicator_create, indicator_version_add
from tests.risk.indicator_edits import edit_sent, made_by_an_administrator

pytestmark = pytest.mark.django_db

AS_CREATED = {"name": "Arrests", "description": "Arrested in the last year.", "weight": "2"}


@pytest.fixture
def admin_and_indicator(client):
    indicator = made_by_an_administrator(client, "tx95", AS_CREATED)
    assert not indicator.current_version.needs_review, "the edits below post the review switch off"
    return client, indicator


def _edit(client, **fields):
    return edit_sent(client, "tx95", AS_CREATED | {"change_note": "Checked"}, **fields)


def test_an_edit_that_changes_nothing_is_refused_in_words_and_keeps_what_was_typed(admin_and_indicator):
    client, indicator = admin_and_indicator

    response = _edit(client, change_note="Reviewed with the taskforce: no change needed")

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert NOTHING_CHANGED in page
    assert NOTHING_CHANGED.startswith("Nothing has changed")
    assert "Reviewed with the taskforce: no change needed" in page, "what was typed is kept"
    assert indicator.versions.count() == 1


def test_the_same_form_sent_twice_makes_one_version_not_two(admin_and_indicator):
    client, indicator = admin_and_indicator

    first = _edit(client, weight="3")
    second = _edit(client, weight="3", based_on="2")

    assert first.status_code == 302
    assert second.status_code == 200
    assert NOTHING_CHANGED in second.content.decode()
    assert indicator.versions.count() == 2


def test_spaces_and_line_breaks_alone_are_no_change(admin_and_indicator):
    client, indicator = admin_and_indicator

    response = _edit(client, name=" Arrests ", description="Arrested in the\r\nlast year.  ")

    assert response.status_code == 200
    assert indicator.versions.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"name": "Arrested"},
        {"description": "Arrested or a suspect in the last year."},
        {"weight": "3"},
        {"stronger_at": "3", "description_still_holds": "on"},
        {"needs_review": "on"},
    ],
)
def test_a_change_to_anything_else_a_version_holds_makes_a_version(admin_and_indicator, change):
    client, indicator = admin_and_indicator

    response = _edit(client, **change)

    assert response.status_code == 302, response.content.decode()
    assert indicator.versions.count() == 2


def test_the_service_refuses_a_version_that_changes_nothing():
    rules = [
        {
            "type": "events",
            "params": {
                "categories": ["police_incident"],
                "days": 365,
                "match": {"role": ["arrested", "suspect"]},
            },
        }
    ]
    indicator = indicator_create(
        by=None, code="tx94", name="Arrests", description="x", rules=rules, weight=2, needs_review=False
    )
    reordered = [
        {
            "type": "events",
            "params": {
                "days": 365,
                "min_count": 1,
                "categories": ["police_incident"],
                "match": {"role": ["suspect", "arrested"]},
            },
        }
    ]

    with pytest.raises(ValidationError) as refused:
        indicator_version_add(
            by=None,
            indicator=indicator,
            name="Arrests",
            description="x ",
            rules=reordered,
            weight=2,
            needs_review=False,
            change_note="A different reason",
        )

    assert refused.value.messages == [NOTHING_CHANGED]
    assert refused.value.error_list[0].code == "unchanged"
    assert indicator.versions.count() == 1


def test_the_edit_page_keeps_the_typed_rule_when_it_refuses(admin_and_indicator):
    client, _ = admin_and_indicator

    page = _edit(client).content.decode()

    assert re.search(r'name="rules-0-days"[^>]*value="365"', page)
