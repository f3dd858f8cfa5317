"""How the OpenAPI description names the API's two ways in (loaded by PortalConfig)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


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
