"""Which roles may use an endpoint. Every API view names its roles in `allowed_roles`;
anyone else signed in gets 403 and a visitor without credentials 401. Which records
a permitted user sees is then decided by accounts.access alone."""

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts.access import has_role


class RolesOnly(BasePermission):
    message = "Your role may not use this endpoint."

    def has_permission(self, request: Request, view: object) -> bool:
        roles = getattr(view, "allowed_roles", None)
        if roles is None:
            # A view that forgot to say who may use it is closed to everyone.
            return False
        return has_role(request.user, *roles)
