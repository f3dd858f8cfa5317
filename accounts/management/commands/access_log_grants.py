"""Prints the SQL that gives the application's database role what it needs and no more:
read and insert on the access-log tables, never update, delete or truncate. Run it as the
owner role after each migrate (docs/access-log.md)."""

from django.core.management.base import BaseCommand, CommandParser

from accounts.access_log.db_role import app_role_grants


class Command(BaseCommand):
    help = "Print the GRANT/REVOKE statements for the application's database role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="The role the application connects as, e.g. safe_app.")

    def handle(self, *args: object, role: str, **options: object) -> None:
        for statement in app_role_grants(role):
            self.stdout.write(statement + ";")
