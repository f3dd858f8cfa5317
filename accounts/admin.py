"""Users and school assignments in the admin. Roles and school access change only
through the services, so every change grants or revokes the matching permissions and
is recorded; users are deactivated, never deleted."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import pluralize
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ChangeLogEntry, SchoolAssignment, User
from accounts.roles import Role
from accounts.services.assignments import assign_school, unassign_school
from accounts.services.roles import set_role
from accounts.services.two_factor import two_factor_reset
from accounts.services.users import user_deactivate

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


class UserForm(forms.ModelForm):
    role = forms.ChoiceField(choices=[("", "No role"), *Role.choices], required=False)

    class Meta:
        model = User
        fields = ["email", "display_name", "job_title"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["role"].initial = self.instance.role or ""

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class RoleFilter(admin.SimpleListFilter):
    """By role, in words: the groups also hold each school's staff groups
    ("school:995884:dsl"), which are not roles."""

    title = "role"
    parameter_name = "role"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return list(Role.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> QuerySet[User]:
        if self.value() in Role.values:
            return queryset.filter(groups__name=self.value())
        return queryset


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    form = UserForm
    list_display = ["display_name", "email", "role_label", "is_active", "deactivated_at"]
    list_filter = ["is_active", RoleFilter]
    search_fields = ["display_name", "email"]
    actions = ["deactivate", "reset_two_factor"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        """With each user's groups, which the role column is read from."""
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="role")
    def role_label(self, obj: User) -> str:
        return obj.role.label if obj.role else "—"

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request: HttpRequest, obj: User, form: UserForm, change: bool) -> None:
        if not change:
            obj.set_unusable_password()
        super().save_model(request, obj, form, change)
        role = form.cleaned_data.get("role") or None
        set_role(by=request.user, user=obj, role=Role(role) if role else None)
        if not change:
            hours = settings.PASSWORD_RESET_TIMEOUT // 3600
            self.message_user(
                request,
                f"{obj.display_name or obj.email} has no password yet: they choose one with “Forgotten "
                f"your password?” on the sign-in page (the link is sent to {obj.email} and lasts "
                f"{hours} hour{pluralize(hours)}), then set up an authenticator app.",
                messages.INFO,
            )

    @admin.action(description="Deactivate the selected users and end their sessions")
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset.filter(is_active=True):
            user_deactivate(by=request.user, user=user)
        self.message_user(request, "Deactivated; their sessions end now.", messages.SUCCESS)

    @admin.action(description="Reset two-factor sign-in (they set up a new authenticator app)")
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            two_factor_reset(by=request.user, user=user)
        self.message_user(
            request,
            "Two-factor sign-in reset; their sessions end now and they set up an app at their next sign-in.",
            messages.SUCCESS,
        )


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
