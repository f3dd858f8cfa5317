"""Feeds, import runs and uploads through the API, for data officers and integration
accounts holding that role: how a partner agency's nightly extract arrives without a
person. An upload starts its import exactly as the upload page does (start_import)."""

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import AccessLogEntry
from accounts.roles import Role
from chronology.api import serializers as s
from chronology.api.filters import FeedRunFilter
from chronology.models import Feed, FeedRun
from chronology.selectors import feed_by_code, people_in_rejected_rows, published_feeds, recent_runs
from chronology.services.imports import ImportRefused, start_import
from chronology.services.stale_runs import look_after
from portal.api.pagination import PAGE_PARAMETERS, PageRequest
from portal.api.views import ApiView, RecordsApiView

DATA_OFFICERS = frozenset({Role.DATA_OFFICER})
NOTHING_LOGGED = "Data officers. Names no young person's record, so it writes no access-log entry."
REJECTIONS_PER_PAGE = 100


@extend_schema(
    tags=["feeds"], responses=s.FeedSerializer(many=True), description=f"The feed register. {NOTHING_LOGGED}"
)
class FeedList(ApiView):
    allowed_roles = DATA_OFFICERS
    serializer_class = s.FeedSerializer
    filter_backends = []

    def get_queryset(self) -> QuerySet[Feed]:
        return published_feeds()

    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(
    tags=["feeds"],
    responses=s.FeedRunSerializer(many=True),
    description=f"Import runs, newest first, filtered by feed code and status. {NOTHING_LOGGED}",
)
class FeedRunList(ApiView):
    allowed_roles = DATA_OFFICERS
    serializer_class = s.FeedRunSerializer
    filterset_class = FeedRunFilter

    def get_queryset(self) -> QuerySet[FeedRun]:
        return recent_runs().order_by("-created_at", "-pk")

    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(
    tags=["feeds"],
    parameters=[PAGE_PARAMETERS],
    responses={200: s.FeedRunDetailSerializer, 404: OpenApiResponse(description="No such run")},
    description=(
        "One import run, as its report page shows it, with a page (`page`, `page_size`) of the rows it "
        "rejected and why. Poll it after an upload until `is_finished`. A run whose import was lost "
        "is sent again or marked failed, as on the page. Data officers. Logged like the report page: "
        "one entry naming the people the rejected rows on this page are about, with the row count."
    ),
)
class FeedRunDetail(RecordsApiView):
    """Rejected rows carry the names, dates of birth and postcodes the importer refused,
    so this response is logged like the import report page: naming the people the rows
    on this page are about, with the row count."""

    allowed_roles = DATA_OFFICERS
    serializer_class = s.FeedRunDetailSerializer
    filter_backends = []

    def get(self, request: Request, pk: int) -> Response:
        run = recent_runs().filter(pk=pk).first()
        if run is None:
            raise NotFound("No import run found.")
        page = PageRequest.of(request, default_size=REJECTIONS_PER_PAGE)
        run = look_after(run=run)
        rejected = run.rejected_rows.all()
        count = rejected.count()
        shown = list(rejected[page.offset : page.offset + page.size])
        self.log_shown(
            kind=AccessLogEntry.Kind.LIST,
            person_ids=people_in_rejected_rows(user=request.user, run=run, rows=shown),
            detail={"run": run.pk, "rejected_rows": len(shown)},
        )
        rows = s.RejectedRowSerializer(shown, many=True).data
        context = {
            **self.get_serializer_context(),
            "rejected_rows": page.body(request, count=count, results=rows),
        }
        return Response(s.FeedRunDetailSerializer(run, context=context).data)


@extend_schema(
    tags=["feeds"],
    request={"multipart/form-data": s.UploadSerializer},
    responses={
        201: s.FeedRunSerializer,
        400: OpenApiResponse(description="No file, or the feed may not be imported"),
    },
    description=(
        "Upload a feed file (multipart, field `file`) and queue its import, exactly as the upload page "
        "does. Answers 201 with the run and `Location` naming it; poll the run until `is_finished`. "
        f"{NOTHING_LOGGED}"
    ),
)
class FeedRunCreate(ApiView):
    allowed_roles = DATA_OFFICERS
    serializer_class = s.UploadSerializer
    parser_classes = [MultiPartParser]
    filter_backends = []

    def post(self, request: Request, code: str) -> Response:
        feed = feed_by_code(code)
        if feed is None:
            raise NotFound("No feed with that code.")
        upload = self.get_serializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            run = start_import(feed=feed, uploaded_file=upload.validated_data["file"], by=request.user)
        except ImportRefused as refused:
            raise ValidationError({"file": [str(refused)]}) from None
        body = s.FeedRunSerializer(run, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]})
