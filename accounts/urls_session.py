"""Staying signed in, mounted at /session/ (accounts.views.session_timeout)."""

from django.urls import path

from accounts.views import session_timeout

app_name = "session"

urlpatterns = [
    path("timeout-warning/", session_timeout.timeout_warning, name="timeout_warning"),
    path("status/", session_timeout.status, name="status"),
    path("keep-alive/", session_timeout.keep_alive, name="keep_alive"),
]
