"""GET /api/v1/me/: who the caller is, as the API sees them."""

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.access import schools_in_scope
from accounts.api.serializers import MeSerializer
from accounts.models import ApiToken
from accounts.roles import SCHOOL_ROLES, Role
from portal.api.views import ApiView


class MeView(ApiView):
    """Who am I: my account, my role and (for school staff) my schools. Any role may
    call it; it names no young person, so it writes no access-log entry."""

    allowed_roles = frozenset(Role)
    serializer_class = MeSerializer
    pagination_class = None

    @extend_schema(summary="Who am I", tags=["account"])
    def get(self, request: Request) -> Response:
        user = request.user
        schools = list(schools_in_scope(user)) if user.role in SCHOOL_ROLES else []
        token = request.auth if isinstance(request.auth, ApiToken) else None
        data = {
            "id": user.pk,
            "email": user.email,
            "display_name": user.display_name,
            "job_title": user.job_title,
            "is_service_account": user.is_service_account,
            "role": user.role,
            "schools": schools,
            "token": token,
        }
        return Response(MeSerializer(data).data)
