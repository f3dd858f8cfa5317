"""Interventions through the API: the list, one intervention with its sessions and
measures, recording a session (individual, or a group's attendance at once), a review,
the closure and a change of lead worker, each through the same selectors and services as
the intervention pages. Changes carry the version the client saw; a stale one, or an
intervention whose state forbids the change (closed), answers 409 Conflict, and what was
sent that cannot be taken 400."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from accounts.models import AccessLogEntry
from accounts.roles import Role
from interventions.api import serializers_interventions as s
from interventions.api.common import CaseApiView
from interventions.api.filters import InterventionFilter
from interventions.models import Intervention
from interventions.outcomes import outcome_rows
from interventions.rules import WORKER_ROLES
from interventions.selectors import (
    intervention_for_request,
    interventions_for,
    interventions_named,
    referral_additions,
)
from interventions.services.allocation import intervention_change_worker, intervention_close
from interventions.services.reviews import intervention_review
from interventions.services.sessions import Mark, session_record
from portal.api.views import filters_chosen

Kind = AccessLogEntry.Kind
WORKERS = frozenset(WORKER_ROLES)
WHO = "The taskforce (every intervention) and intervention workers (their own, while allocated)"
LOGS = "Writes one access-log entry naming the young person."
REFUSALS = {
    400: OpenApiResponse(
        description=(
            "What you sent cannot be taken (the same request would be refused again): field errors, "
            "or the reason under `non_field_errors` (a date it cannot take, a worker who may not lead, "
            "nothing changed)"
        )
    ),
    403: OpenApiResponse(description="Your role may not do this, or this is not your allocation"),
    404: OpenApiResponse(description="No such intervention, or not one you may see (logged as refused)"),
    409: OpenApiResponse(
        description=(
            "The record's state forbids this now: someone changed it since the version you sent, the "
            "intervention is closed (or not started yet, for a review), or the session is withdrawn. "
            "Read it again and decide again"
        )
    ),
}


def present_intervention(intervention: Intervention, viewer: object) -> Intervention:
    """The intervention with what its page shows beside it: sessions (those that count apart
    from those withdrawn), measures and results as far as the viewer may see them."""
    rows = list(
        intervention.attendances.select_related("session", "session__recorded_by").order_by(
            "-session__date", "-pk"
        )
    )
    intervention.shown_attendances = [a for a in rows if not a.withdrawn]
    intervention.withdrawn_attendances = [a for a in rows if a.withdrawn]
    outcomes = outcome_rows(intervention, viewer)
    intervention.shown_measures = outcomes.columns if outcomes else []
    intervention.shown_results = outcomes.results if outcomes else []
    intervention.shown_measures_notices = outcomes.notices if outcomes else []
    intervention.shown_additions = list(referral_additions(intervention.referral))
    return intervention


class InterventionShowing(CaseApiView):
    def shown(self, request: Request, pk: int) -> Response:
        intervention = present_intervention(intervention_for_request(request, pk), request.user)
        data = s.InterventionDetailSerializer(intervention, context=self.get_serializer_context()).data
        self.log_shown(kind=Kind.VIEW, person_ids=[intervention.young_person_id])
        return Response(data)


@extend_schema(
    tags=["interventions"],
    responses=s.InterventionSerializer(many=True),
    description=(
        f"Interventions, soonest review first. {WHO}. Filters: status, programme, worker, young person, "
        "reviews due by a day. Writes one access-log entry naming every young person on the page."
    ),
)
class InterventionList(CaseApiView):
    allowed_roles = WORKERS
    serializer_class = s.InterventionSerializer
    queryset = Intervention.objects.none()
    """Names the model for the OpenAPI description; rows come from interventions_for."""
    filterset_class = InterventionFilter
    filter_backends = [DjangoFilterBackend]

    def get(self, request: Request) -> Response:
        queryset = (
            interventions_for(request.user)
            .select_related("young_person", "programme", "worker")
            .order_by("review_date", "pk")
        )
        filters = self.filtered(InterventionFilter, queryset)
        page = list(self.paginate_queryset(filters.qs))
        self.log_shown(
            kind=Kind.LIST, person_ids=[i.young_person_id for i in page], detail=filters_chosen(filters)
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(
    tags=["interventions"],
    responses={200: s.InterventionDetailSerializer, 404: REFUSALS[404]},
    description=(
        "One intervention: why the young person was referred, its sessions (latest first), the outcome "
        "measures (the baseline, then each review and the closure) and the results in plain words. "
        f"{WHO}. {LOGS}"
    ),
)
class InterventionDetail(InterventionShowing):
    allowed_roles = WORKERS
    serializer_class = s.InterventionDetailSerializer

    def get(self, request: Request, pk: int) -> Response:
        return self.shown(request, pk)


@extend_schema(
    tags=["interventions"],
    summary="Record a session",
    request=s.SessionRecordSerializer,
    responses={201: s.SessionSerializer, **REFUSALS},
    description=(
        "Record a session, as the session pages do: an individual session for this intervention, or "
        "a group session marking each young person present through their own intervention in the same "
        "programme (attended, did not attend or cancelled, with a short note kept to that young person). "
        "The allocated worker, or the taskforce. An intervention in the body you may not record for "
        "answers 400 naming its mark (`attendance[1].intervention`) and is logged as refused; a closed "
        "one answers 409. Answers 201 with the session and "
        "`Location` naming it (read it there for its `version`, to correct or withdraw it). Writes "
        "one access-log entry naming every young person in it."
    ),
)
class InterventionSessionCreate(CaseApiView):
    allowed_roles = WORKERS
    serializer_class = s.SessionRecordSerializer

    def post(self, request: Request, pk: int) -> Response:
        intervention = intervention_for_request(request, pk)
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        wanted = [m.get("intervention", pk) for m in data["attendance"]]
        if pk not in wanted:
            raise ValidationError({"attendance": ["Include the intervention in the path."]})
        found = interventions_named(request.user, opened=intervention, wanted=wanted)
        session = session_record(
            by=request.user,
            day=data["date"],
            kind=data["kind"],
            marks=[
                Mark(intervention=found[i], status=m["status"], note=m["note"])
                for i, m in zip(wanted, data["attendance"], strict=True)
            ],
        )
        session.shown_attendances = list(
            session.attendances.select_related("intervention__young_person").order_by("pk")
        )
        body = s.SessionSerializer(session, context=self.get_serializer_context()).data
        self.log_shown(
            kind=Kind.VIEW, person_ids=[a.intervention.young_person_id for a in session.shown_attendances]
        )
        location = reverse("api:intervention-session-detail", args=[pk, session.pk], request=request)
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": location})


@extend_schema(
    tags=["interventions"],
    summary="Record a review",
    request=s.ReviewSerializer,
    responses={200: s.InterventionDetailSerializer, **REFUSALS},
    description=(
        "Record a review: your judgement beside the measures for the review date, and the next review "
        f"date. The allocated worker, or the taskforce. Answers with the intervention as it now is. {LOGS}"
    ),
)
class InterventionReview(InterventionShowing):
    allowed_roles = WORKERS
    serializer_class = s.ReviewSerializer

    def post(self, request: Request, pk: int) -> Response:
        intervention = intervention_for_request(request, pk)
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        intervention_review(
            by=request.user,
            intervention=intervention,
            note=data["note"],
            next_review_date=data["next_review_date"],
            expected_version=data["version"],
        )
        return self.shown(request, pk)


@extend_schema(
    tags=["interventions"],
    summary="Close",
    request=s.CloseSerializer,
    responses={200: s.InterventionDetailSerializer, **REFUSALS},
    description=(
        "Close the intervention with the reason and a short outcome summary; the measures since the start "
        "are taken to the closing day. The worker's access to the young person through it ends at once, "
        "so a worker's answer is the closed intervention and their next request for it is a 404. The "
        f"allocated worker, or the taskforce. {LOGS}"
    ),
)
class InterventionClose(InterventionShowing):
    allowed_roles = WORKERS
    serializer_class = s.CloseSerializer

    def post(self, request: Request, pk: int) -> Response:
        intervention = intervention_for_request(request, pk)
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        closed = intervention_close(
            by=request.user,
            intervention=intervention,
            closure=body.closure(),
            expected_version=body.validated_data["version"],
        )
        # Shown from the closed record itself: the worker's access ended with the closure.
        for relation in ("young_person", "programme", "worker", "referral"):
            setattr(closed, relation, getattr(intervention, relation))
        data = s.InterventionDetailSerializer(present_intervention(closed, request.user)).data
        self.log_shown(kind=Kind.VIEW, person_ids=[closed.young_person_id])
        return Response(data)


@extend_schema(
    tags=["interventions"],
    summary="Change the lead worker",
    request=s.ChangeWorkerSerializer,
    responses={200: s.InterventionDetailSerializer, **REFUSALS},
    description=(
        "Taskforce: pass an open intervention to another lead worker. The new worker is given access to "
        "the young person; the previous one loses it unless another open intervention of theirs still "
        "needs it. Someone who may not lead, or the current lead worker, answers 400; a closed "
        f"intervention 409. {LOGS}"
    ),
)
class InterventionChangeWorker(InterventionShowing):
    allowed_roles = frozenset({Role.TASKFORCE})
    serializer_class = s.ChangeWorkerSerializer

    def post(self, request: Request, pk: int) -> Response:
        intervention = intervention_for_request(request, pk)
        body = self.get_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        intervention_change_worker(
            by=request.user,
            intervention=intervention,
            worker=body.validated_data["worker"],
            expected_version=body.validated_data["version"],
        )
        return self.shown(request, pk)
