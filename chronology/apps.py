from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "chronology"
    verbose_name = "Chronology and data feeds"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from chronology.models import Feed, LinkDoubt, LinkReview

        auditlog.register(Feed)
        auditlog.register(LinkReview)
        auditlog.register(LinkDoubt)
