"""Schools and young people through the API: the same rules as the young-person pages
(schools.views), from the same access layer, each response logged naming every young
person in it."""

from django.conf import settings
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from accounts.access import (
    RECORD_ROLES,
    attendance_for,
    break_glass_candidates,
    break_glass_target,
    can_view,
    family_for,
    may_break_glass,
    person_for_request,
    schools_in_scope,
    search_young_people,
)
from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.services.break_glass import break_glass_open
from chronology.timeline import timeline_for
from portal.api.pagination import PAGE_PARAMETERS, PageRequest, page_serializer
from portal.api.views import ApiView, RecordsApiView, filters_chosen
from schools.api import serializers as s
from schools.api.filters import YoungPersonFilter
from schools.models import School
from schools.record_sections import record_data_for
from schools.selectors import (
    NAME_ORDER,
    current_enrolment,
    ids_in_name_order,
    people_shown,
    with_current_enrolment,
)

Kind = AccessLogEntry.Kind
BREAK_GLASS_RESULTS = 20
LOGS = "Writes one access-log entry naming every young person in the response."


@extend_schema(
    tags=["schools"],
    responses=s.SchoolSerializer(many=True),
    description="Schools in your scope: school staff their own, others all. Any role; logs nothing.",
)
class SchoolList(ApiView):
    allowed_roles = frozenset(Role)
    serializer_class = s.SchoolSerializer
    filter_backends = []

    def get_queryset(self) -> QuerySet[School]:
        return schools_in_scope(self.request.user).order_by("name", "pk")

    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(
    tags=["schools"],
    responses=s.SchoolSerializer,
    description="One school in your scope; any other answers 404. Any role; logs nothing.",
)
class SchoolDetail(SchoolList):
    def get(self, request: Request, pk: int) -> Response:
        school = self.get_queryset().filter(pk=pk).first()
        if school is None:
            return Response({"detail": "No school found."}, status=status.HTTP_404_NOT_FOUND)
        return Response(self.get_serializer(school).data)


@extend_schema(
    tags=["young people"],
    parameters=[PAGE_PARAMETERS],
    filters=True,
    responses=page_serializer(
        "YoungPersonPageSerializer",
        s.YoungPersonSerializer(many=True),
        break_glass_candidates=s.BreakGlassCandidateSerializer(
            many=True, required=False, help_text="Taskforce only: up to 20 matches of `q` outside your scope."
        ),
    ),
    description=(
        "Young people you may open (head teachers and DSLs: their schools' current pupils; the "
        "taskforce: its caseload and records opened by break-glass; an intervention worker: the young "
        "people of their open allocations), in name order. A taskforce "
        "officer's search (`q`) also lists up to 20 `break_glass_candidates` outside their scope "
        "(the id to break glass with, name, date of birth and school only). "
        f"Head teacher, DSL, taskforce, intervention worker. {LOGS}"
    ),
)
class YoungPersonList(RecordsApiView):
    allowed_roles = RECORD_ROLES
    serializer_class = s.YoungPersonSerializer
    filterset_class = YoungPersonFilter

    def get_queryset(self) -> QuerySet:
        """Searched through the access layer (`search_young_people`), as the young-people
        page is: the filters then narrow it, and a `q` not valid is a 400 before it is read."""
        q = self.request.query_params.get("q", "")
        return search_young_people(self.request.user, q).order_by(*NAME_ORDER)

    @extend_schema(operation_id="young_people_list")
    def get(self, request: Request) -> Response:
        filters = self.filtered(YoungPersonFilter, self.get_queryset())
        q = filters.form.cleaned_data.get("q") or ""
        # The matches' ids in one read, then the page's rows, as the young-people page
        # does: DRF's COUNT and OFFSET queries each read every match.
        page = people_shown(self.paginate_queryset(ids_in_name_order(filters.qs)))
        candidates = []
        if q and may_break_glass(request.user):
            candidates = list(
                with_current_enrolment(break_glass_candidates(request.user, q))[:BREAK_GLASS_RESULTS]
            )
        self.log_shown(
            kind=Kind.SEARCH if q else Kind.LIST,
            person_ids=[p.pk for p in page] + [c.pk for c in candidates],
            detail=filters_chosen(filters),
        )
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        if may_break_glass(request.user):
            response.data["break_glass_candidates"] = s.BreakGlassCandidateSerializer(
                candidates, many=True
            ).data
        return response


@extend_schema(
    tags=["young people"],
    responses={
        200: s.YoungPersonDetailSerializer,
        404: OpenApiResponse(description="Not found or not yours"),
    },
    description=(
        "A young person's identity, current school, attendance this school year and family, at your "
        "detail level, and `sections` other capabilities add to the record (`trigger_points`: the "
        "tier, current and dismissed trigger points as on the page, docs/trigger-points.md). "
        "A record outside your scope answers 404 and is logged as a refused attempt. "
        f"Head teacher, DSL, taskforce, intervention worker. {LOGS} It also names every relative whose "
        "name the family shows or whose event a trigger point shows as evidence."
    ),
)
class YoungPersonDetail(RecordsApiView):
    allowed_roles = RECORD_ROLES
    person_url_kwarg = "pk"
    serializer_class = s.YoungPersonDetailSerializer

    def get(self, request: Request, pk: int) -> Response:
        access = person_for_request(request, pk)
        person = access.person
        person.current_enrolments = [e for e in [current_enrolment(person)] if e]
        family = family_for(request.user, person)
        person.attendance = attendance_for(request.user, person)
        person.family = family
        person.restricted_notice = timeline_for(request.user, person, newest=0).restricted_notice
        person.break_glass = access.break_glass
        person.sections, in_sections = record_data_for(request.user, person)
        data = self.get_serializer(person).data
        named = [r.named_person_id for r in family if r.named_person_id]
        self.log_shown(
            kind=Kind.VIEW,
            person_ids=list(dict.fromkeys([person.pk, *named, *in_sections])),
            break_glass=access.break_glass,
        )
        return Response(data)


@extend_schema(
    tags=["young people"],
    parameters=[s.ChronologyQuerySerializer, PAGE_PARAMETERS],
    responses={200: s.ChronologyPageSerializer},
    description=(
        "The young person's chronology (docs/chronology.md) at your detail level, newest first, "
        "paginated and filtered as on the page, with `restricted_notice` (the one line a head teacher "
        "sees when restricted information exists, whatever the filter) and `hidden_tiers`. Head "
        "teacher, DSL, taskforce, intervention worker. Writes one access-log entry naming the young "
        "person and every relative whose entries are on the page."
    ),
)
class YoungPersonChronology(RecordsApiView):
    allowed_roles = RECORD_ROLES
    person_url_kwarg = "pk"
    serializer_class = s.ChronologyEntrySerializer
    filter_backends = []

    def get(self, request: Request, pk: int) -> Response:
        query = s.ChronologyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = PageRequest.of(request)
        access = person_for_request(request, pk)
        timeline = timeline_for(request.user, access.person, query.timeline_filter())
        shown = timeline.hydrate(timeline.entries[page.offset : page.offset + page.size])
        response = page.response(
            request,
            count=len(timeline.entries),
            results=self.get_serializer(shown, many=True).data,
            restricted_notice=timeline.restricted_notice,
            hidden_tiers=timeline.hidden_tiers,
        )
        self.log_shown(
            kind=Kind.VIEW, person_ids=timeline.people_shown(shown), break_glass=access.break_glass
        )
        return response


@extend_schema(
    tags=["young people"],
    request=s.BreakGlassReasonSerializer,
    responses={
        201: s.BreakGlassSerializer,
        200: OpenApiResponse(
            inline_serializer("AlreadyOpen", {"detail": drf_serializers.CharField()}),
            description="You may already open this record: nothing was opened",
        ),
    },
    description=(
        "Taskforce only: open a young person outside your scope, with a reason of at least "
        f"{settings.BREAK_GLASS_REASON_MIN_LENGTH} characters, for {settings.BREAK_GLASS_HOURS} hours, "
        "as the break-glass page does. IG reviews every break-glass. Answers 201 with `Location` "
        "naming the record. Writes one access-log entry naming the young person."
    ),
)
class YoungPersonBreakGlass(RecordsApiView):
    allowed_roles = frozenset({Role.TASKFORCE})
    person_url_kwarg = "pk"
    serializer_class = s.BreakGlassReasonSerializer

    def post(self, request: Request, pk: int) -> Response:
        person = break_glass_target(request, pk)
        form = self.get_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        reason = form.validated_data["reason"]
        grant = (
            None
            if can_view(request.user, person)
            else break_glass_open(by=request.user, person=person, reason=reason)
        )
        self.log_shown(
            kind=Kind.VIEW,
            person_ids=[person.pk],
            break_glass=grant,
            detail={"shown": "break-glass opened; nothing of the record"},
        )
        location = reverse("api:young-person-detail", args=[person.pk], request=request)
        if grant is None:
            return Response({"detail": "You may already open this record."}, headers={"Location": location})
        return Response(
            s.BreakGlassSerializer(grant).data, status=status.HTTP_201_CREATED, headers={"Location": location}
        )
