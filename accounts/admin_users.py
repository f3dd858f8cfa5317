"""Users in the admin. Roles, schools and deactivation change only through the services,
so every change grants or revokes the matching permissions and is in the change log; the
messages name who was changed and what a change took away, as a mistaken click must be
noticed to be undone."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse

from accounts.forms_admin_users import UserForm
from accounts.models import User
from accounts.roles import SCHOOL_ROLES, Role
from accounts.services.assignments import assign_school
from accounts.services.roles import set_role
from accounts.services.two_factor import two_factor_reset
from accounts.services.users import user_deactivate, user_reactivate
from portal.sentences import joined


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


def _names(users: list[User]) -> str:
    return joined([user.display_name or user.email for user in users])


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    form = UserForm
    list_display = ["display_name", "email", "role_label", "is_active", "deactivated_at"]
    list_filter = ["is_active", RoleFilter]
    search_fields = ["display_name", "email"]
    readonly_fields = ["is_active", "deactivated_at"]
    actions = ["deactivate", "reactivate", "reset_two_factor"]

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
        role = Role(form.cleaned_data["role"]) if form.cleaned_data.get("role") else None
        removed = [a.school for a in obj.school_assignments.exclude(role=role or "").select_related("school")]
        set_role(by=request.user, user=obj, role=role)
        school = form.cleaned_data.get("school")
        if school and role in SCHOOL_ROLES and not obj.school_assignments.filter(school=school).exists():
            assign_school(by=request.user, user=obj, school=school, role=role)
        if removed:
            self.message_user(
                request,
                f"{obj.display_name or obj.email} is no longer assigned to "
                f"{joined([s.name for s in removed])}: a school assignment goes with its role.",
                messages.WARNING,
            )
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
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> TemplateResponse | None:
        """Asks first, naming them: deactivation signs them out and revokes their API
        tokens at once, and a name is easier to check than a ticked row."""
        users = list(queryset.filter(is_active=True).order_by("display_name", "email"))
        if not users:
            self.message_user(request, "None of the selected users is active.", messages.WARNING)
            return None
        if request.POST.get("confirm") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": f"Deactivate {_names(users)}?",
                "opts": self.model._meta,
                "chosen_users": users,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/accounts/user/deactivate_confirmation.html", context)
        for user in users:
            user_deactivate(by=request.user, user=user)
        self.message_user(
            request,
            f"Deactivated {_names(users)}: their sessions end now and their API tokens are revoked. "
            "“Reactivate the selected users” undoes it.",
            messages.SUCCESS,
        )
        return None

    @admin.action(description="Reactivate the selected users")
    def reactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users = list(queryset.filter(is_active=False).order_by("display_name", "email"))
        if not users:
            self.message_user(request, "None of the selected users is deactivated.", messages.WARNING)
            return
        for user in users:
            user_reactivate(by=request.user, user=user)
        self.message_user(
            request,
            f"Reactivated {_names(users)}: they sign in as before, with their role and schools. "
            "Their API tokens stay revoked.",
            messages.SUCCESS,
        )

    @admin.action(description="Reset two-factor sign-in (they set up a new authenticator app)")
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            two_factor_reset(by=request.user, user=user)
        self.message_user(
            request,
            "Two-factor sign-in reset; their sessions end now and they set up an app at their next sign-in.",
            messages.SUCCESS,
        )
