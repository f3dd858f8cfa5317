"""How the OpenAPI description names the API's two ways in (loaded by PortalConfig), and
the hooks that keep it to /api/v1/ and give every operation its error answers."""

import re

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from accounts.roles import Role
from chronology.importing.codes import YEAR_GROUPS


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema: object) -> dict:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'An API token made by an administrator, sent as "Token safe_…".',
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema: object) -> dict:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "A signed-in browser session; writes also need the X-CSRFToken header.",
        }


def only_the_api(endpoints: list[tuple]) -> list[tuple]:
    """The description covers /api/v1/, not the schema and docs views themselves."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


ERROR = {
    "type": "object",
    "description": (
        "Every error answer: `detail` says what went wrong in words; a 400 adds the field errors "
        "under `errors` (by field, or `non_field_errors`), nested as the request was."
    ),
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "additionalProperties": True},
    },
    "required": ["detail"],
}
PAGE_PARAMETERS = frozenset({"page", "page_size"})
ALWAYS = {
    "401": "No credentials, or a token that is unknown, expired or revoked",
    "429": "Too many requests: wait the seconds in Retry-After",
}


UNSTORABLE = "A NUL byte, a broken Unicode character or a value over 1,000 characters in the address"


CHOICE_ORDERS = (tuple(YEAR_GROUPS),)
"""Choices whose order means something. drf-spectacular sorts a filter's enum as text
("1", "10", "11", "2"...), so a client's drop-down offered year groups out of order."""


def choices_in_order(result: dict, generator: object, request: object, public: bool) -> dict:
    """Each query parameter's enum in its choices' own order, where that order is known."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                enum = parameter.get("schema", {}).get("enum")
                order = next((o for o in CHOICE_ORDERS if enum and set(enum) == set(o)), None)
                if order is not None:
                    parameter["schema"]["enum"] = list(order)
    return result


def _shape(path: str) -> str:
    """A path without its parameters' names: the description calls `{pk}` `{id}`."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def errors_described(result: dict, generator: object, request: object, public: bool) -> dict:
    """Each operation lists the errors it can answer with, in their one JSON shape
    (docs/api.md, "Conventions"): a client generated from the description otherwise met
    a 400 for a bad filter, or a 404 for a page past the last, as an undocumented answer
    with no body it could read."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    closed_to_some = {
        (_shape(path), method.lower())
        for path, _, method, view in getattr(generator, "endpoints", None) or []
        if frozenset(getattr(view, "allowed_roles", ())) != frozenset(Role)
    }
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            if (_shape(path), method) in closed_to_some:
                responses.setdefault("403", {"description": "Your role may never use this endpoint"})
            parameters = operation.get("parameters", [])
            queries = {p["name"] for p in parameters if p["in"] == "query"}
            # Any query parameter: every one, `page` and `page_size` too, is refused given twice.
            # Without any, the input guard still refuses a NUL byte or an over-long value
            # in the address before the endpoint runs.
            if queries or "requestBody" in operation:
                responses.setdefault(
                    "400", {"description": "A filter, a page parameter or a field that cannot be taken"}
                )
            else:
                responses.setdefault("400", {"description": UNSTORABLE})
            if queries & PAGE_PARAMETERS or any(p["in"] == "path" for p in parameters):
                responses.setdefault("404", {"description": "No such record or page, or not one you may see"})
            for code, description in ALWAYS.items():
                responses.setdefault(code, {"description": description})
            for code, response in responses.items():
                if int(code) >= 400:
                    response.setdefault("content", content)
    return result
