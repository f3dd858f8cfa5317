"""Where trigger points plug into the layers below them, which never import this app."""

from accounts.access import FlagFacts, register_flag_source, register_taskforce_caseload


def _flag_facts(person_ids: list[int]) -> list[FlagFacts]:
    from risk.models import Review
    from risk.selectors import current_flag_rows

    return [
        FlagFacts(
            flag=flag,
            person_id=flag.person_id,
            sensitivity=flag.sensitivity,
            awaiting_review=flag.review == Review.PENDING,
        )
        for flag in current_flag_rows(person_ids)
    ]


def _flagged_young_people():
    """The taskforce's caseload gains every young person with a current flag."""
    from risk.models import Flag

    return Flag.objects.filter(cleared_at__isnull=True, indicator__enabled=True).values("person_id")


def register_all() -> None:
    from auditlog.registry import auditlog

    from risk.models import Flag, IndicatorVersion

    register_flag_source(_flag_facts)
    register_taskforce_caseload(_flagged_young_people)
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
