from collections.abc import Iterator

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm

from accounts.models import User
from portal.form_text import NamesTheField


class ResetRequestForm(NamesTheField, PasswordResetForm):
    """Django's reset form, and the way a new user sets their first password: an
    administrator adds users without one. The email goes to an active account that is not
    a service account (Django's own form leaves out accounts with no usable password, so
    a new user could never sign in), and the page after it says the same whether or not
    the account exists."""

    email = forms.EmailField(
        label="Email address", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.text("email", field_width=20), Button("submit", "Send the link"))

    def get_users(self, email: str) -> Iterator[User]:
        yield from User.objects.filter(email__iexact=email.strip(), is_active=True, is_service_account=False)


class NewPasswordForm(NamesTheField, SetPasswordForm):
    error_words = {"new_password1": "your new password", "new_password2": "your new password again"}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "new_password1"
        ].help_text = "At least 12 characters. Not a common password, and not like your name or email."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("new_password1", field_width=20),
            Field.text("new_password2", field_width=20),
            Button("submit", "Save the new password"),
        )
