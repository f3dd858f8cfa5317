"""What each role may do with referrals and interventions. Which young people a user may
see is decided by accounts.access alone; these rules add only the capability (who may
triage, who may record a session) and are shared by the services, pages and the API."""

from accounts.access import DetailLevel, can_view, has_role, sensitivity_level
from accounts.models import User
from accounts.roles import SCHOOL_ROLES, Role
from chronology.models import Sensitivity
from interventions.models import Intervention, Referral
from schools.models import Person

REFERRER_ROLES = (*SCHOOL_ROLES, Role.TASKFORCE)
WORKER_ROLES = (Role.TASKFORCE, Role.INTERVENTION_WORKER)
ALLOCATOR_ROLES = (Role.TASKFORCE,)

CASEWORK_TIER = Sensitivity.PARTNER
"""The taskforce's casework (its decisions on referrals, interventions and their sessions)
is partner agencies' work in DESIGN.md section 5's table, wherever it is shown."""


def may_refer(user: User, person: Person) -> bool:
    """Head teachers and DSLs for their pupils; the taskforce for anyone it may open."""
    return has_role(user, *REFERRER_ROLES) and can_view(user, person)


def is_referrer(user: User, referral: Referral) -> bool:
    return has_role(user, *REFERRER_ROLES) and referral.referred_by_id == user.pk


def sees_casework_in_full(user: User) -> bool:
    """A head teacher sees partner agencies' work only as category and date: that an
    intervention started, when, and whether it is open, not its programme or provider
    ("CAMHS" alone is health information the chronology keeps from them)."""
    return sensitivity_level(user, CASEWORK_TIER) == DetailLevel.FULL


def may_triage(user: User) -> bool:
    return has_role(user, Role.TASKFORCE)


def may_allocate(user: User) -> bool:
    return has_role(user, *ALLOCATOR_ROLES)


def may_be_allocated(user: User) -> bool:
    """A service account may hold a worker's role for an integration, but nobody meets
    a child as one."""
    return has_role(user, *WORKER_ROLES) and not user.is_service_account


def may_record(user: User, intervention: Intervention) -> bool:
    """The allocated worker records sessions, reviews and the closure; so may any
    taskforce officer, who answers for every intervention."""
    if has_role(user, Role.TASKFORCE):
        return True
    return has_role(user, Role.INTERVENTION_WORKER) and intervention.worker_id == user.pk
