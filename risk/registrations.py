"""Where trigger points plug into the layers below them, which never import this app."""

from django.db import transaction
from django.db.models import QuerySet

from accounts.access import FlagFacts, register_flag_source, register_taskforce_caseload
from accounts.notification_details import register_notification_details
from chronology.importing.touched import Touched, register_import_listener
from chronology.sensitivity_changes import SensitivityChange, register_sensitivity_listener
from chronology.timeline_sources import register_timeline_source
from schools.back_links import register_list_origin
from schools.record_sections import register_record_section


def _flag_facts(person_ids: list[int]) -> list[FlagFacts]:
    from risk.models import Review
    from risk.selectors import current_flags

    return [
        FlagFacts(
            flag=flag,
            person_id=flag.person_id,
            sensitivity=flag.sensitivity,
            awaiting_review=flag.review == Review.PENDING,
            dismissed=flag.is_dismissed,
        )
        for flag in current_flags(person_ids)
    ]


def _current_flags() -> QuerySet:
    """The taskforce's caseload gains every young person with a current flag; with trigger
    points switched off for the whole portal nobody is flagged, as every page says, so
    nobody joins it that way."""
    from risk.models import Flag, FlagSettings

    if not FlagSettings.current().flags_enabled:
        return Flag.objects.none()
    return Flag.objects.filter(cleared_at__isnull=True, indicator__enabled=True)


def _recompute_after_import(touched: Touched) -> None:
    """Queued for when the import commits: a rolled-back import changes no flag."""
    from risk.tasks import compute_flags_for_import_task

    if not (touched.people or touched.families):
        return
    people, families = sorted(touched.people), sorted(touched.families)
    days = [d.isoformat() for d in touched.days] if touched.days else None
    transaction.on_commit(
        lambda: compute_flags_for_import_task.delay(people, families, touched.feed_code, days), robust=True
    )


def _follow_feed_sensitivity(change: SensitivityChange) -> None:
    """In the register edit's transaction, so no one reads a flag at the feed's old tier."""
    from risk.services.feed_sensitivity import flags_follow_feed_sensitivity

    flags_follow_feed_sensitivity(change)


def register_all() -> None:
    from auditlog.registry import auditlog

    from risk import timeline
    from risk.api.serializers import TriggerPointsSectionSerializer
    from risk.models import Flag, FlagSettings, Indicator, IndicatorVersion
    from risk.notification_details import trigger_point_details
    from risk.sections import TEMPLATE, person_data, person_section, person_section_people
    from risk.services.alerts import KIND
    from risk.views import review
    from risk.views.flagged_list import ORIGIN, list_label, origin_params

    register_flag_source(_flag_facts)
    register_notification_details(KIND, trigger_point_details)
    register_import_listener(_recompute_after_import)
    register_sensitivity_listener(_follow_feed_sensitivity)
    register_record_section(
        code="trigger_points",
        template=TEMPLATE,
        context=person_section,
        order=10,
        data=person_data,
        people=person_section_people,
        schema=TriggerPointsSectionSerializer,
    )
    register_list_origin(
        code=ORIGIN, url_name="trigger_points:flagged", label=list_label, params=origin_params()
    )
    register_list_origin(
        code=review.ORIGIN, url_name="risk:review_queue", label=review.queue_label, params=("page",)
    )
    register_timeline_source(
        code=timeline.CODE, label=timeline.LABEL, rows=timeline.flag_rows, categories=timeline.CATEGORIES
    )
    register_taskforce_caseload(_current_flags, person="person")
    auditlog.register(
        Flag,
        include_fields=[
            "review",
            "reviewed_by",
            "dismissed_at",
            "dismissed_by",
            "dismissal_reason",
            "dismissal_note",
        ],
    )
    auditlog.register(IndicatorVersion)
    auditlog.register(Indicator, include_fields=["code", "enabled"])
    auditlog.register(FlagSettings, exclude_fields=["updated_at"])
