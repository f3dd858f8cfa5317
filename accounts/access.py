"""The one access layer: every decision "may this user open this page or see this
record, at what detail?" is made here, and HTML views, the API, exports and tasks all
use it. Pages a role may never use answer 403; records outside scope answer 404.

Scope lives in access_scope.py (drawn from the schools, grants and break-glass of
access_holdings.py and the taskforce's caseload of access_caseload.py), opening one
record (and break-glass) in access_records.py, detail levels in access_detail.py (with
household membership dates in access_household.py), the data officer's reach for record
linkage and identities for matching in access_matching.py; import them from here, the
layer's single entry point."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.access_attendance import attendance_for
from accounts.access_caseload import register_taskforce_caseload
from accounts.access_detail import (
    DETAIL_BY_ROLE,
    PROVENANCE_ROLES,
    RESTRICTED_NOTICE,
    DetailLevel,
    RelativeRow,
    detail_level,
    effective_sensitivity,
    family_for,
    higher_tier,
    known_tier,
    sees_tier,
    sensitivity_level,
)
from accounts.access_flags import (
    ADDITIONAL_FACTOR,
    JUDGEMENT_NOTICE,
    FlagFacts,
    FlagPolicy,
    ShownFlag,
    flag_policy,
    flags_for,
    flags_shown,
    names_flag,
    register_flag_source,
)
from accounts.access_holdings import school_in_scope, schools_in_scope
from accounts.access_household import Household, household_of, households_of
from accounts.access_log import log_denied
from accounts.access_matching import identities_for_matching, person_for_linkage, register_linkage_leads
from accounts.access_memo import per_request
from accounts.access_records import (
    RecordAccess,
    RecordOutOfScope,
    active_break_glass,
    break_glass_candidates,
    break_glass_target,
    break_glass_used,
    logs_refusals,
    may_break_glass,
    person_for_request,
    search_young_people,
)
from accounts.access_scope import (
    RECORD_ROLES,
    about_visible_young_people,
    can_view,
    of_visible_young_people,
    visible_among,
    visible_names,
    visible_young_people,
)
from accounts.middleware.sessions import sent_while_signed_out
from accounts.roles import Role


def has_role(user: object, *roles: Role) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role in roles)


def role_required(*roles: Role, person: str | None = None) -> Callable:
    """Only these roles may use the page; anyone else signed in gets 403. Put it above
    @shows_records: a record outside scope is then logged as refused after the view's
    transaction has rolled back (see logs_refusals). The user's scope is resolved at
    most once while the view runs (access_memo). `person` names the URL argument of a
    page about one young person: a role that may not use it is logged as a refused
    attempt on them, as the API logs it, so that IG sees, say, an administrator trying a
    child's record."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.is_authenticated:
                if request.method == "POST":
                    return sent_while_signed_out()
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                if person is not None and person in kwargs:
                    log_denied(request=request, person_id=kwargs[person], reason="role may not use this page")
                raise PermissionDenied
            with per_request():
                return refusing(request, *args, **kwargs)

        refusing = logs_refusals(view)
        wrapped.allowed_roles = frozenset(roles)
        return wrapped

    return decorator


def signed_in_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a page every signed-in user may open, whatever their role (the home page):
    signing in is required, and the access layer's answers are remembered while the view
    runs, as under role_required. Without that, the home page's counts each resolved the
    user's scope and read the trigger-point switch again (26 queries for the taskforce)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        with per_request():
            return view(request, *args, **kwargs)

    return login_required(wrapped)


__all__ = [
    "ADDITIONAL_FACTOR",
    "JUDGEMENT_NOTICE",
    "FlagFacts",
    "FlagPolicy",
    "ShownFlag",
    "flag_policy",
    "flags_for",
    "flags_shown",
    "names_flag",
    "register_flag_source",
    "attendance_for",
    "DETAIL_BY_ROLE",
    "PROVENANCE_ROLES",
    "RECORD_ROLES",
    "about_visible_young_people",
    "RESTRICTED_NOTICE",
    "DetailLevel",
    "RecordAccess",
    "RecordOutOfScope",
    "RelativeRow",
    "active_break_glass",
    "break_glass_candidates",
    "break_glass_used",
    "break_glass_target",
    "can_view",
    "detail_level",
    "effective_sensitivity",
    "family_for",
    "household_of",
    "households_of",
    "Household",
    "identities_for_matching",
    "has_role",
    "logs_refusals",
    "of_visible_young_people",
    "may_break_glass",
    "person_for_linkage",
    "person_for_request",
    "register_linkage_leads",
    "register_taskforce_caseload",
    "role_required",
    "school_in_scope",
    "schools_in_scope",
    "search_young_people",
    "signed_in_page",
    "higher_tier",
    "known_tier",
    "sees_tier",
    "sensitivity_level",
    "visible_among",
    "visible_names",
    "visible_young_people",
]
