"""The Django admin is for system administrators only, and never a side door to
children's records: no young person, enrolment, family, event or log is registered.
Signed-in users of any other role get 403; visitors go to the portal's sign-in."""

from collections.abc import Callable

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from accounts.roles import Role


def is_administrator(user: object) -> bool:
    """Signed in with both factors (django-otp's is_verified) as an active administrator."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.is_staff
        and user.role == Role.ADMINISTRATOR
        and getattr(user, "is_verified", lambda: False)()
    )


class PortalAdminSite(admin.AdminSite):
    site_header = "SAFE portal administration"
    site_title = "SAFE portal administration"
    index_title = "Users, schools and the feed register"

    def has_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def admin_view(self, view: Callable, cacheable: bool = False) -> Callable:
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        if self.has_permission(request):
            return super().login(request, extra_context)
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("login"))
