"""python manage.py install_feed_register — the default register for a new council, with
no agreement or DPIA references, and what each feed still needs before it can be imported."""

from django.core.management.base import BaseCommand

from chronology.services.register import install_feed_register


class Command(BaseCommand):
    help = (
        "Create the 14 default feed-register entries (owner, purpose, lawful basis, cadence, retention, "
        "sensitivity) without agreement or DPIA references, and list what each feed still needs."
    )

    def handle(self, *args: object, **options: object) -> None:
        missing = install_feed_register(by=None)
        if not missing:
            self.stdout.write("Every feed on the register has its agreement and DPIA references.")
            return
        feeds = f"{len(missing)} feed{'s' if len(missing) != 1 else ''}"
        self.stdout.write(
            f"{feeds} cannot be imported until an administrator records the council's references "
            "at Feed register > Change:"
        )
        for entry in missing:
            self.stdout.write(f"  {entry.feed.code}: no {', '.join(entry.missing)}")
