"""Every message a portal form can show for a field, read as GOV.UK error messages read:
say what to do ("Enter how many days the token is valid for", "Choose why it is
closing"). The words `NamesTheField` makes from a label suit a noun phrase ("Enter start
date"); after a question, a unit in brackets or half a sentence they read badly ("Enter
an answer to “Valid for (days)”", "Enter at least this many events"), so each such field
says its own. The forms are found by walking the portal's form modules, so a form landed
later is read without anyone listing it."""

import inspect
import re
from importlib import import_module
from types import SimpleNamespace

import pytest
from django import forms
from django.http import QueryDict

from accounts.forms_api_tokens import TokenForm
from accounts.models import User
from chronology.forms_doubts import LinkDoubtForm
from interventions.forms.interventions import CloseForm
from portal.form_text import DJANGO_DEFAULTS, generated_messages
from schools.models import Person
from tests.portal.test_error_words import FORM_MODULES

pytestmark = pytest.mark.django_db

_SESSION = SimpleNamespace(version=1, date=None, kind="")
_INTERVENTION = SimpleNamespace(start_date=None, review_date=None, allocated_at=None)
BUILD = {
    "NewPasswordForm": lambda cls: cls(User()),
    "DecisionForm": lambda cls: cls(linkable=Person.objects.none()),
    "SplitForm": lambda cls: cls(records=[]),
    "TimelineFilterForm": lambda cls: cls(QueryDict()),
    "AllocationForm": lambda cls: cls(workers=User.objects.none()),
    "ChangeWorkerForm": lambda cls: cls(workers=User.objects.none()),
    "CloseForm": lambda cls: cls(intervention=_INTERVENTION),
    "ReviewForm": lambda cls: cls(intervention=_INTERVENTION),
    "GroupSessionForm": lambda cls: cls(interventions=[]),
    "ReferralForm": lambda cls: cls(trigger_choices=[]),
    "SessionCorrectionForm": lambda cls: cls(
        session=_SESSION, rows=[(SimpleNamespace(pk=1), None)], whole=True
    ),
    "FlaggedListForm": lambda cls: cls(QueryDict(), trigger_points=[]),
    "TrendForm": lambda cls: cls(QueryDict(), codes=[]),
    "FairnessForm": lambda cls: cls(QueryDict(), codes=[]),
}
"""How to make the forms that need arguments: a form this cannot make fails the walk."""

NOT_AN_OBJECT = re.compile(
    r"^(Enter|Choose) (at|and|as|by|compare|flags|from|if|in|include|is|judged|only|over|"
    r"raised|referred|say|search|sort|to|waiting|within|whose)\b"
)
"""Words that cannot follow "Enter" or "Choose": the label was half a sentence."""


PARAMS = {"limit_value": 1, "missing": "a month"}
"""What Django fills into a message: a number's bound, a date's missing parts."""


def _forms() -> list[type[forms.BaseForm]]:
    return [
        cls
        for module in map(import_module, FORM_MODULES)
        for cls in vars(module).values()
        if inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
    ]


def shown_messages(form: forms.BaseForm) -> dict[str, str]:
    """The messages the form can show beside a field that Django or `NamesTheField`
    wrote, by "field code": not those the form sets itself, nor hidden fields' (no
    person can correct those: each form says its own above the form), nor a required
    message for a field that may be left empty."""
    shown = {}
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        ours = generated_messages(field, name, getattr(form, "error_words", {}).get(name))
        for code, message in field.error_messages.items():
            if code == "required" and not field.required:
                continue
            if str(message) in DJANGO_DEFAULTS or (code in ours and str(message) == ours[code]):
                said = str(message)
                shown[f"{type(form).__name__}.{name} {code}"] = said % PARAMS if "%(" in said else said
    return shown


def reads_badly(message: str) -> bool:
    return (
        message in DJANGO_DEFAULTS
        or any(mark in message for mark in "“”()?:")
        or bool(NOT_AN_OBJECT.match(message))
    )


def test_every_message_a_form_shows_reads_as_an_instruction():
    messages = {}
    for cls in _forms():
        build = BUILD.get(cls.__name__, lambda cls: cls())
        messages |= shown_messages(build(cls))
    assert len(messages) > 100, "the walk found the forms"
    bad = {where: message for where, message in messages.items() if reads_badly(message)}
    assert not bad, "Give these fields error_messages of their own:\n" + "\n".join(
        f"{where}: {message}" for where, message in sorted(bad.items())
    )


def test_a_number_out_of_range_is_refused_in_words_that_say_the_limit():
    """Django's "Ensure this value is greater than or equal to 1." names no field and
    reads as jargon: a feed's cadence of 0 days, or 0 planned sessions, was refused so.
    A rule's numbers say their range ("from 1 to 3,660"), as the rule itself does."""
    checked = 0
    for cls in _forms():
        form = BUILD.get(cls.__name__, lambda cls: cls())(cls)
        for name, field in form.fields.items():
            for validator in field.validators:
                code = getattr(validator, "code", "")
                if code not in ("min_value", "max_value") or not isinstance(field, forms.IntegerField):
                    continue
                if field.widget.is_hidden:
                    continue
                message = str(field.error_messages.get(code, validator.message)) % {"limit_value": 1}
                where = f"{cls.__name__}.{name}"
                assert "Ensure this value" not in message, where
                assert message.startswith("Enter "), where
                # A field with both bounds may say them both, whichever it is past.
                both = f"from {field.min_value or 0:,} to {field.max_value or 0:,}"
                assert message.endswith((" or more" if code == "min_value" else " or fewer", both)), where
                checked += 1
    assert checked > 10, "the walk found the number fields"


@pytest.mark.parametrize(
    "message",
    [
        "Enter an answer to “Valid for (days)”",
        "Choose an answer to “Why is it closing?”",
        "Enter at least this many events",
        "Choose only events whose",
        "Enter say more",
        "Enter if consent was not sought, or you rely on another basis: explain",
        "This field is required.",
    ],
)
def test_the_walk_tells_a_message_that_reads_badly(message):
    assert reads_badly(message)


@pytest.mark.parametrize(
    "message",
    ["Enter how many days the token is valid for", "Choose the trigger point", "Enter start date"],
)
def test_the_walk_passes_an_instruction(message):
    assert not reads_badly(message)


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        (lambda: TokenForm({}), "days", "Enter how many days the token is valid for"),
        (
            lambda: TokenForm({"token-days": "a week"}),
            "days",
            "Enter how many days the token is valid for as a whole number",
        ),
        (
            lambda: CloseForm({"version": "1"}, intervention=_INTERVENTION),
            "reason",
            "Choose why the intervention is closing",
        ),
        (lambda: LinkDoubtForm({}), "note", "Enter why you think this entry may be about someone else"),
    ],
)
def test_a_field_named_in_its_own_words(form, field, message):
    assert form().errors[field] == [message]
