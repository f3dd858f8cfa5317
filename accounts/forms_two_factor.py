from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms

from portal.form_text import NamesTheField


class SecondFactorForm(NamesTheField, forms.Form):
    """One box for either kind of code, so nobody has to choose before typing."""

    code = forms.CharField(
        label="Code",
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
        ),
        error_messages={"required": "Enter the code from your authenticator app or a backup code"},
    )

    def __init__(self, *args: object, button: str = "Continue", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("code", field_width=10), Button("submit", button))


class AuthenticatorCodeForm(SecondFactorForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="Enter the 6 digits your app shows for this account.",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the code from your authenticator app"},
    )
