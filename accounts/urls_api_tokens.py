"""Administrators' API-token page, mounted at /api-tokens/."""

from django.urls import path

from accounts.views import api_tokens

app_name = "api_tokens"

urlpatterns = [
    path("", api_tokens.index, name="index"),
    path("tokens/", api_tokens.create_token, name="create"),
    path("service-accounts/", api_tokens.create_service_account, name="service_account"),
    path("revoke/", api_tokens.revoke, name="revoke"),
]
