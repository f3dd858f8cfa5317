from django.core.management.base import BaseCommand

from risk.services.library import install_default_indicators


class Command(BaseCommand):
    help = "Install the missing default trigger points tp01-tp16 (FEEDS.md section 4); safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        installed = install_default_indicators(by=None)
        if installed:
            self.stdout.write(f"Installed {', '.join(i.code for i in installed)}.")
        else:
            self.stdout.write("All default trigger points are already installed.")
