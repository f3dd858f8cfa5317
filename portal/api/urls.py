"""The API's addresses: /api/v1/ for the endpoints, /api/schema/ and /api/docs/ for the
OpenAPI description. Each app's endpoints live in `<app>/api/urls.py` and are included
here (docs/api.md, "Adding an endpoint"); every name is in the `api` namespace."""

from django.urls import include, path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from portal.api.converters import Code, RecordId
from portal.api.throttling import CountedBeforeRefused

register_converter(RecordId, "id")
register_converter(Code, "code")

app_name = "api"

v1 = [
    path("", include("accounts.api.urls")),
    path("", include("schools.api.urls")),
    path("", include("chronology.api.urls")),
    path("", include("risk.api.urls")),
    path("", include("stewardship.api.urls")),
    path("", include("interventions.api.urls")),
]


class SchemaView(CountedBeforeRefused, SpectacularAPIView):
    pass


class DocsView(CountedBeforeRefused, SpectacularSwaggerSplitView):
    pass


urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", DocsView.as_view(url_name="api:schema"), name="docs"),
]
