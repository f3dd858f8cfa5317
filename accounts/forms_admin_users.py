"""The admin's user form. A head teacher or DSL sees nothing without a school, and the
school assignment admin needs the role first, so the form takes the school with the role
and refuses a school role without one."""

from django import forms

from accounts.models import User
from accounts.roles import SCHOOL_ROLES, Role
from portal.form_text import NamesTheField
from schools.models import School

SCHOOL_HELP = (
    "Head teachers and designated safeguarding leads need a school: choose it here (add "
    "more under School assignments). Other roles hold none, and changing a user to one "
    "removes their school assignments."
)


class UserForm(NamesTheField, forms.ModelForm):
    role = forms.ChoiceField(choices=[("", "No role"), *Role.choices], required=False)
    school = forms.ModelChoiceField(
        queryset=School.objects.order_by("name"), required=False, help_text=SCHOOL_HELP
    )

    class Meta:
        model = User
        fields = ["email", "display_name", "job_title"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["role"].initial = self.instance.role or ""

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict:
        data = super().clean()
        role = Role(data["role"]) if data.get("role") else None
        school = data.get("school")
        if role in SCHOOL_ROLES and school is None and not self._has_school_as(role):
            words = role.in_a_sentence
            self.add_error(
                "school", f"{words[0].upper()}{words[1:]} needs a school: choose the one they work at."
            )
        if school is not None and role not in SCHOOL_ROLES:
            holder = role.in_a_sentence if role else "a user with no role"
            self.add_error("school", f"Leave the school empty: {holder} holds no school.")
        if school is not None and self.instance.pk and not self.instance.is_active:
            self.add_error("school", "A deactivated user cannot be given a school; reactivate them first.")
        return data

    def _has_school_as(self, role: Role) -> bool:
        return bool(self.instance.pk) and self.instance.school_assignments.filter(role=role).exists()
