from django.apps import AppConfig


class StewardshipConfig(AppConfig):
    name = "stewardship"
    verbose_name = "Data stewardship: feed health, retention and legal holds"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from chronology.retention_rules import register_holds_reader
        from stewardship.models import LegalHold
        from stewardship.services.retention_holds import holds_on

        auditlog.register(LegalHold)
        # Imports leave out rows past retention unless a hold covers them, as the job does.
        register_holds_reader(holds_on)
