"""Test-only views exercising the access-log mechanism without the young-person pages."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import include, path
from rest_framework.authentication import BaseAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.access_log import log_access, log_denied, shows_records
from accounts.models import AccessLogEntry, User
from accounts.roles import Role
from schools.models import Person


@shows_records
def record(request, person_id):
    person = Person.objects.get(pk=person_id)
    log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[person.pk])
    return HttpResponse(f"Record of {person.full_name}")


@shows_records
def listing(request):
    people = list(Person.objects.order_by("pk"))
    log_access(request=request, kind=AccessLogEntry.Kind.LIST, person_ids=[p.pk for p in people])
    return TemplateResponse(request, "includes/pagination.html", {"page": None})


@shows_records
def forgetful(request, person_id):
    return HttpResponse(f"Record of {Person.objects.get(pk=person_id).full_name}")


@shows_records
def refusing(request, person_id):
    log_denied(request=request, person_id=person_id, reason="outside scope")
    raise Http404


@shows_records
def refusing_silently(request, person_id):
    raise Http404


class HeaderToken(BaseAuthentication):
    """Stands in for token authentication: the header names the user."""

    def authenticate(self, request):
        email = request.META.get("HTTP_X_TEST_TOKEN")
        return (User.objects.get(email=email), None) if email else None


class RecordApi(APIView):
    authentication_classes = [HeaderToken]
    allowed_roles = frozenset(Role)

    def get(self, request, person_id):
        log_access(request=request, kind=AccessLogEntry.Kind.VIEW, person_ids=[person_id])
        return Response({"id": person_id})


urlpatterns = [
    path("record/<int:person_id>/", record, name="test_record"),
    path("list/", listing, name="test_list"),
    path("forgetful/<int:person_id>/", forgetful, name="test_forgetful"),
    path("refusing/<int:person_id>/", refusing, name="test_refusing"),
    path("refusing-silently/<int:person_id>/", refusing_silently, name="test_refusing_silently"),
    path("api/record/<int:person_id>/", shows_records(RecordApi.as_view()), name="test_api_record"),
    path("portal/", include("portal.urls")),
]


class OutOfScope(Http404):
    """Like the access layer's refusal: carries the person asked for and why."""

    def __init__(self, person_id, reason):
        super().__init__("No young person found.")
        self.person_id, self.reason = person_id, reason


def logs_refusals_again(view):
    """An outer wrapper that logs refusals itself, as accounts.access's role_required does."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OutOfScope as refused:
            log_denied(request=request, person_id=refused.person_id, reason=refused.reason)
            raise Http404 from None

    return wrapped


@shows_records
def out_of_scope(request, person_id):
    raise OutOfScope(person_id, "not in your schools")


urlpatterns.append(
    path("out-of-scope/<int:person_id>/", logs_refusals_again(out_of_scope), name="test_out_of_scope")
)
