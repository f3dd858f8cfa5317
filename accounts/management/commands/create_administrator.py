from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.urls import reverse

from accounts.models import User
from accounts.services.users import administrator_create


class Command(BaseCommand):
    help = (
        "Make a new council's first administrator, without a password: they choose one with "
        "'Forgotten your password?', then set up an authenticator app."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("name", help="the name the portal shows, e.g. 'Ann Example'")

    def handle(self, *args: object, email: str, name: str, **options: object) -> None:
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"{email!r} is not an email address.") from error
        if User.objects.filter(email=email).exists():
            raise CommandError(f"{email} already has an account; change its role in the Django admin.")
        administrator_create(by=None, email=email, display_name=name.strip())
        reset = settings.PORTAL_BASE_URL.rstrip("/") + reverse("password_reset")
        self.stdout.write(
            f"{email} is an administrator with no password yet. They choose one at {reset} "
            "(“Forgotten your password?” on the sign-in page), then set up an authenticator app."
        )
