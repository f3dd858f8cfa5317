"""IG's access log through the API: the entries search and "who has seen this child".
Like IG's pages (accounts/views/ig_log.py), each response is itself logged, naming the
young people it names, so the log also shows IG's reviews; and like those pages and the
subject-access export, an entry shows the page in words and never what was searched for
or its detail (accounts/subject_access.py)."""

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.api.filters import EntryFilter
from accounts.api.log_paging import PagedUpTo, UntilQuery
from accounts.api.serializers import (
    AccessLogEntrySerializer,
    PersonHistoryEntrySerializer,
    PersonIdentitySerializer,
)
from accounts.models import AccessLogEntry
from accounts.roles import Role
from accounts.selectors_access_log import (
    entries_naming,
    entries_search,
    newest_entry,
    newest_entry_naming,
    person_identity,
)
from portal.api.pagination import PAGE_PARAMETERS, page_serializer
from portal.api.views import RecordsApiView

Kind = AccessLogEntry.Kind
IG_ONLY = frozenset({Role.IG_OFFICER})


@extend_schema(
    tags=["access log"],
    parameters=[UntilQuery],
    responses=AccessLogEntrySerializer(many=True),
    description=(
        "Access-log entries, newest first, filtered by `person` (a person id), `actor` (a user id), "
        "`kind` and a date range (local days, inclusive); each names up to 5 young people "
        "(`more_people` counts the rest). As on IG's pages, `page` names the page in words and an "
        'entry never shows what was searched for: `path` shows a query only as "(a search)", and any '
        'id but those of the `people` it names as "{id}". `count` stops at 10,000. Pages through the '
        "log as the first page found it: `next` and `previous` carry `until`, the newest entry it "
        "counted. IG officers only. "
        "Writes one access-log entry naming the young people on the page."
    ),
)
class AccessLogList(PagedUpTo, RecordsApiView):
    allowed_roles = IG_ONLY
    serializer_class = AccessLogEntrySerializer
    filterset_class = EntryFilter

    def get_queryset(self) -> QuerySet[AccessLogEntry]:
        return entries_search()

    def get(self, request: Request) -> Response:
        filters = self.filtered(EntryFilter, AccessLogEntry.objects.none())
        chosen = {k: v for k, v in filters.form.cleaned_data.items() if v not in (None, "")}
        page = self.page_up_to(
            lambda until: entries_search(**filters.search(), until=until),
            lambda until: newest_entry(entries_search(**filters.search(), until=until)),
        )
        self.log_shown(
            kind=Kind.SEARCH,
            person_ids=[subject.person_id for entry in page for subject in entry.shown_subjects],
            detail={"filters": {k: str(v) for k, v in chosen.items()}},
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(
    tags=["access log"],
    parameters=[UntilQuery, PAGE_PARAMETERS],
    responses={
        200: page_serializer(
            "PersonHistoryPageSerializer",
            PersonHistoryEntrySerializer(many=True),
            person=PersonIdentitySerializer(),
        ),
        404: OpenApiResponse(description="No such person"),
    },
    description=(
        "Who has seen this child: every entry naming the young person, newest first, with `person` "
        "(their identity only). Each entry as the subject-access export holds it: `path` keeps only this "
        'young person\'s id (any other reads "{id}") and shows a query only as "(a search)"; a break-glass '
        'into another record reads "(break-glass into another record)". Each call is itself an entry '
        "naming the young person, so the list pages through the log as its first page found it: `next` "
        "and `previous` carry `until`, the newest entry it counted. IG officers only. Writes one "
        "access-log entry naming the young person."
    ),
)
class PersonAccessLog(PagedUpTo, RecordsApiView):
    allowed_roles = IG_ONLY
    person_url_kwarg = "pk"
    serializer_class = PersonHistoryEntrySerializer
    filter_backends = []

    @extend_schema(operation_id="young_people_access_log_list")
    def get(self, request: Request, pk: int) -> Response:
        person = person_identity(pk)
        if person is None:
            raise Http404("No young person found.")
        page = self.page_up_to(
            lambda until: entries_naming(person, until=until),
            lambda until: newest_entry_naming(person, until=until),
        )
        self.log_shown(kind=Kind.VIEW, person_ids=[person.pk])
        response = self.get_paginated_response(
            PersonHistoryEntrySerializer(page, many=True, context={"about": person}).data
        )
        response.data = {"person": PersonIdentitySerializer(person).data, **response.data}
        return response
