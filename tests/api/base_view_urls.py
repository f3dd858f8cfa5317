"""Endpoints built on RecordsApiView for testing the base view itself: one that logs,
one that forgets to, one that fails after logging, one that opens a record."""

from django.urls import include, path
from rest_framework.response import Response

from accounts.access import RECORD_ROLES, person_for_request
from accounts.models import AccessLogEntry
from portal.api.views import RecordsApiView


class Shows(RecordsApiView):
    allowed_roles = RECORD_ROLES
    person_url_kwarg = "pk"

    def get(self, request, pk):
        person = person_for_request(request, pk).person
        self.log_shown(kind=AccessLogEntry.Kind.VIEW, person_ids=[person.pk])
        return Response({"name": person.full_name})


class Forgets(Shows):
    def get(self, request, pk):
        return Response({"name": person_for_request(request, pk).person.full_name})


class FailsAfterLogging(Shows):
    def get(self, request, pk):
        super().get(request, pk)
        raise RuntimeError("after serialisation")


class Closed(RecordsApiView):
    def get(self, request):
        return Response({})


api = [
    path("shows/<int:pk>/", Shows.as_view(), name="shows"),
    path("forgets/<int:pk>/", Forgets.as_view(), name="forgets"),
    path("fails/<int:pk>/", FailsAfterLogging.as_view(), name="fails"),
    path("closed/", Closed.as_view(), name="closed"),
]
urlpatterns = [path("api/", include((api, "api")))]
