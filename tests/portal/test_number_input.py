"""Whole numbers are typed in text inputs with a numeric keyboard (GOV.UK's advice),
not number inputs, which change when scrolled over; the server still checks them."""

import re

import pytest
from django import forms
from django.urls import reverse

from accounts.roles import Role
from portal.form_text import NamesTheField
from tests.factories.access import user_with_role


class _Numbers(NamesTheField, forms.Form):
    weight = forms.IntegerField(label="Weight", min_value=0, max_value=10)
    share = forms.DecimalField(label="Share", required=False)
    hidden = forms.IntegerField(widget=forms.HiddenInput, required=False)


def test_a_whole_number_is_a_numeric_text_input_and_a_decimal_a_decimal_one():
    form = _Numbers()
    weight, share = str(form["weight"]), str(form["share"])
    assert 'type="text"' in weight
    assert 'inputmode="numeric"' in weight
    assert "min=" not in weight
    assert 'inputmode="decimal"' in share
    assert 'type="hidden"' in str(form["hidden"])


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("many", "Enter weight as a whole number"),
        ("-1", "Enter weight as 0 or more"),
        ("9" * 10_000, "Enter weight as a whole number"),
        ("1\x00", "Enter weight as a whole number"),
    ],
)
def test_what_is_not_a_whole_number_in_range_is_refused_naming_the_field(typed, message):
    form = _Numbers({"weight": typed})
    assert not form.is_valid()
    assert form.errors["weight"] == [message]


@pytest.mark.django_db
def test_the_token_pages_days_are_typed_as_text_with_a_number_pad(client, password):
    administrator = user_with_role(Role.ADMINISTRATOR)
    assert client.login(email=administrator.email, password=password)
    html = client.get(reverse("api_tokens:index")).content.decode()
    [days] = re.findall(r'<input[^>]*name="token-days"[^>]*>', html)
    assert 'type="text"' in days
    assert 'inputmode="numeric"' in days
    assert 'type="number"' not in html
