from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.demo.guard import refuse_outside_demo
from portal.demo.users import totp_code


class Command(BaseCommand):
    help = "Prints the current authenticator code of a demo user (demo and test settings only)."

    def add_arguments(self, parser: object) -> None:
        parser.add_argument("email")

    def handle(self, *args: object, email: str, **options: object) -> None:
        refuse_outside_demo("demo_code")
        device = TOTPDevice.objects.filter(user__email=email.strip().lower(), confirmed=True).first()
        if device is None:
            raise CommandError(
                f"{email} has no authenticator set up: run `python manage.py seed_demo` first."
            )
        self.stdout.write(totp_code(device.bin_key, step=device.step, digits=device.digits))
