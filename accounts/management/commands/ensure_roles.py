from django.core.management.base import BaseCommand

from accounts.roles import Role
from accounts.services.roles import ensure_roles
from portal.sentences import in_a_sentence, joined

ROLES = joined([in_a_sentence(role.label) for role in Role])


class Command(BaseCommand):
    help = (
        f"Create or repair the group of each role ({ROLES}) with exactly its model permissions (idempotent)."
    )

    def handle(self, *args: object, **options: object) -> None:
        for role, group in ensure_roles().items():
            self.stdout.write(f"{role.label}: {group.permissions.count()} permissions")
