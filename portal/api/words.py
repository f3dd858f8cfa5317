"""The API's words for a value it cannot take, in every filter, query and body: what it
takes, named as the field is. Django's and DRF's defaults spoke of a select the API has
not got ("Select a valid choice…"), of a bound nobody asked about ("Ensure this value is
less than or equal to 999999999999999999."), or said "Date has wrong format" of
2026-02-31, whose format is right and whose day does not exist."""

import re
from collections.abc import Iterable, Mapping

from django import forms
from django.forms.utils import ErrorList
from rest_framework import serializers

from portal.api.converters import MAX_ID

ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
GIVE_A_DAY = "Give the date as YYYY-MM-DD, e.g. 2026-01-31."


def _a(name: str) -> str:
    noun = name.replace("_", " ")
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def not_a_choice(name: str, codes: Iterable[object]) -> str:
    return f"Not {_a(name)}: use one of {', '.join(str(code) for code in codes)}."


def not_an_id(name: str) -> str:
    return f"Not {_a(name)} id: give a whole number from 1 to {MAX_ID}."


def not_offered(name: str) -> str:
    """A record the filter does not offer: not one of the caller's schools, or no such
    record at all; the words do not say which."""
    return f"Not the id of {_a(name)} this list may be filtered by."


def not_a_day(value: object) -> str:
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        return f"The date must be a real date: there is no {value}."
    return GIVE_A_DAY


def _form_words(name: str, field: forms.Field, value: object, codes: set[str]) -> str | None:
    if isinstance(field, forms.ModelChoiceField) and "invalid_choice" in codes:
        return not_offered(name)
    if isinstance(field, forms.ChoiceField) and "invalid_choice" in codes:
        return not_a_choice(name, (code for code, _ in field.choices if code != ""))
    if isinstance(field, forms.IntegerField) and codes & {"invalid", "min_value", "max_value"}:
        return not_an_id(name)
    if isinstance(field, forms.DateField) and "invalid" in codes:
        return not_a_day(value)
    return None


def in_form_words(form: forms.Form) -> None:
    """A filter form's errors in the API's words, where it has its own for them."""
    for name, errors in form.errors.as_data().items():
        field = form.fields.get(name)
        words = field and _form_words(name, field, form.data.get(name), {e.code for e in errors})
        if words:
            form.errors[name] = ErrorList([words])


def _field_words(name: str, field: serializers.Field, value: object, codes: set[str]) -> str | None:
    if isinstance(field, serializers.ChoiceField) and "invalid_choice" in codes:
        return not_a_choice(name, field.choices)
    if isinstance(field, serializers.DateField) and "invalid" in codes:
        return not_a_day(value)
    return None


def in_our_words(fields: Mapping[str, serializers.Field], data: object, errors: dict) -> dict:
    """A serializer's field errors in the API's words, where it has its own for them."""
    said = dict(errors)
    for name, messages in errors.items():
        field = fields.get(name)
        if field is None or not isinstance(messages, list):
            continue
        codes = {getattr(message, "code", None) for message in messages}
        value = data.get(name) if isinstance(data, Mapping) else None
        words = _field_words(name, field, value, codes)
        if words:
            said[name] = [words]
    return said
