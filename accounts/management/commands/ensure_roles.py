from django.core.management.base import BaseCommand

from accounts.services.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or repair the six role groups with their model permissions (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        for role, group in ensure_roles().items():
            self.stdout.write(f"{role.label}: {group.permissions.count()} permissions")
