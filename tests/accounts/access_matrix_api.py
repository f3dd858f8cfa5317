"""The API's part of the access matrix (access_matrix.py): every endpoint named
"api:..." answers 401 to a visitor without credentials; the walk calls each with a
signed-in browser session, and tests/api/ calls each with tokens."""

from tests.accounts.access_rows import OWN_PUPILS_ONLY, row

API_EXPECTED: dict[str, dict[str, int]] = {
    "api:me": row(anonymous=401, default=200),
    "api:schema": row(anonymous=401, default=200),
    "api:docs": row(anonymous=401, default=200),
    "api:school-list": row(anonymous=401, default=200),
    "api:school-detail": row(anonymous=401, default=200, other_school_head_teacher=404),
    "api:young-person-list": row(
        anonymous=401,
        default=403,
        head_teacher=200,
        dsl=200,
        taskforce=200,
        intervention_worker=200,
        other_school_head_teacher=200,
    ),
    "api:young-person-detail": row(anonymous=401, **OWN_PUPILS_ONLY),
    "api:young-person-chronology": row(anonymous=401, **OWN_PUPILS_ONLY),
    "api:young-person-break-glass": row(anonymous=401, default=403, taskforce=405),
    "api:feed-list": row(anonymous=401, default=403, data_officer=200),
    "api:feed-run-create": row(anonymous=401, default=403, data_officer=405),
    "api:feed-run-list": row(anonymous=401, default=403, data_officer=200),
    "api:feed-run-detail": row(anonymous=401, default=403, data_officer=200),
    "api:access-log-list": row(anonymous=401, default=403, ig_officer=200),
    "api:person-access-log": row(anonymous=401, default=403, ig_officer=200),
    "api:indicator-list": row(anonymous=401, default=403, administrator=200, taskforce=200, ig_officer=200),
    "api:indicator-detail": row(anonymous=401, default=403, administrator=200, taskforce=200, ig_officer=200),
    "api:flag-list": row(
        anonymous=401, default=403, head_teacher=200, dsl=200, taskforce=200, other_school_head_teacher=200
    ),
    "api:feed-health-list": row(anonymous=401, default=403, data_officer=200, ig_officer=200, taskforce=200),
    "api:feed-health-detail": row(
        anonymous=401, default=403, data_officer=200, ig_officer=200, taskforce=200
    ),
    "api:referral-list": row(
        anonymous=401, default=403, head_teacher=200, dsl=200, taskforce=200, other_school_head_teacher=200
    ),
    "api:referral-detail": row(
        anonymous=401, default=403, head_teacher=200, dsl=200, taskforce=200, other_school_head_teacher=404
    ),
    "api:referral-send": row(
        anonymous=401, default=403, head_teacher=405, dsl=405, taskforce=405, other_school_head_teacher=405
    ),
    "api:referral-accept": row(anonymous=401, default=403, taskforce=405),
    "api:referral-decline": row(anonymous=401, default=403, taskforce=405),
    "api:referral-ask": row(anonymous=401, default=403, taskforce=405),
    "api:referral-add-information": row(
        anonymous=401, default=403, head_teacher=405, dsl=405, taskforce=405, other_school_head_teacher=405
    ),
    "api:referral-allocate": row(anonymous=401, default=403, taskforce=405),
    "api:programme-list": row(anonymous=401, default=403, taskforce=200),
    "api:worker-list": row(anonymous=401, default=403, taskforce=200),
    "api:intervention-list": row(anonymous=401, default=403, taskforce=200, intervention_worker=200),
    "api:intervention-detail": row(anonymous=401, default=403, taskforce=200, intervention_worker=200),
    "api:intervention-session-create": row(
        anonymous=401, default=403, taskforce=405, intervention_worker=405
    ),
    "api:intervention-session-detail": row(
        anonymous=401, default=403, taskforce=200, intervention_worker=200
    ),
    "api:intervention-session-withdraw": row(
        anonymous=401, default=403, taskforce=405, intervention_worker=405
    ),
    "api:intervention-review": row(anonymous=401, default=403, taskforce=405, intervention_worker=405),
    "api:intervention-close": row(anonymous=401, default=403, taskforce=405, intervention_worker=405),
    "api:intervention-change-worker": row(anonymous=401, default=403, taskforce=405),
}

API_URL_KWARGS: dict[str, dict[str, str]] = {
    "api:school-detail": {"pk": "school"},
    "api:young-person-detail": {"pk": "pupil"},
    "api:young-person-chronology": {"pk": "pupil"},
    "api:young-person-break-glass": {"pk": "pupil"},
    "api:feed-run-create": {"code": "feed"},
    "api:feed-run-detail": {"pk": "run"},
    "api:person-access-log": {"pk": "pupil"},
    "api:indicator-detail": {"code": "indicator"},
    "api:feed-health-detail": {"code": "feed"},
    "api:referral-detail": {"pk": "referral"},
    "api:referral-send": {"pk": "draft"},
    "api:referral-accept": {"pk": "referral"},
    "api:referral-decline": {"pk": "referral"},
    "api:referral-ask": {"pk": "referral"},
    "api:referral-add-information": {"pk": "referral"},
    "api:referral-allocate": {"pk": "accepted"},
    "api:intervention-detail": {"pk": "intervention"},
    "api:intervention-session-create": {"pk": "intervention"},
    "api:intervention-session-detail": {"pk": "intervention", "sid": "session"},
    "api:intervention-session-withdraw": {"pk": "intervention", "sid": "session"},
    "api:intervention-review": {"pk": "intervention"},
    "api:intervention-close": {"pk": "intervention"},
    "api:intervention-change-worker": {"pk": "intervention"},
}
