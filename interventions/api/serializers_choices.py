"""What a client allocating an intervention chooses a worker from: each worker who may
lead, labelled as the allocation form labels them, with the caseload the form shows
beside the choice. Programmes are shown as everywhere else (ProgrammeSerializer)."""

from rest_framework import serializers

from accounts.models import User
from interventions.rules import WORKER_ROLES

WORKER_ROLE_CHOICES = [(r.value, r.label) for r in WORKER_ROLES]
"""Named WorkerRoleEnum in the OpenAPI description (SPECTACULAR_SETTINGS)."""


class AllocatableWorkerSerializer(serializers.Serializer):
    """Someone who may lead an intervention, as the allocation form offers them: by name,
    with their role and how many open interventions they lead now."""

    id = serializers.IntegerField(help_text="What the allocate and change-worker endpoints take as `worker`.")
    display_name = serializers.CharField()
    role = serializers.ChoiceField(choices=WORKER_ROLE_CHOICES)
    role_label = serializers.CharField(help_text="The role as the form names it beside the worker.")
    open_interventions = serializers.IntegerField(
        help_text="The open (active) interventions they lead now, as the form shows beside the choice."
    )

    def to_representation(self, worker: User) -> dict:
        # The view's context has `loads`: interventions.selectors.open_interventions_per_worker.
        return {
            "id": worker.pk,
            "display_name": worker.display_name,
            "role": worker.role.value,
            "role_label": worker.role.label,
            "open_interventions": self.context["loads"].get(worker.pk, 0),
        }
