"""Password reset by email, with Django's views: the link is single-use (its token
depends on the password it replaces) and lasts PASSWORD_RESET_TIMEOUT; a new password
ends every other session (Django checks each session against the password hash). The
link's address comes from PORTAL_BASE_URL, never from the request's Host header."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, path, reverse_lazy

from accounts.forms_password import NewPasswordForm, ResetRequestForm

TEMPLATES = "accounts/password_reset"


def password_reset_urls() -> list[URLPattern]:
    return [
        path(
            "password-reset/",
            auth_views.PasswordResetView.as_view(
                form_class=ResetRequestForm,
                template_name=f"{TEMPLATES}/form.html",
                email_template_name=f"{TEMPLATES}/email.txt",
                subject_template_name=f"{TEMPLATES}/subject.txt",
                success_url=reverse_lazy("password_reset_done"),
                extra_email_context={"portal_base_url": settings.PORTAL_BASE_URL.rstrip("/")},
                extra_context={"reset_hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
            ),
            name="password_reset",
        ),
        path(
            "password-reset/sent/",
            auth_views.PasswordResetDoneView.as_view(template_name=f"{TEMPLATES}/sent.html"),
            name="password_reset_done",
        ),
        path(
            "password-reset/<uidb64>/<token>/",
            auth_views.PasswordResetConfirmView.as_view(
                form_class=NewPasswordForm,
                template_name=f"{TEMPLATES}/confirm.html",
                post_reset_login=False,
                success_url=reverse_lazy("password_reset_complete"),
            ),
            name="password_reset_confirm",
        ),
        path(
            "password-reset/done/",
            auth_views.PasswordResetCompleteView.as_view(template_name=f"{TEMPLATES}/complete.html"),
            name="password_reset_complete",
        ),
    ]
