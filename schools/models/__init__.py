from schools.models.families import Family, FamilyMember
from schools.models.people import Person
from schools.models.permissions import (
    PersonGroupObjectPermission,
    PersonUserObjectPermission,
    SchoolGroupObjectPermission,
    SchoolUserObjectPermission,
)
from schools.models.schools import Enrolment, School

__all__ = [
    "Enrolment",
    "Family",
    "FamilyMember",
    "Person",
    "PersonGroupObjectPermission",
    "PersonUserObjectPermission",
    "School",
    "SchoolGroupObjectPermission",
    "SchoolUserObjectPermission",
]
