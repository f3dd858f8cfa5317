"""Where referrals plug into the layers below them, which never import this app: the
taskforce's caseload (every young person referred to it), whether a flagged young person
has been referred as far as the viewer may know (the trigger-point pages), the young
person's page (and the referral and intervention pages its back link returns to) and the
chronology's sources, the change log, and what becomes of a lead worker's interventions
when their role changes."""

from django.db.models import QuerySet


def sent_referrals() -> QuerySet:
    """The taskforce's caseload gains every young person referred to it."""
    from interventions.models import Referral, ReferralStatus

    return Referral.objects.exclude(status=ReferralStatus.DRAFT)


def register_all() -> None:
    from auditlog.registry import auditlog

    from accounts.access import register_taskforce_caseload
    from accounts.services.roles import register_role_change_listener
    from chronology.timeline_sources import register_timeline_source
    from interventions.models import Intervention, Programme, Referral, Session
    from interventions.sections import TEMPLATE, referrals_section
    from interventions.selectors import referred_young_people
    from interventions.services.lead_worker_role import lead_worker_role_changed
    from interventions.timeline import CATEGORIES, timeline_rows
    from interventions.way_back import register_way_back_pages
    from risk.referral_status import register_referral_status
    from schools.record_sections import register_record_section

    register_taskforce_caseload(sent_referrals, person="young_person")
    register_referral_status(referred_young_people)
    register_role_change_listener(lead_worker_role_changed)
    register_record_section(code="referrals", template=TEMPLATE, context=referrals_section, order=20)
    register_way_back_pages()
    register_timeline_source(
        code="interventions",
        label="SAFE referrals and interventions",
        rows=timeline_rows,
        categories=CATEGORIES,
    )
    auditlog.register(Referral)
    auditlog.register(Intervention)
    auditlog.register(Programme)
    auditlog.register(Session)
