"""Django's CommonMiddleware, except that under /api/ an address without its trailing
slash is answered with 308 Permanent Redirect and a JSON body. The 301 Django sends is
re-sent by clients (requests, curl -L) as a GET, so a POST to `/api/v1/referrals` came
back as the list of referrals with nothing created; 308 keeps the method and the body,
and the JSON says which address to use. Pages keep Django's 301."""

import json

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.middleware import common
from django.utils.http import escape_leading_slashes

from portal.api.errors import API_PREFIX


class CommonMiddleware(common.CommonMiddleware):
    def process_response(self, request: HttpRequest, response: object) -> object:
        if _is_api(request) and response.status_code == 404 and self.should_redirect_with_slash(request):
            # Built here rather than by get_full_path_with_slash, which refuses a POST when
            # DEBUG is on: a 308 keeps the body, so it has nothing to refuse.
            location = escape_leading_slashes(request.get_full_path(force_append_slash=True))
            body = {"detail": f"This address ends with a slash: send the request again to {location}"}
            return HttpResponsePermanentRedirect(
                location, preserve_request=True, content=json.dumps(body), content_type="application/json"
            )
        return super().process_response(request, response)


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)
