from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import SignInForm
from accounts.views.password_reset import password_reset_urls
from portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(
            template_name="accounts/sign_in.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", include("accounts.urls_two_factor")),
    path("session/", include("accounts.urls_session")),
    *password_reset_urls(),
    path("young-people/", include("schools.urls")),
    path("trigger-points/", include("risk.urls_pages")),
    path("access-log/", include("accounts.urls")),
    path("notifications/", include("accounts.urls_notifications")),
    path("referrals/", include("interventions.urls_referrals")),
    path("interventions/", include("interventions.urls")),
    path("", include("chronology.urls")),
    path("", include("risk.urls")),
    path("", include("stewardship.urls")),
    path("api/", include("portal.api.urls")),
    path("api-tokens/", include("accounts.urls_api_tokens")),
    path("admin/", admin.site.urls),
]

handler404 = "portal.api.errors.not_found"
handler500 = "portal.api.errors.server_error"
