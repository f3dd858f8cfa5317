from django.core.management.base import BaseCommand

from portal.demo.guard import refuse_outside_demo
from portal.demo.users import demo_sign_ins, sign_in_lines


class Command(BaseCommand):
    help = "Prints the demo sign-ins (demo and test settings only)."

    def handle(self, *args: object, **options: object) -> None:
        refuse_outside_demo("demo_sign_ins")
        self.stdout.write("\n".join(sign_in_lines(demo_sign_ins())))
