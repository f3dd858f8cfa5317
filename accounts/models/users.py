"""Users sign in with their work email. They are deactivated, never deleted, so the
access log can always name who looked at a record."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone

from accounts.models.notifications import EmailPreference
from accounts.roles import Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        """Emails are kept in lower case, so the one typed at sign-in is matched in lower
        case too: "Ann.Example@Example.ORG" is Ann's account, as the lockout counts it."""
        return self.get(email=(username or "").strip().lower())

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use the Django admin (administrators only).")
    date_joined = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    is_service_account = models.BooleanField(
        default=False,
        help_text="An integration that uses the API with tokens only: it can never sign in to the pages.",
    )
    notification_email = models.CharField(
        max_length=10,
        choices=EmailPreference.choices,
        default=EmailPreference.DAILY,
        help_text="How the user hears of notifications outside the portal.",
    )
    notification_email_since = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the user last changed how they are emailed: a digest lists only what arrived since.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return f"{self.display_name} <{self.email}>"

    def delete(self, *args: object, **kwargs: object) -> None:
        raise PermissionError("Users are deactivated, never deleted: the access log names them.")

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @cached_property
    def role(self) -> Role | None:
        """The user's single role, from their role group (one per user: separation of duties)."""
        names = {g.name for g in self.groups.all()}
        for role in Role:
            if role.value in names:
                return role
        return None
