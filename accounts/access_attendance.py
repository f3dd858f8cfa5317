"""A young person's attendance this school year, for whoever sees their education
events in full (DESIGN.md section 5). Part of the access layer: import it through
`accounts.access`."""

from datetime import date

from django.utils import timezone

from accounts.access_detail import DETAIL_BY_ROLE, DetailLevel
from accounts.access_scope import can_view
from chronology.attendance_years import year_to_date
from chronology.models import Sensitivity, YearToDate
from schools.models import Person


def attendance_for(user: object, person: Person, *, on: date | None = None) -> YearToDate | None:
    """None when the viewer may not see education detail or no mark is recorded this year."""
    levels = DETAIL_BY_ROLE.get(getattr(user, "role", None))
    if levels is None or levels[Sensitivity.EDUCATION] != DetailLevel.FULL or not can_view(user, person):
        return None
    return year_to_date(person_id=person.pk, on=on or timezone.localdate())
