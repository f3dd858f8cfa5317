"""Trigger points through the API: the indicator library for those who may read its
pages, and the flagged-pupils list for those who may use it, from the same access
layer and the same filters as the page (risk.views.flagged_list), each list response
logged naming every young person on it."""

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import JUDGEMENT_NOTICE, school_in_scope
from accounts.models import AccessLogEntry
from portal.api.filters import repeated
from portal.api.pagination import PAGE_PARAMETERS, page_serializer
from portal.api.views import ApiView, RecordsApiView
from portal.api.words import not_offered
from risk.api import serializers as s
from risk.forms_pages import FlaggedListForm, flagged_list_form
from risk.models import Indicator
from risk.sections import relatives_shown
from risk.selectors import flags_switched_on, indicator_with_history, indicators_with_versions
from risk.selectors_flag_cards import card_rows_for
from risk.selectors_flagged_list import flagged_rows
from risk.views.flagged_list import LIST_ROLES
from risk.views.library import READERS

Kind = AccessLogEntry.Kind
NOTHING_LOGGED = "Names no young person, so it writes no access-log entry."
NOT_YOUR_SCHOOL = not_offered("school")
"""The young-people list's words for a school its filter does not offer (a choice of the
caller's own schools), so that one input has one answer on both lists."""
SWITCHED_ON = serializers.BooleanField(
    help_text="The portal-wide switch: off, no trigger point is computed or shown anywhere."
)


@extend_schema(
    tags=["trigger points"],
    parameters=[PAGE_PARAMETERS],
    responses=page_serializer(
        "IndicatorPageSerializer", s.IndicatorSerializer(many=True), flags_switched_on=SWITCHED_ON
    ),
    description=(
        "The indicator library (docs/trigger-points.md): each trigger point's code, whether it is "
        "switched on, and its current version (name, description, rules and the same in words, "
        "weight, review switch). `flags_switched_on` is the portal-wide switch. Administrators, "
        f"the taskforce and IG officers, as the library's pages. {NOTHING_LOGGED}"
    ),
)
class IndicatorList(ApiView):
    allowed_roles = frozenset(READERS)
    serializer_class = s.IndicatorSerializer
    filter_backends = []

    def get_queryset(self) -> QuerySet[Indicator]:
        return indicators_with_versions()

    @extend_schema(operation_id="indicators_list")
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        response.data = {"flags_switched_on": flags_switched_on(), **response.data}
        return response


@extend_schema(
    tags=["trigger points"],
    responses={200: s.IndicatorDetailSerializer, 404: OpenApiResponse(description="No such indicator")},
    description=(
        "One indicator with every version, newest first (a flag names the version that raised it). "
        f"Administrators, the taskforce and IG officers. {NOTHING_LOGGED}"
    ),
)
class IndicatorDetail(ApiView):
    allowed_roles = frozenset(READERS)
    serializer_class = s.IndicatorDetailSerializer
    filter_backends = []

    def get(self, request: Request, code: str) -> Response:
        indicator = indicator_with_history(code)
        if indicator is None:
            raise NotFound("No indicator with that code.")
        return Response(self.get_serializer(indicator).data)


def _errors(form: FlaggedListForm) -> dict:
    """The form's errors, an unknown trigger point's listing the codes it takes: the page's
    words ("choose from the options given") point at a select the API has not got."""
    errors = {name: list(messages) for name, messages in form.errors.items()}
    if form.has_error("trigger_point", code="invalid_choice"):
        codes = ", ".join(form.known_codes)
        errors["trigger_point"] = [f"Not a trigger point code: use one of {codes}."]
    return errors


@extend_schema(
    tags=["trigger points"],
    parameters=[s.FlagListParameters, PAGE_PARAMETERS],
    responses=page_serializer(
        "FlaggedYoungPersonPageSerializer",
        s.FlaggedYoungPersonSerializer(many=True),
        notice=serializers.CharField(help_text="Trigger points are prompts for judgement, not decisions."),
        flags_switched_on=SWITCHED_ON,
    ),
    description=(
        "The flagged-pupils list: the young people you may see who have a current trigger point, "
        "filtered, searched and sorted as on the page, each with their tier and trigger points at "
        "your detail level. A trigger point whose evidence you may not see even as category and "
        'date is unnamed: "An additional factor known to partner agencies", with no code, rule, '
        "date or evidence. `notice`: trigger points are prompts for professional judgement, not "
        "decisions. Head teachers and DSLs (their schools' pupils) and the taskforce (its caseload). "
        "A `school` that is not one of yours (`schools/`) is a 400, as on `young-people/`. "
        "Writes one access-log entry naming every young person on the page and every relative whose "
        "event is shown as evidence."
    ),
)
class FlagList(RecordsApiView):
    allowed_roles = frozenset(LIST_ROLES)
    serializer_class = s.FlaggedYoungPersonSerializer
    filter_backends = []

    @extend_schema(operation_id="flags_list")
    def get(self, request: Request) -> Response:
        form = flagged_list_form(request.user, request.query_params)
        errors = {**({} if form.is_valid() else _errors(form)), **repeated(request.query_params, form.fields)}
        if errors:
            raise ValidationError(errors)
        query = form.list_query()
        if query.school and school_in_scope(request.user, query.school) is None:
            raise ValidationError({"school": [NOT_YOUR_SCHOOL]})
        page = self.paginate_queryset(flagged_rows(request.user, query))
        ids = [row["person_id"] for row in page]
        rows = card_rows_for(request.user, ids)
        relatives = relatives_shown(card for row in rows for card in row.current + row.dismissed)
        filters = {k: str(v) for k, v in vars(query).items() if v not in ("", None)}
        self.log_shown(
            kind=Kind.SEARCH if query.q else Kind.LIST,
            person_ids=list(dict.fromkeys([*ids, *relatives])),
            detail={"filters": filters, "page_number": self.paginator.page.number},
        )
        response = self.get_paginated_response(self.get_serializer(rows, many=True).data)
        response.data = {
            "notice": JUDGEMENT_NOTICE,
            "flags_switched_on": flags_switched_on(),
            **response.data,
        }
        return response
