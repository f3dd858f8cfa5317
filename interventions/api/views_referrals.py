"""Referrals through the API: the list, one referral with its history, making one and
changing a draft, each through the same selectors and services as the pages. The
transitions (send, accept, decline, ask, add information, allocate) are in
views_referral_actions. A change that could collide with another's carries the version
the client saw; a stale one, or a referral whose status forbids the change, answers 409
Conflict, and what was sent that cannot be taken 400."""

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from accounts.access import break_glass_used, person_for_request
from accounts.models import AccessLogEntry, BreakGlass
from interventions.api import serializers as s
from interventions.api.common import CaseApiView
from interventions.api.filters import ReferralFilter
from interventions.models import Referral
from interventions.rules import REFERRER_ROLES
from interventions.selectors import referral_for_request, referral_history, referrals_for
from interventions.services.referrals import referral_create, referral_update_draft
from interventions.trigger_points import trigger_point_labels, trigger_points_for_referrer
from portal.api.views import filters_chosen

Kind = AccessLogEntry.Kind
REFERRERS = frozenset(REFERRER_ROLES)
WHO = (
    "Head teachers and DSLs: the referrals they or their school made, while the pupil is theirs. "
    "The taskforce: every sent referral and its own drafts."
)
LOGS = "Writes one access-log entry naming the young person."
REFUSALS = {
    400: OpenApiResponse(
        description=(
            "What you sent cannot be taken (the same request would be refused again): field errors, "
            "or the reason under `non_field_errors`"
        )
    ),
    403: OpenApiResponse(description="Your role may not do this"),
    404: OpenApiResponse(description="No such referral, or not one you may see (logged as refused)"),
    409: OpenApiResponse(
        description=(
            "The referral's status forbids this now (already sent, still a draft, already decided, not "
            "accepted), or someone changed it since the version you sent. Read it again and decide again"
        )
    ),
}


class ReferralShowing(CaseApiView):
    """Answers with the referral as its page shows it, logged naming the young person."""

    def shown(
        self, request: Request, pk: int, *, code: int = 200, break_glass: BreakGlass | None = None
    ) -> Response:
        referral = referral_for_request(request, pk)
        referral.shown_history = list(referral_history(referral))
        referral.shown_trigger_points = trigger_point_labels(request.user, referral.trigger_points)
        referral.shown_interventions = list(
            referral.interventions.select_related("programme", "worker").order_by("start_date", "pk")
        )
        data = s.ReferralDetailSerializer(referral, context=self.get_serializer_context()).data
        break_glass = break_glass or break_glass_used(request.user, referral.young_person)
        self.log_shown(kind=Kind.VIEW, person_ids=[referral.young_person_id], break_glass=break_glass)
        headers = (
            {"Location": reverse("api:referral-detail", args=[pk], request=request)} if code == 201 else None
        )
        return Response(data, status=code, headers=headers)


class ReferralList(ReferralShowing):
    allowed_roles = REFERRERS
    serializer_class = s.ReferralSerializer
    queryset = Referral.objects.none()
    """Names the model for the OpenAPI description; rows come from referrals_for."""
    filterset_class = ReferralFilter
    filter_backends = [DjangoFilterBackend]

    @extend_schema(
        tags=["referrals"],
        responses=s.ReferralSerializer(many=True),
        description=(
            f"Referrals you may see, newest first. {WHO} "
            "Filters: status, urgency, school, young person. Writes one access-log entry naming every "
            "young person on the page."
        ),
    )
    def get(self, request: Request) -> Response:
        queryset = (
            referrals_for(request.user)
            .select_related("young_person", "referred_by", "school")
            .order_by("-created_at", "-id")
        )
        filters = self.filtered(ReferralFilter, queryset)
        page = list(self.paginate_queryset(filters.qs))
        self.log_shown(
            kind=Kind.LIST, person_ids=[r.young_person_id for r in page], detail=filters_chosen(filters)
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        tags=["referrals"],
        request=s.ReferralCreateSerializer,
        responses={
            201: s.ReferralDetailSerializer,
            **REFUSALS,
            404: OpenApiResponse(
                description="No such young person, or not one you may open (logged as refused)"
            ),
        },
        description=(
            "Make a referral, as the referral form does: a draft, or (`send`: true) sent to the taskforce "
            "at once. Head teachers and DSLs for their current pupils; the taskforce for anyone it may "
            "open. The consent or legal basis is checked as on the form. A young person you may not open "
            f"answers 404 and is logged as refused. Answers 201 with `Location`. {LOGS}"
        ),
    )
    def post(self, request: Request) -> Response:
        body = s.ReferralCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        access = person_for_request(request, body.validated_data["young_person"])
        offered = trigger_points_for_referrer(request.user, access.person.pk)
        referral = referral_create(
            by=request.user,
            young_person=access.person,
            details=body.details(offered=offered),
            send=body.validated_data["send"],
        )
        return self.shown(request, referral.pk, code=201, break_glass=access.break_glass)


class ReferralDetail(ReferralShowing):
    allowed_roles = REFERRERS
    serializer_class = s.ReferralDetailSerializer

    @extend_schema(
        tags=["referrals"],
        responses={200: s.ReferralDetailSerializer, 404: REFUSALS[404]},
        description=f"One referral with its interventions and history, oldest first. {WHO} {LOGS}",
    )
    def get(self, request: Request, pk: int) -> Response:
        return self.shown(request, pk)

    @extend_schema(
        tags=["referrals"],
        request=s.ReferralUpdateSerializer,
        responses={200: s.ReferralDetailSerializer, **REFUSALS},
        description=(
            "Change a draft (everything the form asks, with the `version` you read). Only the person who "
            "started it, and only while it is a draft: a sent referral is never edited, only added to "
            f"(409). {LOGS}"
        ),
    )
    def put(self, request: Request, pk: int) -> Response:
        referral = referral_for_request(request, pk)
        body = s.ReferralUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        offered = [
            *trigger_points_for_referrer(request.user, referral.young_person_id),
            *trigger_point_labels(request.user, referral.trigger_points),
        ]
        referral_update_draft(
            by=request.user,
            referral=referral,
            details=body.details(offered=offered),
            expected_version=body.validated_data["version"],
        )
        return self.shown(request, pk)
