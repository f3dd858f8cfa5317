"""School assignments in the admin, and what else is kept out of it; users are in
accounts.admin_users. Roles and school access change only through the services, so every
change grants or revokes the matching permissions and is recorded; users are
deactivated, never deleted."""

from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import admin_users  # noqa: F401 - registers the user admin
from accounts.models import ChangeLogEntry, SchoolAssignment
from accounts.roles import Role
from accounts.services.assignments import assign_school, unassign_school

# auditlog registers its change log in the admin (its app loads before this one); the
# change log is the audit trail and is read through the IG pages, not edited here.
if admin.site.is_registered(ChangeLogEntry):
    admin.site.unregister(ChangeLogEntry)
# Django's group admin would let permissions be edited outside the access layer: the
# roles and each school's staff are groups whose permissions set_role, assign_school and
# ensure_roles keep. Roles are given on the user's form, schools as school assignments.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)
# django-otp's device admins would show administrators every user's authenticator secret
# and backup codes; devices change only through the "Reset two-factor sign-in" action.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


class SchoolAssignmentForm(forms.ModelForm):
    class Meta:
        model = SchoolAssignment
        fields = ["user", "school", "role"]

    def clean(self) -> dict:
        data = super().clean()
        user, role = data.get("user"), data.get("role")
        if user and role and user.role != role:
            raise forms.ValidationError(f"{user} does not hold the {Role(role).label} role; set it first.")
        return data


@admin.register(SchoolAssignment)
class SchoolAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "role", "created_at", "created_by"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__display_name", "school__name", "school__urn"]
    form = SchoolAssignmentForm
    autocomplete_fields = ["school"]

    def has_change_permission(self, request: HttpRequest, obj: SchoolAssignment | None = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: SchoolAssignment, form: forms.ModelForm, change: bool
    ) -> None:
        created = assign_school(by=request.user, user=obj.user, school=obj.school, role=Role(obj.role))
        obj.pk = created.pk

    def delete_model(self, request: HttpRequest, obj: SchoolAssignment) -> None:
        unassign_school(by=request.user, assignment=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[SchoolAssignment]) -> None:
        for assignment in queryset:
            unassign_school(by=request.user, assignment=assignment)
