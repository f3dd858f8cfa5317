"""The portal's roles (DESIGN.md section 3). Each role is a Django group of the same name."""

from django.db import models

from portal.sentences import in_a_sentence


class Role(models.TextChoices):
    HEAD_TEACHER = "head_teacher", "Head teacher"
    DSL = "dsl", "Designated safeguarding lead"
    TASKFORCE = "taskforce", "SAFE taskforce officer"
    INTERVENTION_WORKER = "intervention_worker", "Intervention worker"
    IG_OFFICER = "ig_officer", "Information-governance officer"
    DATA_OFFICER = "data_officer", "Data officer"
    ADMINISTRATOR = "administrator", "System administrator"

    @property
    def in_a_sentence(self) -> str:
        """The role as a sentence names it ("a head teacher", "a SAFE taskforce
        officer", "an intervention worker"): lower-casing the label wrote "safe"."""
        words = in_a_sentence(self.label)
        return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


SCHOOL_ROLES = frozenset({Role.HEAD_TEACHER, Role.DSL})
