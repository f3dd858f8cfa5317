"""The administrators' API-token page: make a service account, make or revoke a token."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django import forms
from django.conf import settings

from accounts.models import User
from accounts.roles import Role
from accounts.selectors_api_tokens import service_accounts
from portal.form_text import NamesTheField


class ServiceAccountForm(NamesTheField, forms.Form):
    display_name = forms.CharField(
        label="Name", max_length=150, help_text="What the integration is, e.g. Police nightly extract."
    )
    email = forms.EmailField(
        label="Email address", help_text="A team mailbox that answers for the integration."
    )
    role = forms.ChoiceField(
        label="Role",
        choices=[("", "Choose a role"), *Role.choices],
        help_text="Its one role decides what it may see.",
        error_messages={"required": "Select the role the integration acts with"},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, prefix="account", **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("display_name"),
            Field.text("email", field_width=30),
            Field.select("role"),
            Button("create_account", "Create service account", css_class="govuk-button--secondary"),
        )


def _account_label(user: User) -> str:
    return f"{user.display_name} ({user.role.label if user.role else 'no role'})"


class TokenForm(NamesTheField, forms.Form):
    error_words = {"days": "how many days the token is valid for"}
    user = forms.ModelChoiceField(
        label="Service account",
        queryset=service_accounts(),
        empty_label="Choose a service account",
    )
    name = forms.CharField(label="What the token is for", max_length=100)
    days = forms.IntegerField(
        label="Valid for (days)",
        min_value=1,
        max_value=settings.API_TOKEN_MAX_DAYS,
        initial=90,
        help_text=f"At most {settings.API_TOKEN_MAX_DAYS} days. Make a new token before this one expires.",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, prefix="token", **kwargs)
        self.fields["user"].label_from_instance = _account_label
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.select("user"),
            Field.text("name"),
            Field.text("days", field_width=4),
            Button("create_token", "Create token"),
        )
