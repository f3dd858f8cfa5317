"""django-guardian object permissions with direct foreign keys (DESIGN.md section 6):
indexed joins instead of generic (content type, text id) pairs. School staff hold
`view_school_pupils` on their School through a per-school group; per-person rows are
only for exceptions such as an allocated worker, and each names the role it was made
for, so that a grant never outlives the job it came with (docs/access.md)."""

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class SchoolUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("schools.School", on_delete=models.CASCADE)


class SchoolGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey("schools.School", on_delete=models.CASCADE)


class PersonUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey("schools.Person", on_delete=models.CASCADE)
    role = models.CharField(
        max_length=50,
        blank=True,
        default="",
        help_text="The role the user held when granted; the grant counts only while they hold it.",
    )


class PersonGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey("schools.Person", on_delete=models.CASCADE)
