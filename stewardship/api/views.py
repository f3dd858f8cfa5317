"""Feed health through the API, for data officers, IG and the taskforce: the same
figures as the health pages (stewardship.views.health) from the same selectors, so a
council's monitoring can watch for a feed that silently stopped arriving. Counts and
dates only: no young person is named, so nothing is written to the access log."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from chronology.models import Feed
from portal.api.pagination import PAGE_PARAMETERS, page_serializer
from portal.api.views import ApiView
from stewardship.api import serializers as s
from stewardship.selectors.health import feed_health
from stewardship.selectors.health_charts import review_age_by_week
from stewardship.views.health import HEALTH_ROLES, health_rules

WHO = "Data officers, IG officers and the taskforce. Names no young person, so it writes no access-log entry."


@extend_schema(
    tags=["feeds"],
    parameters=[PAGE_PARAMETERS],
    responses=page_serializer(
        "FeedHealthPageSerializer",
        s.FeedHealthSerializer(many=True),
        problems=serializers.IntegerField(help_text="Problems of every feed, on any page."),
        rules=s.HealthRulesSerializer(),
    ),
    description=(
        "Each feed's health, as the feed health page shows it: the last successful import, when the "
        "next is due and whether it is overdue, the latest import's rows, reject rate and shares "
        "linked with certainty and queued for review, the review queue's size and age, and any "
        "problems (overdue, a reject rate far above its own recent level, a drop of more than half "
        "the rows). `problems` counts them all; `rules` gives the thresholds. " + WHO
    ),
)
class FeedHealthList(ApiView):
    allowed_roles = frozenset(HEALTH_ROLES)
    serializer_class = s.FeedHealthSerializer
    filter_backends = []

    @extend_schema(operation_id="feed_health_list")
    def get(self, request: Request) -> Response:
        feeds = feed_health()
        page = self.paginate_queryset(feeds)
        response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        response.data = {
            "problems": sum(len(h.problems) for h in feeds),
            "rules": s.HealthRulesSerializer(health_rules()).data,
            **response.data,
        }
        return response


@extend_schema(
    tags=["feeds"],
    responses={200: s.FeedHealthDetailSerializer, 404: OpenApiResponse(description="No such feed")},
    description=(
        "One feed's health with its completed imports of the last 90 days and its review queue week "
        "by week, the data behind the charts of its health page. " + WHO
    ),
)
class FeedHealthDetail(ApiView):
    allowed_roles = frozenset(HEALTH_ROLES)
    serializer_class = s.FeedHealthDetailSerializer
    filter_backends = []

    def get(self, request: Request, code: str) -> Response:
        feed = Feed.objects.filter(code=code).first() if code in Feed.Code.values else None
        if feed is None:
            raise NotFound("No feed with that code.")
        now = timezone.now()
        (health,) = feed_health(feed=feed, now=now)
        weeks = review_age_by_week(health, now=now) if health.person_level else []
        health.review_queue_by_week = [
            {"week_ending": day, "open_reviews": count, "oldest_days": age} for day, count, age in weeks
        ]
        return Response(self.get_serializer(health).data)
