"""Every transition the referral pages offer, through the API (send, accept, decline, ask,
add information, allocate), each through the same services as the pages and answering
with the referral (or the new intervention) as it now is. Kept apart from the list and
detail views, which they share their refusals and logging with. A transition that could
collide with another's carries the version the client saw; a stale one, or a referral
whose status forbids the transition, answers 409 Conflict."""

from collections.abc import Callable

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from accounts.roles import Role
from interventions.api import serializers as s
from interventions.api.common import CaseApiView
from interventions.api.serializers_interventions import AllocationSerializer, InterventionDetailSerializer
from interventions.api.views_interventions import present_intervention
from interventions.api.views_referrals import LOGS, REFERRERS, REFUSALS, Kind, ReferralShowing
from interventions.models import Referral
from interventions.selectors import intervention_for_request, referral_for_request
from interventions.services.allocation import intervention_allocate
from interventions.services.referrals import referral_add_information, referral_send
from interventions.services.triage import referral_accept, referral_ask, referral_decline

TASKFORCE = frozenset({Role.TASKFORCE})


class ReferralAction(ReferralShowing):
    """One transition: the body is checked, the service decides (each subclass's `act`
    calls its service), and the referral is shown as it now is."""

    def post(self, request: Request, pk: int) -> Response:
        referral = referral_for_request(request, pk)
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        self.act(referral, body.validated_data)
        return self.shown(request, pk)


def _action(summary: str, text: str) -> Callable[[type[ReferralAction]], type[ReferralAction]]:
    """The transition's schema; its request body is the view's own serializer."""

    def described(view: type[ReferralAction]) -> type[ReferralAction]:
        return extend_schema(
            tags=["referrals"],
            summary=summary,
            request=view.serializer_class,
            responses={200: s.ReferralDetailSerializer, **REFUSALS},
            description=f"{text} Answers with the referral as it now is. {LOGS}",
        )(view)

    return described


@_action(
    "Send a draft",
    "Send a draft to the taskforce. Only the person who started it.",
)
class ReferralSend(ReferralAction):
    allowed_roles = REFERRERS
    serializer_class = s.VersionSerializer

    def act(self, referral: Referral, data: dict) -> None:
        referral_send(by=self.request.user, referral=referral, expected_version=data["version"])


@_action(
    "Accept",
    "Taskforce: accept a referral awaiting a decision (new, or awaiting more information).",
)
class ReferralAccept(ReferralAction):
    allowed_roles = TASKFORCE
    serializer_class = s.AcceptSerializer

    def act(self, referral: Referral, data: dict) -> None:
        referral_accept(
            by=self.request.user, referral=referral, expected_version=data["version"], note=data["note"]
        )


@_action(
    "Decline",
    "Taskforce: decline a referral awaiting a decision, with the reason the referrer will see.",
)
class ReferralDecline(ReferralAction):
    allowed_roles = TASKFORCE
    serializer_class = s.DeclineSerializer

    def act(self, referral: Referral, data: dict) -> None:
        referral_decline(
            by=self.request.user, referral=referral, expected_version=data["version"], reason=data["reason"]
        )


@_action(
    "Ask for more information",
    "Taskforce: send a new referral back to the referrer with a question; it awaits their answer.",
)
class ReferralAsk(ReferralAction):
    allowed_roles = TASKFORCE
    serializer_class = s.AskSerializer

    def act(self, referral: Referral, data: dict) -> None:
        referral_ask(
            by=self.request.user,
            referral=referral,
            expected_version=data["version"],
            question=data["question"],
        )


@_action(
    "Add information",
    "Add to a sent referral (the referrer, or the taskforce); the referrer's addition to a referral "
    "awaiting information answers the question and sends it back for triage. Additions cannot "
    "collide, so no version is needed; a draft answers 409 (change it instead).",
)
class ReferralAddInformation(ReferralAction):
    allowed_roles = REFERRERS
    serializer_class = s.AddInformationSerializer

    def act(self, referral: Referral, data: dict) -> None:
        referral_add_information(by=self.request.user, referral=referral, note=data["note"])


@extend_schema(
    tags=["referrals"],
    summary="Allocate an intervention",
    request=AllocationSerializer,
    responses={201: InterventionDetailSerializer, **REFUSALS},
    description=(
        "Taskforce: allocate an intervention on an accepted referral, as the allocation page does. The "
        "lead worker is given access to the young person until the intervention ends or passes to "
        "another worker, and a baseline of outcome measures is taken. A referral not accepted, or one "
        "with this programme already open, answers 409. Answers 201 with the intervention and "
        f"`Location`. {LOGS}"
    ),
)
class ReferralAllocate(CaseApiView):
    allowed_roles = TASKFORCE
    serializer_class = AllocationSerializer

    def post(self, request: Request, pk: int) -> Response:
        referral = referral_for_request(request, pk)
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        created = intervention_allocate(by=request.user, referral=referral, allocation=body.allocation())
        intervention = present_intervention(intervention_for_request(request, created.pk), request.user)
        data = InterventionDetailSerializer(intervention, context=self.get_serializer_context()).data
        self.log_shown(kind=Kind.VIEW, person_ids=[intervention.young_person_id])
        location = reverse("api:intervention-detail", args=[intervention.pk], request=request)
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})
