"""The second step of signing in, mounted at /two-factor/."""

from django.urls import path

from accounts.views import two_factor

app_name = "two_factor"

urlpatterns = [
    path("", two_factor.verify, name="verify"),
    path("set-up/", two_factor.set_up, name="set_up"),
    path("backup-codes/", two_factor.backup_codes, name="backup_codes"),
]
