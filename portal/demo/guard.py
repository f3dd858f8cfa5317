"""Demo data and demo sign-ins must never exist in a real deployment."""

from django.conf import settings
from django.core.management.base import CommandError


def refuse_outside_demo(command: str) -> None:
    """Raise unless settings.DEMO is True (demo and test settings; production sets it
    False). DEBUG is deliberately not consulted: a production site debugging an issue
    must still refuse."""
    if getattr(settings, "DEMO", False) is not True:
        raise CommandError(
            f"{command} refuses to run under production settings (settings.DEMO is not True): "
            "demo data and demo sign-ins must never exist in a real deployment."
        )
