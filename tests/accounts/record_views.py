"""Every URL, classified. A view marked @shows_records needs an entry in RECORD_VIEWS
saying how to open it successfully and what its log entry must name; any other view
must be listed in NON_RECORD_VIEWS. test_access_log_url_walk fails for a URL in
neither, so a new page cannot be added without deciding whether it shows records."""

from collections.abc import Callable

from tests.accounts.record_request import RecordRequest
from tests.accounts.record_requests_case_api import CASE_API_VIEWS
from tests.accounts.record_requests_casework import CASEWORK_VIEWS
from tests.accounts.record_requests_oversight import OVERSIGHT_VIEWS
from tests.accounts.record_requests_people import PEOPLE_VIEWS

RECORD_VIEWS: dict[str, Callable[[], RecordRequest]] = {
    **CASEWORK_VIEWS,
    **CASE_API_VIEWS,
    **PEOPLE_VIEWS,
    **OVERSIGHT_VIEWS,
}
"""Each view that shows records and how to open it, gathered from the modules by area."""

NON_RECORD_VIEWS: set[str] = {
    "trigger_points:dashboard",
    "trigger_points:city",
    "trigger_points:fairness",
    "trigger_points:needs_assessment_csv",
    "home",
    "privacy",
    "accessibility",
    "login",
    "logout",
    "two_factor:verify",
    "two_factor:set_up",
    "two_factor:backup_codes",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "session:timeout_warning",
    "session:status",
    "session:keep_alive",
    "access_log:index",
    "chronology:index",
    "chronology:runs",
    "chronology:upload",
    "chronology:run_again",
    "chronology:register",
    "chronology:register_edit",
    "notifications:read",
    "notifications:open",
    "notifications:settings",
    "risk:flag_confirm",
    "risk:indicators",
    "risk:indicator_new",
    "risk:indicator",
    "risk:indicator_edit",
    "risk:indicator_switch",
    "risk:portal_switch",
    "risk:outcomes",
    "stewardship:health",
    "stewardship:health_feed",
    "stewardship:retention_run",
    "stewardship:hold_new",
    "referrals:send",
    "interventions:scorecards",
    "interventions:scorecards_csv",
    "api:me",
    "api:schema",
    "api:docs",
    "api:school-list",
    "api_tokens:index",
    "api_tokens:create",
    "api_tokens:service_account",
    "api_tokens:revoke",
    "api:school-detail",
    "api:feed-list",
    "api:feed-run-create",
    "api:feed-run-list",
    "api:indicator-list",
    "api:indicator-detail",
    "api:feed-health-list",
    "api:feed-health-detail",
    "api:programme-list",
    "api:worker-list",
}

# The Django admin registers no model that holds a child's record
# (test_access_log_url_walk checks the registry), so none of its pages shows one.
NON_RECORD_NAMESPACES: set[str] = {"admin"}
