"""The expected answer of every URL for every kind of visitor. The walk in
test_url_access_walk.py requests each named URL (GET) as each actor and fails when a
URL name is missing here, so no page ships without an explicit access rule.

To add a URL: add its name to EXPECTED with `row(...)`. Actors:
- "anonymous": not signed in;
- each Role value ("head_teacher", "dsl", "taskforce", "intervention_worker",
  "ig_officer", "data_officer", "administrator"): head teacher and DSL are staff of
  school A; the intervention worker is allocated "referred" (through "intervention");
- "other_school_head_teacher": a head teacher of school B.
URL arguments name objects the walk builds (see WORLD_KEYS in the walk): for example
{"pk": "pupil"} is a pupil at school A, visible to school A's staff only; "school" is
school A; "flag" is a partner-agency flag on another pupil of school A (so on the
taskforce's caseload), and "indicator" the code of the indicator that raised it;
"staff_user" is school A's DSL; "anomaly" is the key of a break-glass view of that
pupil; "feed" is the police incidents feed, "run" an import of it and "review" the row
it queued; "referred" is another pupil of school A, "referral" school A's DSL's sent
referral of them, "draft" a draft, "accepted" an accepted referral, and "intervention"
an intervention on another accepted referral, allocated to the intervention worker, and
"session" an individual session its worker recorded.
API endpoints (names "api:...", listed in access_matrix_api.py) answer 401 to a visitor
without credentials; the walk calls them with a signed-in browser session, and
tests/api/ calls each with tokens.
Statuses: 200 shown, 401 no credentials (API), 302 redirect to sign-in (anonymous) or
away, 403 a page the role may never use, 404 a record outside the actor's scope, 405
wrong method for a GET.
Django admin internals other than the index are covered by the index (administrators only).
"""

from tests.accounts.access_matrix_api import API_EXPECTED, API_URL_KWARGS
from tests.accounts.access_rows import ACTORS, OWN_PUPILS_ONLY, row

__all__ = ["ACTORS", "EXPECTED", "URL_KWARGS"]

EXPECTED: dict[str, dict[str, int]] = {
    "home": row(default=200),
    "privacy": row(anonymous=200, default=200),
    "accessibility": row(anonymous=200, default=200),
    "login": row(anonymous=200, default=302),
    "logout": row(anonymous=405, default=405),
    # Signed in with both factors already: the second step sends them on.
    "two_factor:verify": row(default=302),
    "two_factor:set_up": row(default=302),
    "two_factor:backup_codes": row(default=200),
    # Outside the warning period the warning page sends people back where they were.
    "session:timeout_warning": row(default=302),
    "session:status": row(anonymous=200, default=200),
    "session:keep_alive": row(anonymous=405, default=405),
    "password_reset": row(anonymous=200, default=200),
    "password_reset_done": row(anonymous=200, default=200),
    "password_reset_confirm": row(anonymous=200, default=200),
    "password_reset_complete": row(anonymous=200, default=200),
    "young_person_list": row(
        default=403,
        head_teacher=200,
        dsl=200,
        taskforce=200,
        intervention_worker=200,
        other_school_head_teacher=200,
    ),
    "young_person_detail": row(**OWN_PUPILS_ONLY),
    "young_person_break_glass": row(default=403, taskforce=200),
    "trigger_points:dashboard": row(default=403, head_teacher=200, dsl=200, other_school_head_teacher=200),
    "trigger_points:flagged": row(
        default=403, head_teacher=200, dsl=200, taskforce=200, other_school_head_teacher=200
    ),
    "trigger_points:flagged_print": row(
        default=403, head_teacher=200, dsl=200, taskforce=200, other_school_head_teacher=200
    ),
    "trigger_points:flagged_csv": row(
        default=403, head_teacher=200, dsl=200, taskforce=200, other_school_head_teacher=200
    ),
    "trigger_points:city": row(default=403, taskforce=200),
    "trigger_points:fairness": row(default=403, taskforce=200, ig_officer=200),
    "trigger_points:needs_assessment_csv": row(default=403, taskforce=200, ig_officer=200),
    "chronology:timeline": row(**OWN_PUPILS_ONLY),
    "chronology:timeline_print": row(**OWN_PUPILS_ONLY),
    "chronology:timeline_csv": row(**OWN_PUPILS_ONLY),
    "chronology:timeline_report": row(default=403, dsl=200, taskforce=404),
    "chronology:doubt": row(default=403, data_officer=200),
    "admin:index": row(default=403, administrator=200),
    "notifications:list": row(default=200),
    "notifications:read": row(anonymous=405, default=405),
    "notifications:open": row(default=404, dsl=302),
    "notifications:settings": row(default=200),
    "access_log:index": row(default=403, ig_officer=200),
    "access_log:entries": row(default=403, ig_officer=200),
    "access_log:people": row(default=403, ig_officer=200),
    "access_log:person_history": row(default=403, ig_officer=200),
    "access_log:person_history_csv": row(default=403, ig_officer=200),
    "access_log:user_history": row(default=403, ig_officer=200),
    "access_log:anomalies": row(default=403, ig_officer=200),
    "access_log:anomaly_review": row(default=403, ig_officer=200),
    "chronology:index": row(default=403, data_officer=200),
    "chronology:runs": row(default=403, data_officer=200),
    "chronology:upload": row(default=403, data_officer=200),
    "chronology:run": row(default=403, data_officer=200),
    "chronology:run_again": row(default=403, data_officer=405),
    "chronology:rejected_csv": row(default=403, data_officer=200),
    "chronology:register": row(default=403, data_officer=200, ig_officer=200, administrator=200),
    "chronology:register_edit": row(default=403, administrator=200),
    "chronology:review_queue": row(default=403, data_officer=200),
    "chronology:find_person": row(default=403, data_officer=302),
    "chronology:review": row(default=403, data_officer=200),
    "risk:review_queue": row(default=403, taskforce=200),
    "risk:flag_dismiss": row(default=403, dsl=200, taskforce=200),
    "risk:flag_confirm": row(default=403, taskforce=405),
    "risk:indicators": row(default=403, administrator=200, taskforce=200, ig_officer=200),
    "risk:indicator_new": row(default=403, administrator=200),
    "risk:indicator": row(default=403, administrator=200, taskforce=200, ig_officer=200),
    "risk:indicator_edit": row(default=403, administrator=200),
    "risk:indicator_switch": row(default=403, administrator=405),
    "risk:portal_switch": row(default=403, administrator=405),
    "risk:outcomes": row(default=403, taskforce=200, ig_officer=200),
    "stewardship:health": row(default=403, data_officer=200, ig_officer=200, taskforce=200),
    "stewardship:health_feed": row(default=403, data_officer=200, ig_officer=200, taskforce=200),
    "stewardship:retention": row(default=403, ig_officer=200),
    "stewardship:retention_run": row(default=403, ig_officer=200),
    "stewardship:hold_new": row(default=403, ig_officer=200),
    "stewardship:hold_release": row(default=403, ig_officer=200),
    # Only people linkage work or the officer's own search leads to (accounts/access_matching.py):
    # the referred pupil is neither (the walk's pupil has a reported link, which does lead
    # there), so a data officer guessing the id gets 404.
    "chronology:person_records": row(default=403, data_officer=404),
    "referrals:list": row(
        default=403, head_teacher=200, dsl=200, taskforce=200, other_school_head_teacher=200
    ),
    "referrals:queue": row(default=403, taskforce=200),
    "referrals:new": row(
        default=403, head_teacher=200, dsl=200, taskforce=200, other_school_head_teacher=404
    ),
    "referrals:detail": row(
        default=403, head_teacher=200, dsl=200, taskforce=200, other_school_head_teacher=404
    ),
    "referrals:edit": row(
        default=403, head_teacher=404, dsl=200, taskforce=404, other_school_head_teacher=404
    ),
    "referrals:send": row(
        default=403, head_teacher=405, dsl=405, taskforce=405, other_school_head_teacher=405
    ),
    "referrals:add": row(
        default=403, head_teacher=403, dsl=200, taskforce=200, other_school_head_teacher=404
    ),
    "referrals:triage": row(default=403, taskforce=200),
    "referrals:allocate": row(default=403, taskforce=200),
    "interventions:list": row(default=403, taskforce=200, intervention_worker=200),
    "interventions:group_session": row(default=403, taskforce=200, intervention_worker=200),
    "interventions:scorecards": row(default=403, taskforce=200),
    "interventions:scorecards_csv": row(default=403, taskforce=200),
    "interventions:analysts_csv": row(default=403, taskforce=200),
    "interventions:detail": row(default=403, taskforce=200, intervention_worker=200),
    "interventions:worker": row(default=403, taskforce=200),
    "interventions:session": row(default=403, taskforce=200, intervention_worker=200),
    "interventions:session_detail": row(default=403, taskforce=200, intervention_worker=200),
    "interventions:session_withdraw": row(default=403, taskforce=200, intervention_worker=200),
    "interventions:review": row(default=403, taskforce=200, intervention_worker=200),
    "interventions:close": row(default=403, taskforce=200, intervention_worker=200),
    "api_tokens:index": row(default=403, administrator=200),
    "api_tokens:create": row(default=403, administrator=405),
    "api_tokens:service_account": row(default=403, administrator=405),
    "api_tokens:revoke": row(default=403, administrator=405),
    **API_EXPECTED,
}

URL_KWARGS: dict[str, dict[str, str]] = {
    "password_reset_confirm": {"uidb64": "reset_uid", "token": "reset_token"},
    "young_person_detail": {"pk": "pupil"},
    "young_person_break_glass": {"pk": "pupil"},
    "chronology:timeline": {"pk": "pupil"},
    "chronology:timeline_print": {"pk": "pupil"},
    "chronology:timeline_csv": {"pk": "pupil"},
    "chronology:timeline_report": {"pk": "pupil", "event_id": "event"},
    "chronology:doubt": {"doubt_id": "doubt"},
    "notifications:open": {"pk": "notification"},
    "access_log:person_history": {"person_id": "pupil"},
    "access_log:person_history_csv": {"person_id": "pupil"},
    "access_log:user_history": {"user_id": "staff_user"},
    "access_log:anomaly_review": {"key": "anomaly"},
    "chronology:upload": {"code": "feed"},
    "chronology:run": {"run_id": "run"},
    "chronology:run_again": {"run_id": "run"},
    "chronology:rejected_csv": {"run_id": "run"},
    "chronology:register_edit": {"code": "feed"},
    "chronology:review": {"review_id": "review"},
    "chronology:person_records": {"person_id": "referred"},
    "risk:flag_dismiss": {"pk": "flag"},
    "risk:flag_confirm": {"pk": "flag"},
    "risk:indicator": {"code": "indicator"},
    "risk:indicator_edit": {"code": "indicator"},
    "risk:indicator_switch": {"code": "indicator"},
    "stewardship:health_feed": {"code": "feed"},
    "stewardship:retention_run": {"run_id": "retention_run"},
    "stewardship:hold_release": {"hold_id": "hold"},
    "referrals:new": {"person_id": "referred"},
    "referrals:detail": {"pk": "referral"},
    "referrals:edit": {"pk": "draft"},
    "referrals:send": {"pk": "draft"},
    "referrals:add": {"pk": "referral"},
    "referrals:triage": {"pk": "referral"},
    "referrals:allocate": {"pk": "accepted"},
    "interventions:detail": {"pk": "intervention"},
    "interventions:worker": {"pk": "intervention"},
    "interventions:session": {"pk": "intervention"},
    "interventions:session_detail": {"pk": "intervention", "sid": "session"},
    "interventions:session_withdraw": {"pk": "intervention", "sid": "session"},
    "interventions:review": {"pk": "intervention"},
    "interventions:close": {"pk": "intervention"},
    **API_URL_KWARGS,
}
