"""The referrals section of a young person's page, registered with the schools app's
record sections (interventions.registrations). It lists only referrals the viewer may
open (interventions.selectors.referrals_for) and names nobody but the young person, so
the page's access-log entry needs no one added."""

from accounts.access import has_role
from accounts.roles import SCHOOL_ROLES
from interventions.rules import REFERRER_ROLES
from interventions.selectors import person_referrals
from schools.models import Person

TEMPLATE = "interventions/_person_referrals.html"


def referrals_section(viewer: object, person: Person) -> dict | None:
    """None for roles that never see referrals (a worker sees the intervention instead)."""
    if not has_role(viewer, *REFERRER_ROLES):
        return None
    return {
        "referrals": person_referrals(viewer, person.pk),
        "is_school_staff": has_role(viewer, *SCHOOL_ROLES),
    }
