"""API tokens for integrations (docs/api.md). django-rest-knox stores only a SHA-512
digest of each token and the first characters as a public key to find it by; the
token itself is shown once, when an administrator creates it. A token acts as its user,
with that user's role and scope; revoking it deletes it."""

from django.conf import settings
from django.db import models
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    name = models.CharField(
        max_length=100, help_text="What the token is for, e.g. the nightly police extract."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.token_key}…)"
