from django.apps import AppConfig


class StewardshipConfig(AppConfig):
    name = "stewardship"
    verbose_name = "Data stewardship: feed health, retention and legal holds"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from stewardship.models import LegalHold

        auditlog.register(LegalHold)
