from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "chronology"
    verbose_name = "Chronology and data feeds"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from accounts.access import register_linkage_leads
        from chronology.forms import QueueFilterForm
        from chronology.linkage_leads import linkage_leads_to
        from chronology.models import Feed, LinkDoubt, LinkReview
        from chronology.review_queue import QUEUE_ORIGIN
        from schools.back_links import register_list_origin

        auditlog.register(Feed)
        auditlog.register(LinkReview)
        auditlog.register(LinkDoubt)
        register_linkage_leads(linkage_leads_to)
        register_list_origin(
            code=QUEUE_ORIGIN,
            url_name="chronology:review_queue",
            label=lambda _viewer: "Review queue",
            params=(*QueueFilterForm.base_fields, "page"),
        )
