"""Django's own messages ("This field is required.") name no field: in the error
summary, which a screen reader reads as a list of links, two of them read the same and
neither says where to go. Every portal form names the field instead."""

import inspect
import pkgutil
from importlib import import_module

from django import forms

from portal.form_text import NamesTheField

FORM_MODULES = (
    "accounts.forms",
    "accounts.forms_access_log",
    "accounts.forms_admin_users",
    "accounts.forms_api_tokens",
    "accounts.forms_password",
    "accounts.forms_two_factor",
    "accounts.views.notifications",
    "chronology.forms",
    "chronology.forms_doubts",
    "chronology.forms_timeline",
    "interventions.forms.interventions",
    "interventions.forms.referrals",
    "interventions.forms.session_corrections",
    "risk.forms",
    "risk.forms_library",
    "risk.forms_pages",
    "risk.forms_rules",
    "risk.views.city",
    "risk.views.fairness",
    "schools.forms",
    "stewardship.forms",
)


APPS = ("accounts", "chronology", "interventions", "risk", "schools", "stewardship", "portal")
NOT_WALKED = {"admin", "api", "celery", "management", "migrations", "settings", "urls", "wsgi", "asgi"}
"""Modules with no portal forms whose import does more than define things (a settings
module checks the environment, wsgi builds the application), and the Django admin,
whose forms are Django's own."""


class _Example(NamesTheField, forms.Form):
    email = forms.CharField(label="Email address")
    role = forms.ChoiceField(label="Role", choices=[("a", "A")])
    ends_on = forms.DateField(label="End date")
    days = forms.IntegerField(label="Valid for (days)")
    why = forms.CharField(label="Why is it closing?")
    upn = forms.CharField(label="UPN")
    own = forms.CharField(label="Reason", error_messages={"required": "Enter the reason for the hold"})


def test_each_message_says_which_field_and_what_to_do():
    form = _Example({"ends_on": "31/02/2026", "days": "many", "role": "b"})
    assert form.errors == {
        "email": ["Enter email address"],
        "role": ["Choose role from the options given"],
        "ends_on": ["Enter end date as a real date, for example 1 September 2025"],
        "days": ["Enter an answer to “Valid for (days)” as a whole number"],
        "why": ["Enter an answer to “Why is it closing?”"],
        "upn": ["Enter UPN"],
        "own": ["Enter the reason for the hold"],
    }


class _Limited(NamesTheField, forms.Form):
    family_id = forms.CharField(label="Family id", max_length=8)
    share = forms.CharField(label="Share (%)", max_length=3)
    note = forms.CharField(label="Note", max_length=1200, widget=forms.Textarea)


def test_a_text_too_long_is_refused_naming_the_field_and_its_limit():
    """Django's "Ensure this value has at most 64 characters (it has 5000)." names no
    field: an overlong legal-hold identifier was refused so."""
    form = _Limited({"family_id": "x" * 9, "share": "1234", "note": "x" * 1201})
    assert form.errors["family_id"] == ["Enter family id in 8 characters or fewer"]
    assert form.errors["share"] == ["Enter an answer to “Share (%)” in 3 characters or fewer"]
    assert form.errors["note"] == ["Enter note in 1,200 characters or fewer"]


def test_every_portal_form_names_its_fields():
    """A form added later without the mixin fails here."""
    modules = [import_module(name) for name in FORM_MODULES]
    plain = [
        f"{cls.__module__}.{cls.__name__}"
        for module in modules
        for cls in vars(module).values()
        if inspect.isclass(cls)
        and issubclass(cls, forms.BaseForm)
        and cls.__module__ == module.__name__
        and not issubclass(cls, NamesTheField)
    ]
    assert not plain, f"Add NamesTheField (portal/form_text.py) to: {plain}"


def test_every_module_that_defines_a_form_is_walked():
    """FORM_MODULES is what this test and tests/portal/test_error_words_every_form.py read:
    a form in a module missing from it would go unread."""
    defining = set()
    for app in APPS:
        for info in pkgutil.walk_packages(import_module(app).__path__, f"{app}."):
            if NOT_WALKED & set(info.name.split(".")):
                continue
            module = import_module(info.name)
            if any(
                inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
                for cls in vars(module).values()
            ):
                defining.add(info.name)
    assert defining <= set(FORM_MODULES), f"Add to FORM_MODULES: {sorted(defining - set(FORM_MODULES))}"
    assert len(defining) > 15, "the walk found the form modules"
