"""django-guardian object permissions with direct foreign keys (DESIGN.md section 6):
indexed joins instead of generic (content type, text id) pairs. School staff hold
`view_school_pupils` on their School through a per-school group; per-person rows are
only for exceptions such as an allocated worker."""

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class SchoolUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("schools.School", on_delete=models.CASCADE)


class SchoolGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey("schools.School", on_delete=models.CASCADE)


class PersonUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("schools.Person", on_delete=models.CASCADE)


class PersonGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey("schools.Person", on_delete=models.CASCADE)
