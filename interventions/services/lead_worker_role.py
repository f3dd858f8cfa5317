"""A lead worker whose role changes. The role change has ended their per-person grants
(accounts.services.roles), so each open intervention they lead would otherwise have a
worker who cannot open the young person. If the new role may still lead interventions
(a taskforce officer who becomes an intervention worker, or back), the allocation still
holds and its grant is made again, for the new role, as allocating would make it.
Otherwise the taskforce is told that the intervention needs a new lead worker, and
changing the worker (allocation.intervention_change_worker) does the rest: nothing is
closed or passed on without a decision."""

from accounts.models import User
from accounts.roles import Role
from accounts.services.person_grants import person_grant
from interventions.models import Intervention, InterventionStatus
from interventions.rules import may_be_allocated
from interventions.services import notices


def lead_worker_role_changed(
    *, by: User | None, user: User, previous: Role | None, role: Role | None
) -> None:
    led = Intervention.objects.filter(worker=user, status=InterventionStatus.ACTIVE).select_related(
        "young_person", "programme"
    )
    still_leads = may_be_allocated(user)
    for intervention in led.order_by("pk"):
        if still_leads:
            person_grant(by=by, user=user, person=intervention.young_person)
        else:
            notices.lead_worker_role_changed(intervention=intervention, by=by)
