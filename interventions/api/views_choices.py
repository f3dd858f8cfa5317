"""The choices allocation takes, for a client allocating through the API: the programmes
offered and the workers who may lead, from the same selectors as the allocation form,
so an id read here is one the allocate endpoint takes. For those who may allocate (the
taskforce). They list programmes and staff, never a young person, so, like the other
endpoints that name no young person (schools, indicators, feed health), they write no
access-log entry."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from interventions.api.serializers_choices import AllocatableWorkerSerializer
from interventions.api.serializers_interventions import ProgrammeSerializer
from interventions.models import Programme
from interventions.rules import ALLOCATOR_ROLES
from interventions.selectors import allocatable_workers, offered_programmes, open_interventions_per_worker
from portal.api.views import ApiView

WHO = "The taskforce, who allocate."
NOTHING_LOGGED = "Names no young person, so it writes no access-log entry."


@extend_schema(
    tags=["interventions"],
    responses=ProgrammeSerializer(many=True),
    description=(
        "The programmes an intervention may be allocated to, by name, as the allocation form offers "
        "them: a retired programme keeps its interventions but is not offered. `id` is what "
        f"`referrals/{{id}}/allocate/` takes as `programme`. {WHO} {NOTHING_LOGGED}"
    ),
)
class ProgrammeList(ApiView):
    allowed_roles = frozenset(ALLOCATOR_ROLES)
    serializer_class = ProgrammeSerializer
    filter_backends = []

    def get_queryset(self) -> QuerySet[Programme]:
        return offered_programmes()

    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(
    tags=["interventions"],
    responses=AllocatableWorkerSerializer(many=True),
    description=(
        "The people who may lead an intervention (active taskforce officers and intervention "
        "workers), by name, as the allocation and change-worker forms offer them, each with their "
        "role and the open interventions they lead now. `id` is what `referrals/{id}/allocate/` and "
        "`interventions/{id}/change-worker/` take as `worker` (the latter refuses the current lead "
        f"worker). {WHO} {NOTHING_LOGGED}"
    ),
)
class WorkerList(ApiView):
    allowed_roles = frozenset(ALLOCATOR_ROLES)
    serializer_class = AllocatableWorkerSerializer
    filter_backends = []

    def get_queryset(self) -> QuerySet[User]:
        return allocatable_workers()

    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        loads = open_interventions_per_worker(page)
        data = AllocatableWorkerSerializer(page, many=True, context={"loads": loads}).data
        return self.get_paginated_response(data)
