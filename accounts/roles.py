"""The portal's roles (DESIGN.md section 3). Each role is a Django group of the same name."""

from django.db import models


class Role(models.TextChoices):
    HEAD_TEACHER = "head_teacher", "Head teacher"
    DSL = "dsl", "Designated safeguarding lead"
    TASKFORCE = "taskforce", "SAFE taskforce officer"
    INTERVENTION_WORKER = "intervention_worker", "Intervention worker"
    IG_OFFICER = "ig_officer", "Information-governance officer"
    DATA_OFFICER = "data_officer", "Data officer"
    ADMINISTRATOR = "administrator", "System administrator"


SCHOOL_ROLES = frozenset({Role.HEAD_TEACHER, Role.DSL})
