"""A rule's errors on the indicator form. A bad parameter ("At least this many sessions"
-3) left the error summary with a heading and an empty list, the one message beside its
field thousands of pixels down; messages named parameters ("Max percent must be...",
"Field must be one of: sen_primary_need, ..."); and the form's bounds and the rule's
disagreed (days -5: "as 0 or more"; days 0: "from 1 to 3660"). Each error is now in the
summary as "Rule n: ...", linked to its field, said in the words of the field's label,
and a number's bounds are said the same way whichever check refused it."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from risk.models import Indicator
from risk.rules.params import RuleError, clean_rules
from tests.factories.access import user_with_role
from tests.portal.page_structure import page_structure
from tests.risk.test_pages import _rule_post

pytestmark = pytest.mark.django_db

DAYS = "Enter how many days back the rule looks as a whole number from 1 to 3,660"
EVENTS = "Enter the fewest events the rule needs as a whole number from 1 to 100"
PERCENT = "Enter the attendance percentage as a whole number from 0 to 100"
WEEKS = "Enter how many school weeks back the rule looks as a whole number from 1 to 52"
POSSIBLE = "Enter the fewest possible sessions the rule judges on as a whole number from 1 to 520"
SESSIONS = "Enter the fewest sessions the rule needs as a whole number from 1 to 520"
ATTENDANCE = {"rules-0-type": "attendance_rate", "rules-0-max_percent": "90", "rules-0-weeks": "6"}
CODES = {"rules-0-type": "register_codes", "rules-0-codes": "C2", "rules-0-weeks": "6"}
ATTRIBUTE = {"rules-0-type": "attribute", "rules-0-field": "sen_provision", "rules-0-values": "E"}
FAMILY = {"rules-0-type": "family_events", "rules-0-relationships": ["sibling"]}

CASES = [
    ({"rules-0-days": "-5"}, "days", DAYS),
    ({"rules-0-days": "0"}, "days", DAYS),
    ({"rules-0-days": "3661"}, "days", DAYS),
    ({"rules-0-days": ""}, "days", DAYS),
    ({"rules-0-days": "many"}, "days", DAYS),
    ({"rules-0-min_count": "0"}, "min_count", EVENTS),
    ({"rules-0-min_count": "101"}, "min_count", EVENTS),
    ({"rules-0-categories": []}, "categories_1", "Choose which kinds of event count"),
    (
        {"rules-0-match_values": "jaywalking"},
        "match_values",
        "jaywalking is not a code the feeds send for police role: use any of",
    ),
    ({"rules-0-match_values": ""}, "match_values", "Enter which police role to match"),
    (
        {"rules-0-match_detail_2": "markers", "rules-0-match_values_2": "XX, YY"},
        "match_values_2",
        "XX and YY are not codes the feeds send for intelligence markers",
    ),
    ({**ATTENDANCE, "rules-0-max_percent": "101"}, "max_percent", PERCENT),
    ({**ATTENDANCE, "rules-0-max_percent": ""}, "max_percent", PERCENT),
    ({**ATTENDANCE, "rules-0-weeks": "0"}, "weeks", WEEKS),
    ({**ATTENDANCE, "rules-0-weeks": "53"}, "weeks", WEEKS),
    ({**ATTENDANCE, "rules-0-min_possible": "0"}, "min_possible", POSSIBLE),
    ({**CODES, "rules-0-min_sessions": "-3"}, "min_sessions", SESSIONS),
    ({**CODES, "rules-0-min_sessions": "521"}, "min_sessions", SESSIONS),
    ({**CODES, "rules-0-weeks": ""}, "weeks", WEEKS),
    ({**CODES, "rules-0-codes": ""}, "codes", "Enter the register codes"),
    ({**CODES, "rules-0-codes": "C2, ZZ"}, "codes", "ZZ is not a code the feeds send for register marks"),
    (
        {**FAMILY, "rules-0-relationships": []},
        "relationships_1",
        "Choose the relationships whose events count",
    ),
    (
        {**ATTRIBUTE, "rules-0-field": ""},
        "field",
        "Choose which attribute to check: SEN primary need or SEN provision",
    ),
    ({**ATTRIBUTE, "rules-0-values": ""}, "values", "Enter the SEN provision codes to look for"),
    ({**ATTRIBUTE, "rules-0-values": "QQ"}, "values", "QQ is not a code the feeds send for SEN provision"),
    (
        {"rules-0-type": "", "rules-0-categories": []},
        "type",
        "Choose a rule type: an indicator needs at least one rule",
    ),
]
INTERNAL = ("sen_p", "max_percent", "min_", "Max percent", "Min ", "Field must", "Compose", "must be")
"""Parameter names and the old messages' openings."""


@pytest.mark.parametrize(("fields", "field", "message"), CASES)
def test_each_bad_parameter_is_in_the_summary_linked_to_its_field_in_its_labels_words(
    client, fields, field, message
):
    client.force_login(user_with_role(Role.ADMINISTRATOR))

    response = client.post(
        reverse("risk:indicator_new"), _rule_post(code="tx91", name="N", description="x", weight="2") | fields
    )

    html = response.content.decode()
    page = page_structure(html)
    assert response.status_code == 200
    assert not Indicator.objects.filter(code="tx91").exists()
    assert page.error_problems() == []
    assert page.summary_links == [f"id_rules-0-{field}"]
    said = f"{message[0].lower()}{message[1:]}" if message[1].islower() else message
    summary = f'<a href="#id_rules-0-{field}">Rule 1: {said}'
    assert summary in html
    beside = [" ".join(m["words"].split()) for m in page.error_messages]
    assert len(beside) == 1
    assert message in beside[0]
    assert not any(word in beside[0] for word in INTERNAL)


def test_the_indicator_and_its_rules_are_checked_together_and_each_error_is_in_one_summary(client):
    client.force_login(user_with_role(Role.ADMINISTRATOR))

    response = client.post(
        reverse("risk:indicator_new"),
        _rule_post(code="tx91", name="", description="x", weight="2", **{"rules-0-days": "0"}),
    )

    html = response.content.decode()
    page = page_structure(html)
    assert page.error_problems() == []
    assert page.summary_links == ["id_name", "id_rules-0-days"]
    assert html.count("govuk-error-summary__title") == 1


def test_a_rule_refused_by_the_service_says_which_rule_and_what_to_do_in_words():
    with pytest.raises(RuleError) as refused:
        clean_rules([{"type": "attribute", "params": {"field": "sen_need"}}])

    assert str(refused.value) == "Rule 1: choose which attribute to check: SEN primary need or SEN provision"
    assert refused.value.param == "field"
