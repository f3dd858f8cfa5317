from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "chronology"
    verbose_name = "Chronology and data feeds"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accounts.access import register_linkage_leads
        from chronology.linkage_leads import linkage_leads_to
        from chronology.models import Feed, LinkReview

        auditlog.register(Feed)
        auditlog.register(LinkReview)
        register_linkage_leads(linkage_leads_to)
